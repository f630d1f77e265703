package dev.heed.text.seo;

import static dev.heed.text.seo.ReportBuilder.percent;
import static dev.heed.text.seo.SeoReport.Status.BAD;
import static dev.heed.text.seo.SeoReport.Status.GOOD;
import static dev.heed.text.seo.SeoReport.Status.OK;

import dev.heed.text.token.TextTokenizer;
import dev.heed.text.token.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Chinese checks, segmentation-aware equivalents of the English ones. Lengths count characters
 * (letters and digits; punctuation and spaces left out), words are HanLP's segmentation. Keyphrase:
 * at most 4 words (8 acceptable), at the beginning of the title, in the first paragraph, density
 * 0.5–3% (occurrences of the keyphrase's segmented form among the text's words), in the meta
 * description; title 15–30 characters (what Baidu and Google show of a Chinese title); meta
 * description 60–80 characters; at least 600 characters (500 acceptable); at most 25% of sentences
 * over 50 characters (30% acceptable); paragraphs of at most 300 characters (400 acceptable);
 * sections under headings of at most 600 characters (700 acceptable) — the text, paragraph and
 * section bounds are Yoast's for Japanese, the other language it measures in characters; character
 * difficulty: at most 3% of Han characters outside the 2,500 most common (6% acceptable).
 */
final class ChineseSeoChecks {
  /** A sentence longer than this many characters is long. */
  static final int LONG_SENTENCE = 50;

  /** Shares of rare characters that are good, and still acceptable. */
  static final double RARE_GOOD = 0.03;

  static final double RARE_OK = 0.06;

  private ChineseSeoChecks() {}

  /** Letters and digits: what a Chinese length counts. */
  static int characters(String text) {
    return (int) text.codePoints().filter(Character::isLetterOrDigit).count();
  }

  /** The words of a text as HanLP segments them, lower-cased, punctuation left out. */
  static List<String> words(TextTokenizer tokenizer, String text) {
    List<String> out = new ArrayList<>();
    for (Token t : tokenizer.tokens(text)) {
      if (t.text().codePoints().anyMatch(Character::isLetterOrDigit)) {
        out.add(t.text().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  static void run(SeoInput in, ReportBuilder r) {
    SeoText doc = SeoText.parse(in.text(), true);
    TextTokenizer tokenizer = TextTokenizer.forLanguage("zh");
    List<String> paragraphs = doc.paragraphs();
    List<Integer> paragraphChars = new ArrayList<>();
    List<Integer> sentenceChars = new ArrayList<>();
    List<List<String>> paragraphWords = new ArrayList<>();
    int characters = 0;
    for (String p : paragraphs) {
      int c = characters(p);
      characters += c;
      paragraphChars.add(c);
      paragraphWords.add(words(tokenizer, p));
      for (String s : tokenizer.sentences(p)) {
        int n = characters(s);
        if (n > 0) {
          sentenceChars.add(n);
        }
      }
    }
    int words = paragraphWords.stream().mapToInt(List::size).sum();
    r.metric("characters", characters);
    r.metric("words", words);
    r.metric("sentences", sentenceChars.size());
    r.metric("paragraphs", paragraphs.size());

    String title = in.title() == null ? "" : in.title().strip();
    String meta = in.metaDescription() == null ? "" : in.metaDescription().strip();
    keyphraseChecks(in.keyphrase(), title, meta, paragraphs, paragraphWords, words, tokenizer, r);
    Lengths.title(nonSpace(title), 15, 30, r);
    Lengths.meta(nonSpace(meta), 60, 80, r);
    Lengths.text(characters, 600, 500, "characters", r);
    if (!sentenceChars.isEmpty()) {
      int longOnes = (int) sentenceChars.stream().filter(n -> n > LONG_SENTENCE).count();
      r.metric(
          "avg_sentence_length",
          sentenceChars.stream().mapToInt(Integer::intValue).average().orElse(0));
      r.metric("long_sentence_share", (double) longOnes / sentenceChars.size());
      Lengths.sentences(longOnes, sentenceChars.size(), LONG_SENTENCE, "characters", r);
      Lengths.paragraphs(paragraphChars, 300, 400, "characters", r);
    }
    if (doc.hasHeadings()) {
      List<Integer> sections = new ArrayList<>();
      for (SeoText.Section s : doc.sections()) {
        int n = s.paragraphs().stream().mapToInt(ChineseSeoChecks::characters).sum();
        if (n > 0) {
          sections.add(n);
        }
      }
      Lengths.subheadings(sections, 600, 700, "characters", r);
    }
    characterDifficulty(String.join("\n", paragraphs), r);
  }

  private static int nonSpace(String s) {
    return (int) s.codePoints().filter(c -> !Character.isWhitespace(c)).count();
  }

  private static void keyphraseChecks(
      String keyphrase,
      String title,
      String meta,
      List<String> paragraphs,
      List<List<String>> paragraphWords,
      int words,
      TextTokenizer tokenizer,
      ReportBuilder r) {
    String kp = keyphrase == null ? "" : keyphrase.strip().toLowerCase(Locale.ROOT);
    List<String> phrase = kp.isEmpty() ? List.of() : words(tokenizer, kp);
    if (phrase.isEmpty()) {
      SeoAnalyzer.noKeyphrase(r);
      return;
    }
    int n = phrase.size();
    String has =
        "The keyphrase has "
            + n
            + " word"
            + (n == 1 ? "" : "s")
            + " ("
            + String.join(" / ", phrase)
            + ")";
    if (n <= 4) {
      r.check("keyphrase_length", GOOD, has + ": focused enough.", (double) n);
    } else {
      r.check(
          "keyphrase_length",
          n <= 8 ? OK : BAD,
          has + "; shorten it to at most 4 words, the way people phrase a search.",
          (double) n);
    }

    String lowerTitle = title.toLowerCase(Locale.ROOT);
    Phrases.title(title.isEmpty(), lowerTitle.indexOf(kp), containsAll(lowerTitle, phrase), r);

    String first = paragraphs.isEmpty() ? "" : paragraphs.getFirst().toLowerCase(Locale.ROOT);
    Phrases.introduction(first.contains(kp), containsAll(first, phrase), r);

    int occurrences = 0;
    for (List<String> p : paragraphWords) {
      occurrences += Phrases.occurrences(p, phrase);
    }
    Phrases.density(occurrences, words, "words", r);

    String lowerMeta = meta.toLowerCase(Locale.ROOT);
    Phrases.metaDescription(
        meta.isEmpty(), lowerMeta.contains(kp) || containsAll(lowerMeta, phrase), r);
  }

  private static boolean containsAll(String text, List<String> words) {
    return words.stream().allMatch(text::contains);
  }

  private static void characterDifficulty(String text, ReportBuilder r) {
    int han = 0;
    Map<Integer, Integer> rare = new LinkedHashMap<>();
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
        han++;
        if (!CommonChineseCharacters.isCommon(c)) {
          rare.merge(c, 1, Integer::sum);
        }
      }
    }
    if (han == 0) {
      return;
    }
    int rareCount = rare.values().stream().mapToInt(Integer::intValue).sum();
    double share = (double) rareCount / han;
    r.metric("han_characters", han);
    r.metric("rare_character_share", share);
    String counted =
        rareCount
            + " of "
            + han
            + " Chinese characters ("
            + percent(share)
            + ") are outside the 2,500 most common";
    if (share <= RARE_GOOD) {
      r.check("character_difficulty", GOOD, counted + ": within 3%.", share);
    } else {
      String examples =
          rare.entrySet().stream()
              .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed())
              .limit(5)
              .map(e -> Character.toString(e.getKey()))
              .collect(Collectors.joining("、"));
      r.check(
          "character_difficulty",
          share <= RARE_OK ? OK : BAD,
          counted
              + " (such as "
              + examples
              + "); aim for at most 3%: prefer everyday words where a rarer one is not needed.",
          share);
    }
  }
}
