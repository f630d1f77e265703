package dev.heed.text.seo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heed.text.token.TextTokenizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Syllables, Flesch reading ease, passive voice and transition words on hand-counted examples. */
class ReadabilityFormulasTest {
  @Test
  void syllableCounterAgreesWithDictionaryCounts() {
    Map<String, Integer> known = new LinkedHashMap<>();
    known.put("cat", 1);
    known.put("the", 1);
    known.put("make", 1);
    known.put("makes", 1);
    known.put("whole", 1);
    known.put("jumped", 1);
    known.put("played", 1);
    known.put("don't", 1);
    known.put("table", 2);
    known.put("tables", 2);
    known.put("boxes", 2);
    known.put("changes", 2);
    known.put("wanted", 2);
    known.put("happy", 2);
    known.put("yellow", 2);
    known.put("people", 2);
    known.put("reading", 2);
    known.put("simple", 2);
    known.put("beautiful", 3);
    known.put("syllable", 3);
    known.put("computer", 3);
    known.put("analyzed", 3);
    known.put("media", 3);
    known.put("radio", 3);
    known.put("medium", 3);
    known.put("tourism", 3);
    known.put("analysis", 4);
    known.put("education", 4);
    known.put("society", 4);
    known.put("readability", 5);
    Map<String, Integer> counted = new LinkedHashMap<>();
    known.keySet().forEach(w -> counted.put(w, Syllables.count(w)));
    assertThat(counted).isEqualTo(known);
    assertThat(Syllables.count("2024")).as("a number counts as one").isEqualTo(1);
  }

  @Test
  void fleschFormulaOnKnownCounts() {
    // 100 words, 5 sentences, 150 syllables: 206.835 - 1.015 * 20 - 84.6 * 1.5
    assertThat(Flesch.readingEase(100, 5, 150)).isCloseTo(59.635, within(1e-9));
    // 12 words, 2 sentences, 12 syllables: 206.835 - 1.015 * 6 - 84.6
    assertThat(Flesch.readingEase(12, 2, 12)).isCloseTo(116.145, within(1e-9));
  }

  @Test
  void reportCountsWordsSentencesSyllablesAndFlesch() {
    SeoReport r =
        new SeoAnalyzer()
            .analyze(
                new SeoInput(
                    null, null, "The cat sat on the mat. The dog ran to the park.", null, "en"));
    assertThat(r.metrics())
        .containsEntry("words", 12)
        .containsEntry("sentences", 2)
        .containsEntry("syllables", 12);
    assertThat(r.metrics().get("flesch_reading_ease").doubleValue())
        .isCloseTo(116.145, within(1e-4));
    SeoReport hard =
        new SeoAnalyzer()
            .analyze(
                new SeoInput(
                    null,
                    null,
                    "Comprehensive organizational restructuring necessitates considerable"
                        + " institutional deliberation regarding administrative responsibilities"
                        + " and interdepartmental communication methodologies.",
                    null,
                    "en"));
    assertThat(hard.metrics().get("flesch_reading_ease").doubleValue()).isLessThan(0);
    assertThat(hard.check("flesch_reading_ease").status()).isEqualTo(SeoReport.Status.BAD);
    assertThat(hard.check("flesch_reading_ease").message()).contains("aim for 60 or more");
  }

  @Test
  void passiveVoiceFromPosTags() {
    TextTokenizer en = TextTokenizer.forLanguage("en");
    List<String> passive =
        List.of(
            "The ball was thrown by John.",
            "The results were analyzed.",
            "The house has been sold.",
            "The data were not carefully checked.",
            "The report is being reviewed by the team.",
            "She got fired last week.",
            "Mistakes were made.");
    List<String> active =
        List.of(
            "John threw the ball.",
            "I have analyzed the results.",
            "He is running fast.",
            "The car was red.",
            "They were tired.",
            "This is important.",
            "We need more speed.");
    for (String s : passive) {
      assertThat(PassiveVoice.isPassive(en.tokens(s))).as(s).isTrue();
    }
    for (String s : active) {
      assertThat(PassiveVoice.isPassive(en.tokens(s))).as(s).isFalse();
    }
  }

  @Test
  void transitionWordsAsWholeWordsAndPhrases() {
    assertThat(TransitionWords.ENTRIES).hasSizeGreaterThanOrEqualTo(100).doesNotHaveDuplicates();
    assertThat(TransitionWords.containsTransition(List.of("however", "it", "rained"))).isTrue();
    assertThat(
            TransitionWords.containsTransition(
                List.of("on", "the", "other", "hand", "it", "was", "cheap")))
        .isTrue();
    assertThat(TransitionWords.containsTransition(List.of("the", "other", "hand", "waved")))
        .as("a phrase counts only whole")
        .isFalse();
    assertThat(TransitionWords.containsTransition(List.of("thusly", "butter"))).isFalse();
  }

  @Test
  void passiveAndTransitionSharesInTheReport() {
    SeoReport r =
        new SeoAnalyzer()
            .analyze(
                new SeoInput(
                    null,
                    null,
                    "The ball was thrown by John. John threw the ball back. The results were"
                        + " analyzed. However, the team found nothing new.",
                    null,
                    "en"));
    assertThat(r.metrics()).containsEntry("sentences", 4);
    assertThat(r.metrics().get("passive_share").doubleValue()).isEqualTo(0.5);
    assertThat(r.metrics().get("transition_share").doubleValue()).isEqualTo(0.25);
    assertThat(r.check("passive_voice").status()).isEqualTo(SeoReport.Status.BAD);
    assertThat(r.check("passive_voice").message()).startsWith("2 of 4 sentences (50%)");
    assertThat(r.check("transition_words").status()).isEqualTo(SeoReport.Status.OK);
  }
}
