package dev.heed.text.seo;

import static dev.heed.text.seo.ReportBuilder.fmt;
import static dev.heed.text.seo.SeoReport.Status.BAD;
import static dev.heed.text.seo.SeoReport.Status.GOOD;
import static dev.heed.text.seo.SeoReport.Status.OK;

import java.util.List;

/** Keyphrase matching on word sequences and the keyphrase checks shared by both languages. */
final class Phrases {
  /** Keyphrase density bounds in percent (Yoast's, for every keyphrase length). */
  static final double MIN_DENSITY = 0.5;

  static final double MAX_DENSITY = 3.0;

  private Phrases() {}

  /** Where {@code phrase} first occurs in {@code words} as consecutive words, or -1. */
  static int indexOf(List<String> words, List<String> phrase) {
    return indexOf(words, phrase, 0);
  }

  private static int indexOf(List<String> words, List<String> phrase, int from) {
    if (phrase.isEmpty()) {
      return -1;
    }
    outer:
    for (int i = from; i + phrase.size() <= words.size(); i++) {
      for (int j = 0; j < phrase.size(); j++) {
        if (!words.get(i + j).equals(phrase.get(j))) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** How often {@code phrase} occurs in {@code words}, without overlaps. */
  static int occurrences(List<String> words, List<String> phrase) {
    int count = 0;
    for (int i = indexOf(words, phrase, 0); i >= 0; i = indexOf(words, phrase, i + phrase.size())) {
      count++;
    }
    return count;
  }

  static void title(boolean missing, int index, boolean allWords, ReportBuilder r) {
    String id = "keyphrase_in_title";
    if (missing) {
      r.check(id, BAD, "Add an SEO title that begins with the keyphrase.", null);
    } else if (index == 0) {
      r.check(id, GOOD, "The title begins with the keyphrase.", null);
    } else if (index > 0) {
      r.check(
          id,
          OK,
          "The title contains the keyphrase; move it to the beginning, where readers and search"
              + " engines weigh it most.",
          null);
    } else if (allWords) {
      r.check(
          id,
          OK,
          "The title has the keyphrase's words but not the exact phrase; use the exact phrase, at"
              + " the beginning.",
          null);
    } else {
      r.check(id, BAD, "Add the keyphrase to the title, ideally at the beginning.", null);
    }
  }

  static void introduction(boolean inOneSentence, boolean inParagraph, ReportBuilder r) {
    String id = "keyphrase_in_introduction";
    if (inOneSentence) {
      r.check(id, GOOD, "The keyphrase appears in the first paragraph.", null);
    } else if (inParagraph) {
      r.check(
          id,
          OK,
          "The keyphrase's words are in the first paragraph but not together in one sentence; use"
              + " the keyphrase in one sentence of the first paragraph.",
          null);
    } else {
      r.check(
          id,
          BAD,
          "Add the keyphrase to the first paragraph, so readers and search engines see at once what"
              + " the text is about.",
          null);
    }
  }

  static void density(int occurrences, int words, String unit, ReportBuilder r) {
    String id = "keyphrase_density";
    double density = words == 0 ? 0 : 100.0 * occurrences / words;
    r.metric("keyphrase_occurrences", occurrences);
    r.metric("keyphrase_density", density);
    String found =
        "The keyphrase occurs "
            + occurrences
            + " time"
            + (occurrences == 1 ? "" : "s")
            + " in "
            + words
            + " "
            + unit
            + " ("
            + fmt(density, 2)
            + "%)";
    if (density < MIN_DENSITY) {
      int needed = Math.max(1, (int) Math.ceil(MIN_DENSITY / 100 * words) - occurrences);
      r.check(
          id,
          BAD,
          found
              + "; use it about "
              + needed
              + " more time"
              + (needed == 1 ? "" : "s")
              + " to reach 0.5–3%.",
          density);
    } else if (density > MAX_DENSITY) {
      int most = (int) Math.floor(MAX_DENSITY / 100 * words);
      int wordsNeeded = (int) Math.ceil(occurrences * 100 / MAX_DENSITY);
      r.check(
          id,
          BAD,
          found
              + ": that reads as keyword stuffing; "
              + (most >= 1
                  ? "use it at most " + most + " time" + (most == 1 ? "" : "s") + " (3%)"
                  : "the text is too short for it")
              + ", or write more (about "
              + wordsNeeded
              + " "
              + unit
              + " for "
              + occurrences
              + " uses), and vary the wording.",
          density);
    } else {
      r.check(id, GOOD, found + ": within 0.5–3%.", density);
    }
  }

  static void metaDescription(boolean missing, boolean contains, ReportBuilder r) {
    String id = "keyphrase_in_meta_description";
    if (missing) {
      r.check(id, BAD, "Add a meta description that contains the keyphrase.", null);
    } else if (contains) {
      r.check(id, GOOD, "The meta description contains the keyphrase.", null);
    } else {
      r.check(
          id,
          BAD,
          "Add the keyphrase to the meta description: search engines highlight it in the snippet.",
          null);
    }
  }
}
