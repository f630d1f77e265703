package dev.heed.text.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BgeSmallZhEmbedderTest {
  private final TextEmbedder embedder = BgeSmallZhEmbedder.shared();

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

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
