package dev.heed.text.seo;

import static dev.heed.text.seo.ReportBuilder.percent;
import static dev.heed.text.seo.SeoReport.Status.BAD;
import static dev.heed.text.seo.SeoReport.Status.GOOD;
import static dev.heed.text.seo.SeoReport.Status.OK;

import java.util.List;

/** The length checks shared by both languages; the caller gives the unit and the bounds. */
final class Lengths {
  /** Share of long sentences that is good, and that is still acceptable (Yoast's). */
  static final double LONG_SENTENCES_GOOD = 0.25;

  static final double LONG_SENTENCES_OK = 0.30;

  private Lengths() {}

  /** Title length in characters: good in [min, max], too short ok, too long (cut off) bad. */
  static void title(int length, int min, int max, ReportBuilder r) {
    r.metric("title_length", length);
    String range = min + "–" + max + " characters";
    if (length == 0) {
      r.check("title_length", BAD, "Add an SEO title of " + range + ".", 0.0);
    } else if (length < min) {
      r.check(
          "title_length",
          OK,
          "The title has "
              + length
              + " characters; lengthen it to "
              + range
              + " to use the room search results give it.",
          (double) length);
    } else if (length > max) {
      r.check(
          "title_length",
          BAD,
          "The title has "
              + length
              + " characters; search results cut titles off beyond about "
              + max
              + ": shorten it.",
          (double) length);
    } else {
      r.check(
          "title_length",
          GOOD,
          "The title has " + length + " characters: within " + range + ".",
          (double) length);
    }
  }

  /** Meta description length in characters: good in [min, max], missing bad, else ok. */
  static void meta(int length, int min, int max, ReportBuilder r) {
    r.metric("meta_description_length", length);
    String range = min + "–" + max + " characters";
    String id = "meta_description_length";
    if (length == 0) {
      r.check(
          id,
          BAD,
          "Add a meta description of "
              + range
              + "; without one, search engines show a snippet of their choosing.",
          0.0);
    } else if (length < min) {
      r.check(
          id,
          OK,
          "The meta description has "
              + length
              + " characters; lengthen it to "
              + range
              + " to say more in the snippet.",
          (double) length);
    } else if (length > max) {
      r.check(
          id,
          OK,
          "The meta description has "
              + length
              + " characters; shorten it to at most "
              + max
              + ", or its end is cut off.",
          (double) length);
    } else {
      r.check(
          id,
          GOOD,
          "The meta description has " + length + " characters: within " + range + ".",
          (double) length);
    }
  }

  /** Text length: good from {@code good} units, ok from {@code ok}, else bad. */
  static void text(int length, int good, int ok, String unit, ReportBuilder r) {
    String id = "text_length";
    String has = "The text has " + length + " " + unit;
    if (length >= good) {
      r.check(id, GOOD, has + ": at least " + good + ".", (double) length);
    } else {
      r.check(
          id,
          length >= ok ? OK : BAD,
          has + "; write at least " + good + " so it can cover its topic and rank.",
          (double) length);
    }
  }

  /** Share of sentences longer than {@code limit} units: good up to 25%, ok up to 30%. */
  static void sentences(int longOnes, int total, int limit, String unit, ReportBuilder r) {
    double share = (double) longOnes / total;
    String counted =
        longOnes
            + " of "
            + total
            + " sentences ("
            + percent(share)
            + ") "
            + (longOnes == 1 ? "is" : "are")
            + " longer than "
            + limit
            + " "
            + unit;
    if (share <= LONG_SENTENCES_GOOD) {
      r.check("sentence_length", GOOD, counted + ": within 25%.", share);
    } else {
      r.check(
          "sentence_length",
          share <= LONG_SENTENCES_OK ? OK : BAD,
          counted + "; aim for at most 25%: split the longest sentences.",
          share);
    }
  }

  /** Paragraph lengths: good when none exceeds {@code good} units, ok up to {@code ok}. */
  static void paragraphs(List<Integer> lengths, int good, int ok, String unit, ReportBuilder r) {
    int longest = lengths.stream().mapToInt(Integer::intValue).max().orElse(0);
    long over = lengths.stream().filter(n -> n > good).count();
    r.metric("longest_paragraph_" + unit, longest);
    if (longest <= good) {
      r.check(
          "paragraph_length",
          GOOD,
          "No paragraph is longer than "
              + good
              + " "
              + unit
              + " (the longest has "
              + longest
              + ").",
          (double) longest);
    } else {
      r.check(
          "paragraph_length",
          longest <= ok ? OK : BAD,
          over
              + " paragraph"
              + (over == 1 ? " is" : "s are")
              + " longer than "
              + good
              + " "
              + unit
              + " (the longest has "
              + longest
              + "); split "
              + (over == 1 ? "it" : "them")
              + " to keep paragraphs to one idea each.",
          (double) longest);
    }
  }

  /**
   * Text under each heading: good when no section exceeds {@code good} units, ok up to {@code ok}.
   */
  static void subheadings(List<Integer> lengths, int good, int ok, String unit, ReportBuilder r) {
    int longest = lengths.stream().mapToInt(Integer::intValue).max().orElse(0);
    long over = lengths.stream().filter(n -> n > good).count();
    if (longest <= good) {
      r.check(
          "subheading_distribution",
          GOOD,
          "No section between headings is longer than " + good + " " + unit + ".",
          (double) longest);
    } else {
      r.check(
          "subheading_distribution",
          longest <= ok ? OK : BAD,
          over
              + " section"
              + (over == 1 ? " is" : "s are")
              + " longer than "
              + good
              + " "
              + unit
              + " (the longest has "
              + longest
              + "); add subheadings to break "
              + (over == 1 ? "it" : "them")
              + " up.",
          (double) longest);
    }
  }
}
