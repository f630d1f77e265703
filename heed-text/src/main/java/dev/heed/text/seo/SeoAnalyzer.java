package dev.heed.text.seo;

import dev.heed.text.lang.LanguageDetector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * SEO and readability checks for Chinese and English content, after Yoast SEO's published
 * assessments (<a href="https://yoast.com/features/seo-analysis/">SEO analysis</a> and <a
 * href="https://yoast.com/features/readability-analysis/">readability analysis</a>) with their
 * thresholds; Chinese uses segmentation-aware equivalents (HanLP words, lengths in characters,
 * character difficulty). Each check is good, ok or bad with a message saying what to do; the score
 * is the weighted mean of the checks (good 1, ok 0.5, bad 0) scaled to 0–100, with the weights of
 * {@link #WEIGHTS}. Without a keyphrase the keyphrase checks are replaced by one bad check, {@code
 * keyphrase}, carrying their summed weight. Thread-safe.
 */
public final class SeoAnalyzer {
  /** The languages with checks. */
  public static final Set<String> LANGUAGES = Set.of("en", "zh");

  /**
   * The weight of each check in the score: the keyphrase placements, its density, sentence length,
   * Flesch reading ease and character difficulty count double; {@code subheading_distribution} only
   * when the text has headings.
   */
  public static final Map<String, Integer> WEIGHTS = weights();

  private static Map<String, Integer> weights() {
    Map<String, Integer> w = new LinkedHashMap<>();
    w.put("keyphrase_length", 1);
    w.put("keyphrase_in_title", 2);
    w.put("keyphrase_in_introduction", 2);
    w.put("keyphrase_density", 2);
    w.put("keyphrase_in_meta_description", 1);
    w.put("title_length", 1);
    w.put("meta_description_length", 1);
    w.put("text_length", 1);
    w.put("sentence_length", 2);
    w.put("paragraph_length", 1);
    w.put("subheading_distribution", 1);
    w.put("passive_voice", 1);
    w.put("transition_words", 1);
    w.put("flesch_reading_ease", 2);
    w.put("character_difficulty", 2);
    return java.util.Collections.unmodifiableMap(w);
  }

  /** The checks that need a keyphrase; without one, check {@code keyphrase} stands for them. */
  static final Set<String> KEYPHRASE_CHECKS =
      Set.of(
          "keyphrase_length",
          "keyphrase_in_title",
          "keyphrase_in_introduction",
          "keyphrase_density",
          "keyphrase_in_meta_description");

  private final LanguageDetector languages = new LanguageDetector();

  /**
   * The language the report is for: the input's, else the detected one (which may be outside {@link
   * #LANGUAGES}).
   */
  public String language(SeoInput input) {
    String given = input.language();
    if (given != null && !given.isBlank()) {
      return given;
    }
    String detected = languages.detect(input.text());
    if (LANGUAGES.contains(detected)) {
      return detected;
    }
    // Under 20 Latin letters the detector guesses; such a snippet gets the English checks.
    long latin =
        input.text().codePoints().filter(c -> c < 0x250 && Character.isLetter(c)).limit(20).count();
    return latin > 0 && latin < 20 ? "en" : detected;
  }

  /**
   * The report for {@code input}; throws {@link IllegalArgumentException} when its language (given
   * or detected) has no checks.
   */
  public SeoReport analyze(SeoInput input) {
    String language = language(input);
    if (!LANGUAGES.contains(language)) {
      throw new IllegalArgumentException(
          "no SEO checks for language '" + language + "'; checks exist for en and zh");
    }
    ReportBuilder report = new ReportBuilder();
    if (language.equals("zh")) {
      ChineseSeoChecks.run(input, report);
    } else {
      EnglishSeoChecks.run(input, report);
    }
    return report.build(language);
  }

  /** The stand-in for the keyphrase checks when no keyphrase was given. */
  static void noKeyphrase(ReportBuilder report) {
    int weight = 0;
    for (String id : KEYPHRASE_CHECKS) {
      weight += WEIGHTS.get(id);
    }
    report.check(
        "keyphrase",
        weight,
        SeoReport.Status.BAD,
        "No keyphrase set: choose the phrase readers search for to find this text; the checks of"
            + " its place in the title, introduction, meta description and its density need it.",
        null);
  }
}
