package dev.heed.text.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordExtractorTest {
  @Test
  void hyphensSplitMatchingKeysLikeSpaces() {
    assertThat(KeywordExtractor.key("Long-range dependencies", "en"))
        .isEqualTo(KeywordExtractor.key("long - range dependency", "en"))
        .isEqualTo("long rang depend");
  }

  @Test
  void englishCandidatesKeepCompoundsAndParticiplesInsideNounPhrases() {
    assertThat(
            KeywordExtractor.keys(
                "We study long-range dependence in computed tomography and image processing.",
                "en"))
        .contains("long rang depend", "comput tomographi", "imag process");
  }

  @Test
  void earlierPhrasesRankFirstWhenTheStatisticsTie() {
    KeywordExtractor extractor = new KeywordExtractor(new DocumentFrequencies(), 0.3);
    List<Keyword> out =
        extractor.extract("Neural networks. Fuzzy logic. Genetic algorithms.", "en", 3);
    assertThat(out).extracting(Keyword::text).first().isEqualTo("neural networks");
  }
}
