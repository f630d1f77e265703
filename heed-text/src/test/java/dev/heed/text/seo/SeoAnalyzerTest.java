package dev.heed.text.seo;

import static dev.heed.text.seo.SeoReport.Status.BAD;
import static dev.heed.text.seo.SeoReport.Status.GOOD;
import static dev.heed.text.seo.SeoReport.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report end to end: keyphrase checks, scores of good and bad texts, Chinese, markup. */
class SeoAnalyzerTest {
  private final SeoAnalyzer analyzer = new SeoAnalyzer();

  static final String GOOD_TITLE = "Green tea: five simple ways it helps your health";
  static final String GOOD_META =
      "Green tea is more than a warm drink. Learn how it helps your heart, your focus and your"
          + " sleep, and how to brew a cup that tastes good.";
  static final String GOOD_TEXT =
      """
      Green tea is one of the oldest drinks in the world. People in China have enjoyed it for \
      thousands of years. Today, it is popular almost everywhere. In this guide, we look at five \
      simple ways it can help your health.

      First, it is good for your heart. Studies show that people who drink it often have lower \
      blood pressure. They also tend to have healthier levels of fat in the blood. However, one \
      cup a day is not a cure. You still need to eat well and move your body.

      Second, it can help you focus. A cup has a little caffeine, but much less than coffee. \
      It also contains a calm amino acid. As a result, many people feel alert without feeling \
      nervous. For example, students often drink a cup before they study.

      Third, it may help you sleep better at night. This sounds strange, because it has \
      caffeine. Still, the amount is small. If you drink your last cup before lunch, your sleep \
      should not suffer. In fact, a calm mind at noon often means a calm mind at night.

      Fourth, it supports healthy teeth. The leaves contain natural compounds that fight the \
      germs in your mouth. Therefore, a cup after a meal can keep your breath fresh. On the \
      other hand, sugar undoes this good work, so drink it plain.

      Finally, it is easy to make at home. Heat fresh water until it is hot but not boiling. \
      Then pour it over the leaves and wait two or three minutes. If you wait too long, the cup \
      turns bitter. Green tea tastes best when you take your time with it.

      In short, green tea is a small habit with real rewards. Try a cup tomorrow morning. Then \
      notice how you feel. You may find that it becomes part of your day.
      """;

  /** One run-on paragraph, no meta description, a short title without the keyphrase. */
  static final String BAD_TEXT =
      "The administration of the organizational restructuring initiative was undertaken by the"
          + " committee which had been established by the board in accordance with the"
          + " recommendations that were formulated by external consultants who were engaged"
          + " following considerable deliberation regarding the institutional effectiveness of"
          + " existing departmental arrangements and the corresponding allocation of"
          + " responsibilities among the various operational divisions of the enterprise. The"
          + " implementation of the aforementioned recommendations was delegated to"
          + " departmental representatives who were instructed to prepare comprehensive"
          + " documentation concerning the anticipated consequences of the proposed modifications"
          + " for personnel, infrastructure and budgetary considerations throughout the"
          + " subsequent fiscal period.";

  @Test
  void aGoodArticleScoresFarAboveABadOne() {
    SeoReport good =
        analyzer.analyze(new SeoInput(GOOD_TITLE, GOOD_META, GOOD_TEXT, "green tea", null));
    SeoReport bad = analyzer.analyze(new SeoInput("Changes", null, BAD_TEXT, "green tea", null));
    assertThat(good.language()).isEqualTo("en");
    assertThat(bad.language()).isEqualTo("en");
    assertThat(good.checks())
        .as(good.toString())
        .allSatisfy(c -> assertThat(c.status()).as(c.id() + ": " + c.message()).isEqualTo(GOOD));
    assertThat(good.score()).isEqualTo(100);
    assertThat(bad.score()).as(bad.toString()).isLessThan(25);
    for (String id :
        List.of(
            "keyphrase_in_title",
            "keyphrase_in_introduction",
            "keyphrase_density",
            "keyphrase_in_meta_description",
            "meta_description_length",
            "text_length",
            "sentence_length",
            "passive_voice",
            "transition_words",
            "flesch_reading_ease")) {
      assertThat(bad.check(id).status()).as(id + ": " + bad.check(id).message()).isEqualTo(BAD);
    }
    assertThat(bad.check("keyphrase_in_introduction").message())
        .isEqualTo(
            "Add the keyphrase to the first paragraph, so readers and search engines see at once"
                + " what the text is about.");
    assertThat(bad.check("sentence_length").message())
        .isEqualTo(
            "2 of 2 sentences (100%) are longer than 20 words; aim for at most 25%: split the"
                + " longest sentences.");
  }

  @Test
  void englishKeyphraseDensityMatchesStemsAsConsecutiveWords() {
    // 12 words; "green tea" and "green teas" match, "tea that is green" does not
    SeoReport r =
        analyzer.analyze(
            new SeoInput(
                null,
                null,
                "Green tea is good. I drink green teas daily. I like tea that is green.",
                "Green tea",
                "en"));
    assertThat(r.metrics()).containsEntry("words", 15).containsEntry("keyphrase_occurrences", 2);
    assertThat(r.metrics().get("keyphrase_density").doubleValue())
        .isCloseTo(100.0 * 2 / 15, within(1e-4));
    assertThat(r.check("keyphrase_density").status()).isEqualTo(BAD);
    assertThat(r.check("keyphrase_density").message()).contains("keyword stuffing");
  }

  @Test
  void keyphraseInTitleRewardsTheBeginning() {
    String text = "Green tea helps. " + "It is a fine drink for every day. ".repeat(20);
    SeoReport start =
        analyzer.analyze(new SeoInput("Green tea for beginners", null, text, "green tea", "en"));
    SeoReport middle =
        analyzer.analyze(new SeoInput("A guide to green tea", null, text, "green tea", "en"));
    SeoReport none =
        analyzer.analyze(new SeoInput("A guide to coffee", null, text, "green tea", "en"));
    assertThat(start.check("keyphrase_in_title").status()).isEqualTo(GOOD);
    assertThat(middle.check("keyphrase_in_title").status()).isEqualTo(OK);
    assertThat(none.check("keyphrase_in_title").status()).isEqualTo(BAD);
    assertThat(start.score()).isGreaterThan(middle.score());
    assertThat(middle.score()).isGreaterThan(none.score());
  }

  @Test
  void withoutAKeyphraseOneCheckCarriesTheKeyphraseWeight() {
    SeoReport r = analyzer.analyze(new SeoInput(GOOD_TITLE, GOOD_META, GOOD_TEXT, null, "en"));
    assertThat(r.check("keyphrase").status()).isEqualTo(BAD);
    assertThat(r.check("keyphrase").weight()).isEqualTo(1 + 2 + 2 + 2 + 1);
    assertThat(r.checks())
        .extracting(SeoReport.Check::id)
        .doesNotContain("keyphrase_density", "keyphrase_in_title");
    // every other check is good, so the score is the share of the weight they hold
    int total = r.checks().stream().mapToInt(SeoReport.Check::weight).sum();
    assertThat(r.score()).isEqualTo((int) Math.round(100.0 * (total - 8) / total));
  }

  @Test
  void scoreIsTheWeightedMeanAndStaysWithinBounds() {
    List<SeoInput> inputs =
        List.of(
            new SeoInput(GOOD_TITLE, GOOD_META, GOOD_TEXT, "green tea", null),
            new SeoInput(null, null, BAD_TEXT, "green tea", null),
            new SeoInput(null, null, "?!", null, "en"),
            new SeoInput(
                "x".repeat(300),
                "y".repeat(300),
                "Tea. " + "Tea tea tea. ".repeat(50),
                "tea",
                "en"),
            new SeoInput(null, null, "饕餮。", "饕餮", "zh"),
            new SeoInput("人工智能", null, ChineseSeoTest.PLAIN, "人工智能", null));
    for (SeoInput in : inputs) {
      SeoReport r = analyzer.analyze(in);
      double earned = 0;
      int total = 0;
      for (SeoReport.Check c : r.checks()) {
        earned += c.weight() * (c.status() == GOOD ? 1.0 : c.status() == OK ? 0.5 : 0.0);
        total += c.weight();
      }
      assertThat(r.score()).as(r.toString()).isBetween(0, 100);
      assertThat(r.score()).isEqualTo((int) Math.round(100 * earned / total));
    }
  }

  @Test
  void headingsSplitSectionsAndAreNotParagraphs() {
    String section = "This is a short sentence about tea. ".repeat(50); // 350 words
    SeoReport markdown =
        analyzer.analyze(
            new SeoInput(null, null, "## Tea\n\n" + section + "\n\n## More\n\nShort.", null, "en"));
    assertThat(markdown.metrics()).containsEntry("paragraphs", 2).containsEntry("words", 351);
    assertThat(markdown.check("subheading_distribution").status()).isEqualTo(OK);
    SeoReport html =
        analyzer.analyze(
            new SeoInput(
                null, null, "<h2>Tea</h2><p>Tea is <b>good</b>.</p><p>Drink it.</p>", null, "en"));
    assertThat(html.metrics()).containsEntry("paragraphs", 2).containsEntry("words", 5);
    assertThat(html.check("subheading_distribution").status()).isEqualTo(GOOD);
    SeoReport plain = analyzer.analyze(new SeoInput(null, null, section, null, "en"));
    assertThat(plain.check("subheading_distribution"))
        .as("only when the text has headings")
        .isNull();
  }

  @Test
  void languageIsDetectedAndOnlyEnglishAndChineseAreChecked() {
    assertThat(
            analyzer.analyze(new SeoInput(null, null, ChineseSeoTest.PLAIN, null, null)).language())
        .isEqualTo("zh");
    assertThatThrownBy(
            () ->
                analyzer.analyze(new SeoInput(null, null, "Le chat est sur la table.", null, "fr")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'fr'");
    assertThatThrownBy(() -> new SeoInput(null, null, " ", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
