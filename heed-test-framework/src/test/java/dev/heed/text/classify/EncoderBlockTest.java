package dev.heed.text.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heed.testing.Seeds;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The full encoder layer: its output at every token against the tuned top layer's [CLS]-only pass
 * (itself checked against a naive layer in {@link TunedTopLayerTest}), and the gradients of the two
 * layers stacked against finite differences.
 */
class EncoderBlockTest {
  private static final int D = 8;

  @Test
  void everyTokensOutputEqualsTheClsPassWithThatTokenFirst() {
    Random r = new Random(Seeds.seed("everyTokensOutputEqualsTheClsPassWithThatTokenFirst"));
    for (int trial = 0; trial < 4; trial++) {
      var layer = TunedTopLayerTest.randomLayer(r);
      EncoderBlock block = EncoderBlock.from(layer);
      TunedTopLayer top = TunedTopLayer.from(layer, 2, 1);
      int tokens = 3 + trial * 4; // 3, 7, 11, 15: around the kernels' 4-row blocks
      float[] x = TunedTopLayerTest.gaussian(r, D * tokens, 1);
      float[] y = block.forward(x).y;
      for (int i = 0; i < tokens; i++) {
        // Attention has no notion of position: token i's output is the [CLS] output of the same
        // states with rows 0 and i swapped.
        float[] swapped = x.clone();
        System.arraycopy(x, i * D, swapped, 0, D);
        System.arraycopy(x, 0, swapped, i * D, D);
        float[] cls = top.cls(swapped);
        for (int j = 0; j < D; j++) {
          assertThat(y[i * D + j])
              .as("tokens=%d token %d dim %d", tokens, i, j)
              .isCloseTo(cls[j], within(1e-4f));
        }
      }
    }
  }

  @Test
  void theTopLayersGradientWithRespectToItsInputMatchesFiniteDifferences() {
    Random r = new Random(Seeds.seed("theTopLayersInputGradient"));
    TunedTopLayer top = TunedTopLayer.from(TunedTopLayerTest.randomLayer(r), 3, 2);
    strongHead(top, r);
    float[] x = TunedTopLayerTest.gaussian(r, D * 5, 1);
    int label = leastProbable(top, x);
    float[] dx = new float[x.length];
    top.gradient(x, label, new float[top.p.length], dx);
    int moved = 0;
    for (int i = 0; i < x.length; i++) {
      float saved = x[i];
      float h = 1e-2f;
      x[i] = saved + h;
      double up = top.gradient(x, label, new float[top.p.length]);
      x[i] = saved - h;
      double down = top.gradient(x, label, new float[top.p.length]);
      x[i] = saved;
      double numeric = (up - down) / (2 * h);
      assertThat((double) dx[i])
          .as("state %d", i)
          .isCloseTo(numeric, within(2e-3 + 0.05 * Math.abs(numeric)));
      moved += Math.abs(numeric) > 1e-3 ? 1 : 0;
    }
    // Rows other than [CLS] matter too (through the keys and values): most states move the loss.
    assertThat(moved).isGreaterThan(x.length / 2);
  }

  @Test
  void theStackedGradientMatchesFiniteDifferences() {
    Random r = new Random(Seeds.seed("theStackedGradientMatchesFiniteDifferences"));
    EncoderBlock block = EncoderBlock.from(TunedTopLayerTest.randomLayer(r));
    TunedTopLayer top = TunedTopLayer.from(TunedTopLayerTest.randomLayer(r), 3, 2);
    strongHead(top, r);
    float[] x = TunedTopLayerTest.gaussian(r, D * 6, 1);
    int label = leastProbable(top, block.forward(x).y);
    float[] grad = new float[block.p.length];
    EncoderBlock.Pass pass = block.forward(x);
    float[] dy = new float[pass.y.length];
    top.gradient(pass.y, label, new float[top.p.length], dy);
    block.backward(pass, dy, block.transposed(), grad);
    int moved = 0;
    int checked = 0;
    for (int i = 0; i < block.p.length; i += 3) {
      float saved = block.p[i];
      float h = 1e-2f;
      block.p[i] = saved + h;
      double up = top.gradient(block.forward(x).y, label, new float[top.p.length]);
      block.p[i] = saved - h;
      double down = top.gradient(block.forward(x).y, label, new float[top.p.length]);
      block.p[i] = saved;
      double numeric = (up - down) / (2 * h);
      assertThat((double) grad[i])
          .as("parameter %d", i)
          .isCloseTo(numeric, within(2e-3 + 0.05 * Math.abs(numeric)));
      moved += Math.abs(numeric) > 1e-3 ? 1 : 0;
      checked++;
    }
    assertThat(moved).isGreaterThan(checked / 2);
  }

  /**
   * Two layers trained together on the label of {@link TunedTopLayerTest}'s training test (the sign
   * of the other tokens' summed first coordinate): both move, and the pair learns it.
   */
  @Test
  void twoLayersTrainTogether() {
    Random r = new Random(Seeds.seed("twoLayersTrainTogether"));
    EncoderBlock below = EncoderBlock.from(TunedTopLayerTest.randomLayer(r));
    TunedTopLayer top = TunedTopLayer.from(TunedTopLayerTest.randomLayer(r), 2, 3);
    float[] belowBefore = below.p.clone();
    java.util.List<TunedTopLayer.States> x = new java.util.ArrayList<>();
    int n = 1200;
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      float[] s = TunedTopLayerTest.gaussian(r, D * 5, 1);
      double sum = 0;
      for (int t = 1; t < 5; t++) {
        sum += s[t * D];
      }
      y[i] = sum > 0 ? 1 : 0;
      x.add(TunedTopLayer.States.of(s, D));
    }
    int[] epochs = {0};
    new TunedTopLayer.Trainer(30, 32, 3e-3, 3e-3, 0, 4)
        .fit(top, below, x.subList(0, 900), y, (m, b, e) -> epochs[0] = e);
    assertThat(epochs[0]).isEqualTo(30);
    int hits = 0;
    for (int i = 900; i < n; i++) {
      double[] p = top.probabilities(below.forward(x.get(i).floats()).y);
      hits += LinearScores.argmax(p) == y[i] ? 1 : 0;
    }
    assertThat(hits / 300.0).isGreaterThan(0.85);
    double moved = 0;
    for (int i = 0; i < below.p.length; i++) {
      moved += Math.abs(below.p[i] - belowBefore[i]);
    }
    assertThat(moved / below.p.length).isGreaterThan(1e-3);
  }

  /**
   * On bge-small-zh: the block made from the layer below the last, run on the states that enter it,
   * gives the states that enter the last layer as ONNX Runtime computes them (whose activations are
   * 8-bit, hence a cosine, not equality), at every token.
   */
  @Test
  void theBlockReproducesTheModelsLayerBelowTheLast() {
    dev.heed.text.embed.BgeEmbedder bge = dev.heed.text.embed.BgeEmbedder.smallZh();
    int last = bge.lastIndex();
    EncoderBlock block = EncoderBlock.from(bge.layer(last - 1));
    java.util.List<String> texts =
        java.util.List.of("房间干净，服务周到，下次还会再来。", "The room was small and the staff were rude.");
    java.util.List<float[]> in = bge.layerInputs(texts, last - 1);
    java.util.List<float[]> out = bge.lastLayerInputs(texts);
    int d = bge.dimension();
    for (int k = 0; k < texts.size(); k++) {
      float[] y = block.forward(in.get(k)).y;
      assertThat(y.length).isEqualTo(out.get(k).length);
      for (int t = 0; t < y.length / d; t++) {
        double dot = 0;
        double a = 0;
        double b = 0;
        for (int i = t * d; i < (t + 1) * d; i++) {
          dot += y[i] * out.get(k)[i];
          a += y[i] * y[i];
          b += out.get(k)[i] * out.get(k)[i];
        }
        assertThat(dot / Math.sqrt(a * b)).as("text %d token %d", k, t).isGreaterThan(0.98);
      }
    }
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> bge.layer(last + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("encoder layers 0 to " + last);
  }

  /** A head large enough that the layers' parameters matter to the loss. */
  private static void strongHead(TunedTopLayer top, Random r) {
    for (int i = top.p.length - 3 * D - 3; i < top.p.length; i++) {
      top.p[i] = (float) r.nextGaussian();
    }
  }

  /** The least probable class: its loss is far from saturated. */
  private static int leastProbable(TunedTopLayer top, float[] x) {
    double[] p = top.probabilities(x);
    int label = 0;
    for (int k = 1; k < p.length; k++) {
      label = p[k] < p[label] ? k : label;
    }
    return label;
  }
}
