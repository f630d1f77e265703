package dev.heed.text.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BgeSmallZhEmbedderTest {
  // bge-small-zh, with its historical name: saved classifiers and vectors carry it.
  private final TextEmbedder embedder = BgeEmbedder.smallZh();

  @Test
  void keepsItsNameAndDimension() {
    assertThat(embedder.name()).isEqualTo("bge-small-zh-v1.5-q");
    assertThat(embedder.dimension()).isEqualTo(512);
  }

  @Test
  void unitVectorsOfTheModelsDimension() {
    List<float[]> vs = embedder.embed(List.of("你好，世界", " ", "hello world"));
    assertThat(vs).hasSize(3);
    for (float[] v : vs) {
      assertThat(v).hasSize(embedder.dimension());
    }
    assertThat(dot(vs.get(0), vs.get(0))).isCloseTo(1.0, within(1e-4));
    assertThat(dot(vs.get(2), vs.get(2))).isCloseTo(1.0, within(1e-4));
    assertThat(dot(vs.get(1), vs.get(1))).as("blank text has no direction").isZero();
  }

  @Test
  void paraphrasesAreCloserThanUnrelatedTextInBothLanguages() {
    float[] a = embedder.embed("这家酒店的房间干净又舒适");
    float[] b = embedder.embed("酒店客房很整洁，住得很舒服");
    float[] c = embedder.embed("股市今天大幅下跌，投资者损失惨重");
    assertThat(dot(a, b)).isGreaterThan(dot(a, c) + 0.1);
    float[] d = embedder.embed("The hotel room was clean and comfortable.");
    float[] e = embedder.embed("Our room at the hotel was tidy and cozy.");
    float[] f = embedder.embed("Stock markets fell sharply as investors panicked.");
    assertThat(dot(d, e)).isGreaterThan(dot(d, f) + 0.1);
  }

  @Test
  void aBatchEmbedsLikeSingleTexts() {
    List<String> texts = List.of("第一句话", "second sentence", "第三句 mixed");
    List<float[]> batch = embedder.embed(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(dot(batch.get(i), embedder.embed(texts.get(i)))).isCloseTo(1.0, within(1e-4));
    }
  }

  @Test
  void matchesLangchain4jsEncoderOfTheSameModel() {
    // The reference: langchain4j's own runner of the artifact (CLS pooling, normalized).
    var reference =
        new dev.langchain4j.model.embedding.onnx.bgesmallzhv15q
            .BgeSmallZhV15QuantizedEmbeddingModel();
    String longText = "这家酒店的房间很干净，服务也很周到。The staff were friendly. ".repeat(60);
    for (String t : List.of("这家酒店的房间干净又舒适", "The hotel room was clean.", "混合 mixed 文本")) {
      assertThat(cosine(embedder.embed(t), reference.embed(t).content().vector()))
          .as(t)
          .isGreaterThan(0.999);
    }
    // Past 512 tokens both average windows, but langchain4j re-tokenizes each window's text.
    assertThat(cosine(embedder.embed(longText), reference.embed(longText).content().vector()))
        .isGreaterThan(0.99);
  }

  static double cosine(float[] a, float[] b) {
    return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
