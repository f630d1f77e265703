package dev.heed.text.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heed.testing.Seeds;
import dev.heed.text.embed.BgeEmbedder;
import dev.heed.text.embed.EncoderLayer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tuned top layer: its [CLS]-only forward pass against the model's own last layer (run by ONNX
 * Runtime) and against a naive full-layer computation, its gradient against finite differences, and
 * its training.
 */
class TunedTopLayerTest {
  private static final int D = 8;
  private static final int F = 16;
  private static final int HEADS = 2;

  static float[] gaussian(Random r, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (scale * r.nextGaussian());
    }
    return v;
  }

  private static float[] around(Random r, int n, double center) {
    float[] v = gaussian(r, n, 0.1);
    for (int i = 0; i < n; i++) {
      v[i] += (float) center;
    }
    return v;
  }

  static EncoderLayer randomLayer(Random r) {
    double s = 1 / Math.sqrt(D);
    return new EncoderLayer(
        D,
        F,
        HEADS,
        "input",
        gaussian(r, D * D, s),
        gaussian(r, D, 0.1),
        gaussian(r, D * D, s),
        gaussian(r, D, 0.1),
        gaussian(r, D * D, s),
        gaussian(r, D, 0.1),
        gaussian(r, D * D, s),
        gaussian(r, D, 0.1),
        around(r, D, 1),
        gaussian(r, D, 0.1),
        gaussian(r, D * F, s),
        gaussian(r, F, 0.1),
        gaussian(r, F * D, 1 / Math.sqrt(F)),
        gaussian(r, D, 0.1),
        around(r, D, 1),
        gaussian(r, D, 0.1));
  }

  /** The layer's output at [CLS] computed the textbook way: all keys, values and heads in full. */
  private static double[] naiveCls(EncoderLayer l, float[] x) {
    int t = x.length / D;
    int hd = D / HEADS;
    double[][] q = new double[t][];
    double[][] k = new double[t][];
    double[][] v = new double[t][];
    for (int i = 0; i < t; i++) {
      q[i] = affine(x, i * D, l.wq(), l.bq(), D, D);
      k[i] = affine(x, i * D, l.wk(), l.bk(), D, D);
      v[i] = affine(x, i * D, l.wv(), l.bv(), D, D);
    }
    double[] c = new double[D];
    for (int h = 0; h < HEADS; h++) {
      double[] s = new double[t];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < t; j++) {
        for (int e = h * hd; e < (h + 1) * hd; e++) {
          s[j] += q[0][e] * k[j][e];
        }
        s[j] /= Math.sqrt(hd);
        max = Math.max(max, s[j]);
      }
      double sum = 0;
      for (int j = 0; j < t; j++) {
        s[j] = Math.exp(s[j] - max);
        sum += s[j];
      }
      for (int j = 0; j < t; j++) {
        for (int e = h * hd; e < (h + 1) * hd; e++) {
          c[e] += s[j] / sum * v[j][e];
        }
      }
    }
    float[] cf = toFloat(c);
    double[] a = affine(cf, 0, l.wo(), l.bo(), D, D);
    for (int i = 0; i < D; i++) {
      a[i] += x[i];
    }
    double[] h1 = layerNorm(a, l.ln1Gain(), l.ln1Bias());
    double[] u = affine(toFloat(h1), 0, l.w1(), l.b1(), D, F);
    for (int m = 0; m < F; m++) {
      u[m] = 0.5 * u[m] * (1 + TunedTopLayer.erf(u[m] / Math.sqrt(2)));
    }
    double[] o = affine(toFloat(u), 0, l.w2(), l.b2(), F, D);
    for (int i = 0; i < D; i++) {
      o[i] += h1[i];
    }
    return layerNorm(o, l.ln2Gain(), l.ln2Bias());
  }

  private static double[] affine(float[] x, int offset, float[] w, float[] b, int in, int out) {
    double[] y = new double[out];
    for (int j = 0; j < out; j++) {
      y[j] = b[j];
      for (int i = 0; i < in; i++) {
        y[j] += x[offset + i] * w[i * out + j];
      }
    }
    return y;
  }

  private static double[] layerNorm(double[] x, float[] gain, float[] bias) {
    double mean = 0;
    for (double v : x) {
      mean += v / x.length;
    }
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean) / x.length;
    }
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = gain[i] * (x[i] - mean) / Math.sqrt(var + EncoderLayer.LAYER_NORM_EPS) + bias[i];
    }
    return y;
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  @Test
  void theClsOnlyPassEqualsTheFullLayer() {
    Random r = new Random(Seeds.seed("theClsOnlyPassEqualsTheFullLayer"));
    for (int trial = 0; trial < 5; trial++) {
      EncoderLayer layer = randomLayer(r);
      TunedTopLayer tuned = TunedTopLayer.from(layer, 3, 1);
      float[] x = gaussian(r, D * (2 + trial * 3), 1);
      float[] fast = tuned.cls(x);
      double[] naive = naiveCls(layer, x);
      for (int i = 0; i < D; i++) {
        assertThat((double) fast[i]).isCloseTo(naive[i], within(1e-4));
      }
    }
  }

  @Test
  void theGradientMatchesFiniteDifferences() {
    Random r = new Random(Seeds.seed("theGradientMatchesFiniteDifferences"));
    TunedTopLayer model = TunedTopLayer.from(randomLayer(r), 3, 2);
    // A head large enough that the layer's parameters matter to the loss.
    for (int i = model.p.length - 3 * D - 3; i < model.p.length; i++) {
      model.p[i] = (float) r.nextGaussian();
    }
    float[] x = gaussian(r, D * 6, 1);
    // The least probable class: its loss is far from saturated, so the parameters move it.
    double[] p = model.probabilities(x);
    int label = 0;
    for (int k = 1; k < p.length; k++) {
      label = p[k] < p[label] ? k : label;
    }
    float[] grad = new float[model.p.length];
    model.gradient(x, label, grad);
    int checked = 0;
    for (int i = 0; i < model.p.length; i += 7) {
      float saved = model.p[i];
      float h = 1e-2f;
      model.p[i] = saved + h;
      double up = model.gradient(x, label, new float[model.p.length]);
      model.p[i] = saved - h;
      double down = model.gradient(x, label, new float[model.p.length]);
      model.p[i] = saved;
      double numeric = (up - down) / (2 * h);
      assertThat((double) grad[i])
          .as("parameter %d", i)
          .isCloseTo(numeric, within(2e-3 + 0.05 * Math.abs(numeric)));
      checked += Math.abs(numeric) > 1e-3 ? 1 : 0;
    }
    // Most of the sampled parameters do move the loss: the check is not vacuous.
    assertThat(checked).isGreaterThan(model.p.length / 7 / 2);
  }

  /**
   * A label that only the other tokens carry (the sign of their summed first coordinate); the [CLS]
   * state is independent noise, so the layer has to learn to read the rest.
   */
  @Test
  void trainingLearnsALabelCarriedByTheOtherTokens() {
    Random r = new Random(Seeds.seed("trainingLearnsALabelCarriedByTheOtherTokens"));
    EncoderLayer layer = randomLayer(r);
    List<TunedTopLayer.States> x = new ArrayList<>();
    int n = 1200;
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      float[] s = gaussian(r, D * 5, 1);
      double mean = 0;
      for (int t = 1; t < 5; t++) {
        mean += s[t * D];
      }
      y[i] = mean > 0 ? 1 : 0;
      x.add(TunedTopLayer.States.of(s, D));
    }
    TunedTopLayer model = TunedTopLayer.from(layer, 2, 3);
    double before = accuracy(model, x.subList(900, n), y, 900);
    new TunedTopLayer.Trainer(30, 32, 3e-3, 3e-3, 0, 4)
        .fit(model, x.subList(0, 900), y, (m, e) -> {});
    double after = accuracy(model, x.subList(900, n), y, 900);
    assertThat(before).isLessThan(0.7);
    assertThat(after).isGreaterThan(0.85);
  }

  private static double accuracy(
      TunedTopLayer m, List<TunedTopLayer.States> x, int[] y, int offset) {
    int hits = 0;
    for (int i = 0; i < x.size(); i++) {
      double[] p = m.probabilities(x.get(i).floats());
      assertThat(p[0] + p[1]).isCloseTo(1, within(1e-9));
      hits += LinearScores.argmax(p) == y[offset + i] ? 1 : 0;
    }
    return (double) hits / x.size();
  }

  @Test
  void aClassifierWithATunedLayerSurvivesASaveAndLoad() throws Exception {
    Random r = new Random(Seeds.seed("aClassifierWithATunedLayerSurvivesASaveAndLoad"));
    TunedTopLayer top = TunedTopLayer.from(randomLayer(r), 2, 5);
    TextClassifier model =
        new TextClassifier(
            List.of("0", "1"),
            Map.of("cgood", 0, "cbad", 1),
            new float[][] {{1.5f, -2f}},
            new float[] {0.1f},
            "test-vectors",
            new float[][] {{0.5f, -0.25f}},
            new float[] {-0.2f},
            0.4,
            null,
            0,
            new LogitStacker(new double[] {0.7, 1.3, 0.9}, new double[] {0.2, -0.2}),
            top,
            null,
            0.3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.save(bytes);
    TextClassifier loaded = TextClassifier.load(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(loaded.tunesTopLayer()).isTrue();
    assertThat(loaded.topShare()).isEqualTo(0.3);
    float[] v = {0.3f, 0.9f};
    for (int i = 0; i < 5; i++) {
      float[] states = gaussian(r, D * 4, 1);
      List<String> features = i % 2 == 0 ? List.of("cgood") : List.of("cbad");
      double[] expected = model.probabilities(features, v, states);
      assertThat(loaded.probabilities(features, v, states)).containsExactly(expected, within(0.0));
      assertThat(expected[0] + expected[1]).isCloseTo(1, within(1e-9));
    }
  }

  /**
   * The oracle: the untuned layer, fed the states that enter the model's last layer, gives back the
   * model's own [CLS] vector (ONNX Runtime runs it on int8 activations, so up to quantization
   * noise). bge-small-zh has 4 layers of 8 heads, bge-small-en 12 layers of 12 heads.
   */
  @Test
  void theUntunedLayerReproducesTheEmbeddingModel() {
    List<String> texts =
        List.of(
            "酒店位置很好，房间干净，服务员也很热情。",
            "The room was small and the breakfast was cold.",
            "价格偏贵，但是总体来说还不错");
    for (BgeEmbedder model : List.of(BgeEmbedder.smallZh(), BgeEmbedder.smallEn())) {
      TunedTopLayer layer = TunedTopLayer.from(model.lastLayer(), 2, 1);
      List<float[]> states = model.lastLayerInputs(texts);
      List<float[]> vectors = model.embed(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(states.get(i).length % model.dimension()).isZero();
        float[] cls = layer.cls(states.get(i));
        double dot = 0;
        double norm = 0;
        for (int j = 0; j < cls.length; j++) {
          dot += cls[j] * vectors.get(i)[j];
          norm += cls[j] * cls[j];
        }
        assertThat(dot / Math.sqrt(norm)).as(model.name() + " " + texts.get(i)).isGreaterThan(0.99);
      }
    }
  }
}
