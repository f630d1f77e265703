package dev.heed.text.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentFrequenciesTest {
  @Test
  void countsPhrasesAndTagsPerDocumentAndForgetsReplacedOnes() {
    DocumentFrequencies df = new DocumentFrequencies();
    df.put("a", List.of("neural network", "fuzzi logic"), List.of("neural network"));
    df.put("b", List.of("neural network"), List.of("neural network", "genet algorithm"));
    df.put("c", List.of("fuzzi logic"));
    assertThat(df.documents()).isEqualTo(3);
    assertThat(df.taggedDocuments()).isEqualTo(2);
    assertThat(df.tagged("neural network")).isEqualTo(2);
    assertThat(df.tagged("genet algorithm")).isEqualTo(1);
    assertThat(df.tagged("fuzzi logic")).isZero();
    assertThat(df.idf("neural network")).isEqualTo(df.idf("fuzzi logic"));

    df.put("b", List.of("genet algorithm"), List.of()); // re-counted: old phrases and tags go
    assertThat(df.tagged("neural network")).isEqualTo(1);
    assertThat(df.tagged("genet algorithm")).isZero();
    assertThat(df.taggedDocuments()).isEqualTo(1);
    assertThat(df.idf("neural network")).isGreaterThan(df.idf("fuzzi logic"));

    df.remove("a");
    df.remove("a"); // twice is harmless
    assertThat(df.documents()).isEqualTo(2);
    assertThat(df.taggedDocuments()).isZero();
    assertThat(df.tagged("neural network")).isZero();
  }
}
