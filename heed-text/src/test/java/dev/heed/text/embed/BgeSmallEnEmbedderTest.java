package dev.heed.text.embed;

import static dev.heed.text.embed.BgeSmallZhEmbedderTest.cosine;
import static dev.heed.text.embed.BgeSmallZhEmbedderTest.dot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgeSmallEnEmbedderTest {
  private final TextEmbedder embedder = BgeEmbedder.smallEn();

  @Test
  void unitVectorsOf384Dimensions() {
    assertThat(embedder.name()).isEqualTo("bge-small-en-v1.5-q");
    assertThat(embedder.dimension()).isEqualTo(384);
    List<float[]> vs = embedder.embed(List.of("hello world", " ", "The film was superb."));
    for (float[] v : vs) {
      assertThat(v).hasSize(384);
    }
    assertThat(dot(vs.get(0), vs.get(0))).isCloseTo(1.0, within(1e-4));
    assertThat(dot(vs.get(2), vs.get(2))).isCloseTo(1.0, within(1e-4));
    assertThat(dot(vs.get(1), vs.get(1))).as("blank text has no direction").isZero();
  }

  @Test
  void paraphrasesAreCloserThanUnrelatedText() {
    float[] a = embedder.embed("The hotel room was clean and comfortable.");
    float[] b = embedder.embed("Our room at the hotel was tidy and cozy.");
    float[] c = embedder.embed("Stock markets fell sharply as investors panicked.");
    assertThat(dot(a, b)).isGreaterThan(dot(a, c) + 0.1);
    float[] d = embedder.embed("A moving film with wonderful acting.");
    float[] e = embedder.embed("The movie was touching and the cast superb.");
    assertThat(dot(d, e)).isGreaterThan(dot(d, c) + 0.1);
  }

  @Test
  void aBatchEmbedsLikeSingleTexts() {
    List<String> texts = List.of("first sentence", "second sentence", "a third, longer one");
    List<float[]> batch = embedder.embed(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(dot(batch.get(i), embedder.embed(texts.get(i)))).isCloseTo(1.0, within(1e-4));
    }
  }

  @Test
  void aTextPastOneWindowIsTheLengthWeightedMeanOfItsWindows() {
    // ~1,200 tokens: three windows. The review's topic survives the averaging.
    String review = "The acting was wonderful and the story moved me to tears. ".repeat(50);
    String noise = "Quarterly earnings beat expectations as shares rallied. ".repeat(40);
    float[] long1 = embedder.embed(review + noise);
    assertThat(dot(long1, long1)).isCloseTo(1.0, within(1e-4));
    float[] film = embedder.embed("The acting was wonderful and the story moved me to tears.");
    float[] markets = embedder.embed("Quarterly earnings beat expectations as shares rallied.");
    // Both halves weigh in: the mean is close to each, closer to neither than each to itself.
    assertThat(cosine(long1, film)).isGreaterThan(0.5);
    assertThat(cosine(long1, markets)).isGreaterThan(0.5);
    assertThat(cosine(embedder.embed(review), film))
        .isGreaterThan(cosine(embedder.embed(review), markets) + 0.1);
  }

  @Test
  void matchesLangchain4jsEncoderOfTheSameModel() {
    // The reference: langchain4j's own runner of the artifact (CLS pooling, normalized).
    var reference =
        new dev.langchain4j.model.embedding.onnx.bgesmallenv15q
            .BgeSmallEnV15QuantizedEmbeddingModel();
    for (String t : List.of("The hotel room was clean.", "A dull, tedious mess.", "hello")) {
      assertThat(cosine(embedder.embed(t), reference.embed(t).content().vector()))
          .as(t)
          .isGreaterThan(0.999);
    }
  }

  @Test
  void namedAndAutoFindTheSharedModels() {
    assertThat(BgeEmbedder.named("bge-small-en-v1.5-q")).isSameAs(BgeEmbedder.smallEn());
    assertThat(BgeEmbedder.named("bge-small-zh-v1.5-q")).isSameAs(BgeEmbedder.smallZh());
    assertThat(BgeEmbedder.choose("bge-small-en", List.of("你好"))).isSameAs(BgeEmbedder.smallEn());
    assertThat(BgeEmbedder.choose("bge-small-zh", List.of("hi"))).isSameAs(BgeEmbedder.smallZh());
    assertThatThrownBy(() -> BgeEmbedder.named("word2vec")).hasMessageContaining("word2vec");
  }

  @Test
  void autoTakesTheEnglishModelUnlessHanTextsAreMoreThanOnePercent() {
    List<String> english = new ArrayList<>(Collections.nCopies(199, "a fine film"));
    english.add("我很喜欢 (a quote)"); // one Han text in 200: still English
    assertThat(BgeEmbedder.choose("auto", english)).isSameAs(BgeEmbedder.smallEn());
    List<String> mixed = new ArrayList<>(english);
    mixed.addAll(List.of("房间很干净", "服务很好")); // 3 of 202
    assertThat(BgeEmbedder.choose("auto", mixed)).isSameAs(BgeEmbedder.smallZh());
    assertThat(BgeEmbedder.choose("auto", List.of("房间很干净"))).isSameAs(BgeEmbedder.smallZh());
  }
}
