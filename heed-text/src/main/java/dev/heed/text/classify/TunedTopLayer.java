package dev.heed.text.classify;

import dev.heed.text.embed.EncoderLayer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * A text classifier that fine-tunes the embedding model's last encoder layer with a softmax head on
 * its [CLS] output, the lower layers frozen (their states come from {@link
 * dev.heed.text.embed.BgeEmbedder#lastLayerInputs}, computed once per text).
 *
 * <p>Only the [CLS] row of the last layer reaches the head, so the layer is computed for that row
 * alone: its query attends over keys {@code X Wk + bk} and values {@code X Wv + bv} of every token,
 * which are folded into the query side ({@code s_t = X_t · (Wk q) + bk · q}, {@code c = (Σ p_t X_t)
 * Wv + bv}), so a text costs O(tokens · dim · heads + dim²) instead of O(tokens · dim²). The
 * gradient flows the same way back; the key bias gets none (softmax is shift-invariant).
 */
public final class TunedTopLayer {
  private final int d;
  private final int f;
  private final int heads;
  private final int classes;
  // All parameters in one array (so that the optimizer is one loop); offsets below.
  final float[] p;
  private final int wq;
  private final int bq;
  private final int wk;
  private final int bk;
  private final int wv;
  private final int bv;
  private final int wo;
  private final int bo;
  private final int g1;
  private final int be1;
  private final int w1;
  private final int b1;
  private final int w2;
  private final int b2;
  private final int g2;
  private final int be2;
  private final int wc;
  private final int bc;

  private TunedTopLayer(int d, int f, int heads, int classes) {
    this.d = d;
    this.f = f;
    this.heads = heads;
    this.classes = classes;
    int[] o = EncoderBlock.offsets(d, f);
    wq = o[0];
    bq = o[1];
    wk = o[2];
    bk = o[3];
    wv = o[4];
    bv = o[5];
    wo = o[6];
    bo = o[7];
    g1 = o[8];
    be1 = o[9];
    w1 = o[10];
    b1 = o[11];
    w2 = o[12];
    b2 = o[13];
    g2 = o[14];
    be2 = o[15];
    wc = o[16];
    bc = wc + d * classes;
    p = new float[bc + classes];
  }

  /** The layer as the model has it, with a head of small random weights for {@code classes}. */
  public static TunedTopLayer from(EncoderLayer layer, int classes, long seed) {
    TunedTopLayer t = new TunedTopLayer(layer.dim(), layer.ffn(), layer.heads(), classes);
    EncoderBlock.copy(layer, t.p);
    Random r = new Random(seed);
    for (int i = t.wc; i < t.bc; i++) {
      t.p[i] = (float) (0.02 * r.nextGaussian());
    }
    return t;
  }

  /** A copy of the model as it is now. */
  TunedTopLayer copy() {
    TunedTopLayer t = new TunedTopLayer(d, f, heads, classes);
    System.arraycopy(p, 0, t.p, 0, p.length);
    return t;
  }

  public int classes() {
    return classes;
  }

  /** The width of the states the layer reads. */
  int dim() {
    return d;
  }

  /** The [CLS] output of the layer for states {@code x} ({@code [tokens][dim]}, row-major). */
  public float[] cls(float[] x) {
    return forward(x).h2;
  }

  /** Class probabilities for states {@code x}. */
  public double[] probabilities(float[] x) {
    return EmbeddingMlp.softmax(forward(x).logits);
  }

  /** What the backward pass needs of one forward pass. */
  private final class Pass {
    final int t;
    final float[] x;
    final float[] q = new float[d];
    final float[][] ktil = new float[heads][d];
    final float[][] prob;
    final float[][] xbar = new float[heads][d];
    final float[] c = new float[d];
    final float[] xhat1 = new float[d];
    float inv1;
    final float[] h1 = new float[d];
    final float[] u = new float[f];
    final float[] g = new float[f];
    final float[] xhat2 = new float[d];
    float inv2;
    final float[] h2 = new float[d];
    final float[] logits = new float[classes];

    Pass(float[] x) {
      this.x = x;
      this.t = x.length / d;
      this.prob = new float[heads][t];
    }
  }

  private Pass forward(float[] x) {
    Pass s = new Pass(x);
    int hd = d / heads;
    float scale = (float) (1 / Math.sqrt(hd));
    // q = x0 Wq + bq
    matVec(x, 0, p, wq, d, d, s.q);
    add(s.q, p, bq);
    for (int h = 0; h < heads; h++) {
      int from = h * hd;
      // ktil_h = Wk[:, head] q_head, kb = bk[head] · q_head
      float[] kt = s.ktil[h];
      for (int i = 0; i < d; i++) {
        float acc = 0;
        int row = wk + i * d + from;
        for (int j = 0; j < hd; j++) {
          acc += p[row + j] * s.q[from + j];
        }
        kt[i] = acc;
      }
      float kb = 0;
      for (int j = 0; j < hd; j++) {
        kb += p[bk + from + j] * s.q[from + j];
      }
      float[] pr = s.prob[h];
      float max = Float.NEGATIVE_INFINITY;
      for (int t = 0; t < s.t; t++) {
        pr[t] = scale * (dot(x, t * d, kt, d) + kb);
        max = Math.max(max, pr[t]);
      }
      float sum = 0;
      for (int t = 0; t < s.t; t++) {
        pr[t] = (float) Math.exp(pr[t] - max);
        sum += pr[t];
      }
      float[] xb = s.xbar[h];
      for (int t = 0; t < s.t; t++) {
        pr[t] /= sum;
        axpy(pr[t], x, t * d, xb, d);
      }
      // c_head = xbar_h Wv[:, head] + bv[head]
      for (int j = 0; j < hd; j++) {
        s.c[from + j] = p[bv + from + j];
      }
      for (int i = 0; i < d; i++) {
        float a = xb[i];
        int row = wv + i * d + from;
        for (int j = 0; j < hd; j++) {
          s.c[from + j] += a * p[row + j];
        }
      }
    }
    float[] r1 = new float[d];
    matVec(s.c, 0, p, wo, d, d, r1);
    for (int i = 0; i < d; i++) {
      r1[i] += p[bo + i] + x[i];
    }
    s.inv1 = layerNorm(r1, s.xhat1, g1, be1, s.h1);
    matVec(s.h1, 0, p, w1, d, f, s.u);
    for (int m = 0; m < f; m++) {
      s.u[m] += p[b1 + m];
      s.g[m] = gelu(s.u[m]);
    }
    float[] r2 = new float[d];
    matVec(s.g, 0, p, w2, f, d, r2);
    for (int i = 0; i < d; i++) {
      r2[i] += p[b2 + i] + s.h1[i];
    }
    s.inv2 = layerNorm(r2, s.xhat2, g2, be2, s.h2);
    matVec(s.h2, 0, p, wc, d, classes, s.logits);
    add(s.logits, p, bc);
    return s;
  }

  /**
   * Adds the gradient of the cross-entropy of {@code label} at {@code x} to {@code grad} (same
   * layout as the parameters) and returns the loss.
   */
  double gradient(float[] x, int label, float[] grad) {
    return gradient(x, label, grad, null);
  }

  /**
   * As {@link #gradient(float[], int, float[])}, and adds the gradient with respect to the states
   * {@code x} to {@code dx} (same shape as {@code x}) unless it is null.
   */
  double gradient(float[] x, int label, float[] grad, float[] dx) {
    Pass s = forward(x);
    double[] prob = EmbeddingMlp.softmax(s.logits);
    float[] dl = new float[classes];
    for (int k = 0; k < classes; k++) {
      dl[k] = (float) (prob[k] - (k == label ? 1 : 0));
    }
    int hd = d / heads;
    float scale = (float) (1 / Math.sqrt(hd));
    // head
    float[] dh2 = new float[d];
    for (int i = 0; i < d; i++) {
      int row = wc + i * classes;
      float acc = 0;
      for (int k = 0; k < classes; k++) {
        grad[row + k] += s.h2[i] * dl[k];
        acc += p[row + k] * dl[k];
      }
      dh2[i] = acc;
    }
    for (int k = 0; k < classes; k++) {
      grad[bc + k] += dl[k];
    }
    float[] dr2 = layerNormBack(dh2, s.xhat2, s.inv2, g2, be2, grad);
    // FFN
    float[] dg = new float[f];
    for (int m = 0; m < f; m++) {
      int row = w2 + m * d;
      float gm = s.g[m];
      float acc = 0;
      for (int j = 0; j < d; j++) {
        grad[row + j] += gm * dr2[j];
        acc += p[row + j] * dr2[j];
      }
      dg[m] = acc * geluDerivative(s.u[m]);
    }
    for (int j = 0; j < d; j++) {
      grad[b2 + j] += dr2[j];
    }
    float[] dh1 = dr2.clone();
    for (int i = 0; i < d; i++) {
      int row = w1 + i * f;
      float hi = s.h1[i];
      float acc = 0;
      for (int m = 0; m < f; m++) {
        grad[row + m] += hi * dg[m];
        acc += p[row + m] * dg[m];
      }
      dh1[i] += acc;
    }
    for (int m = 0; m < f; m++) {
      grad[b1 + m] += dg[m];
    }
    float[] da = layerNormBack(dh1, s.xhat1, s.inv1, g1, be1, grad);
    if (dx != null) {
      axpy(1, da, 0, dx, d); // the residual: r1 = c Wo + bo + x_0
    }
    // attention output
    float[] dc = new float[d];
    for (int j = 0; j < d; j++) {
      int row = wo + j * d;
      float cj = s.c[j];
      float acc = 0;
      for (int k = 0; k < d; k++) {
        grad[row + k] += cj * da[k];
        acc += p[row + k] * da[k];
      }
      dc[j] = acc;
    }
    for (int k = 0; k < d; k++) {
      grad[bo + k] += da[k];
    }
    float[] dq = new float[d];
    float[] w = new float[d];
    float[] z = new float[d];
    for (int h = 0; h < heads; h++) {
      int from = h * hd;
      // values: c_head = xbar_h Wv[:, head] + bv[head]
      float[] xb = s.xbar[h];
      float vb = 0;
      for (int j = 0; j < hd; j++) {
        grad[bv + from + j] += dc[from + j];
        vb += p[bv + from + j] * dc[from + j];
      }
      for (int i = 0; i < d; i++) {
        int row = wv + i * d + from;
        float acc = 0;
        for (int j = 0; j < hd; j++) {
          grad[row + j] += xb[i] * dc[from + j];
          acc += p[row + j] * dc[from + j];
        }
        w[i] = acc; // Wv[:, head] dc_head
      }
      // dp_t = X_t · w + bv · dc; ds = p (dp - Σ p dp)
      float[] pr = s.prob[h];
      float[] ds = new float[s.t];
      float mean = 0;
      for (int t = 0; t < s.t; t++) {
        ds[t] = dot(s.x, t * d, w, d) + vb;
        mean += pr[t] * ds[t];
      }
      Arrays.fill(z, 0);
      for (int t = 0; t < s.t; t++) {
        ds[t] = pr[t] * (ds[t] - mean);
        axpy(scale * ds[t], s.x, t * d, z, d); // z = d s / d ktil
      }
      if (dx != null) {
        // x_t enters the scores (x_t · ktil) and the values' mix (xbar = Σ p_t x_t).
        float[] kt = s.ktil[h];
        for (int t = 0; t < s.t; t++) {
          for (int i = 0; i < d; i++) {
            dx[t * d + i] += scale * ds[t] * kt[i] + pr[t] * w[i];
          }
        }
      }
      // ktil_h = Wk[:, head] q_head
      for (int i = 0; i < d; i++) {
        int row = wk + i * d + from;
        float zi = z[i];
        for (int j = 0; j < hd; j++) {
          grad[row + j] += zi * s.q[from + j];
          dq[from + j] += p[row + j] * zi;
        }
      }
    }
    for (int i = 0; i < d; i++) {
      int row = wq + i * d;
      float xi = s.x[i];
      for (int j = 0; j < d; j++) {
        grad[row + j] += xi * dq[j];
      }
    }
    for (int j = 0; j < d; j++) {
      grad[bq + j] += dq[j];
    }
    if (dx != null) {
      // q = x_0 Wq + bq
      for (int i = 0; i < d; i++) {
        dx[i] += dot(p, wq + i * d, dq, d);
      }
    }
    return -Math.log(Math.max(prob[label], 1e-300));
  }

  /** Training settings: AdamW with linear warm-up and decay, minibatches run in parallel. */
  public record Trainer(
      int epochs, int batch, double layerRate, double headRate, double weightDecay, long seed) {

    /**
     * Fits {@code model} on states {@code x} with labels {@code y}; after each epoch {@code
     * afterEpoch} sees the model and the epoch (1-based).
     */
    public void fit(
        TunedTopLayer model,
        List<States> x,
        int[] y,
        BiConsumer<TunedTopLayer, Integer> afterEpoch) {
      fit(model, null, x, y, (m, b, e) -> afterEpoch.accept(m, e));
    }

    /** What a two-layer fit shows after each epoch. */
    interface EpochListener {
      void after(TunedTopLayer model, EncoderBlock below, int epoch);
    }

    /**
     * As {@link #fit(TunedTopLayer, List, int[], BiConsumer)}; when {@code below} is not null, the
     * states {@code x} enter it first and it is tuned too, at the layer's rate.
     */
    void fit(
        TunedTopLayer model,
        EncoderBlock below,
        List<States> x,
        int[] y,
        EpochListener afterEpoch) {
      int n = x.size();
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      Adam top = new Adam(model.p.length, threads);
      Adam block = below == null ? null : new Adam(below.p.length, threads);
      int steps = epochs * ((n + batch - 1) / batch);
      int warmup = Math.max(1, steps / 10);
      Random random = new Random(seed);
      int[] order = IntStream.range(0, n).toArray();
      int step = 0;
      for (int epoch = 1; epoch <= epochs; epoch++) {
        EmbeddingMlp.shuffle(order, random);
        for (int from = 0; from < n; from += batch) {
          int to = Math.min(n, from + batch);
          int start = from;
          EncoderBlock.Transposed wt = below == null ? null : below.transposed();
          IntStream.range(0, threads)
              .parallel()
              .forEach(
                  th -> {
                    float[] g = top.grads[th];
                    Arrays.fill(g, 0);
                    if (below != null) {
                      Arrays.fill(block.grads[th], 0);
                    }
                    for (int k = start + th; k < to; k += threads) {
                      float[] states = x.get(order[k]).floats();
                      if (below == null) {
                        model.gradient(states, y[order[k]], g);
                      } else {
                        EncoderBlock.Pass pass = below.forward(states);
                        float[] dy = new float[pass.y.length];
                        model.gradient(pass.y, y[order[k]], g, dy);
                        below.backward(pass, dy, wt, block.grads[th]);
                      }
                    }
                  });
          step++;
          double schedule =
              step <= warmup ? (double) step / warmup : (double) (steps - step) / (steps - warmup);
          float inv = 1f / (to - from);
          top.step(
              model.p,
              inv,
              step,
              i -> (i >= model.wc ? headRate : layerRate) * schedule,
              model::decays,
              weightDecay);
          if (below != null) {
            block.step(below.p, inv, step, i -> layerRate * schedule, below::decays, weightDecay);
          }
        }
        afterEpoch.after(model, below, epoch);
      }
    }

    /** AdamW's moments of one parameter array, and the threads' gradients of a step. */
    private static final class Adam {
      final float[] m;
      final float[] v;
      final float[][] grads;

      Adam(int size, int threads) {
        m = new float[size];
        v = new float[size];
        grads = new float[threads][size];
      }

      void step(
          float[] p,
          float inv,
          int step,
          java.util.function.IntToDoubleFunction rate,
          java.util.function.IntPredicate decays,
          double weightDecay) {
        double b1 = 0.9;
        double b2 = 0.999;
        double c1 = 1 - Math.pow(b1, step);
        double c2 = 1 - Math.pow(b2, step);
        for (int i = 0; i < p.length; i++) {
          float g = 0;
          for (float[] gt : grads) {
            g += gt[i];
          }
          g *= inv;
          m[i] = (float) (b1 * m[i] + (1 - b1) * g);
          v[i] = (float) (b2 * v[i] + (1 - b2) * g * g);
          double update = (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
          p[i] -=
              (float)
                  (rate.applyAsDouble(i) * (update + (decays.test(i) ? weightDecay * p[i] : 0)));
        }
      }
    }
  }

  /**
   * A text's states kept at 8 bits for training: each token's row scaled by its largest magnitude
   * (ONNX Runtime quantizes every activation of the int8 model to 8 bits too, per tensor), so a
   * text takes tokens × (dim + 4) bytes.
   */
  public record States(byte[] values, float[] scales) {
    /** The states {@code x} ({@code [tokens][dim]}, row-major) at 8 bits. */
    public static States of(float[] x, int dim) {
      int tokens = x.length / dim;
      byte[] q = new byte[x.length];
      float[] scales = new float[tokens];
      for (int t = 0; t < tokens; t++) {
        float max = 0;
        for (int i = t * dim; i < (t + 1) * dim; i++) {
          max = Math.max(max, Math.abs(x[i]));
        }
        float scale = max / 127;
        scales[t] = scale;
        for (int i = t * dim; i < (t + 1) * dim; i++) {
          q[i] = scale == 0 ? 0 : (byte) Math.round(x[i] / scale);
        }
      }
      return new States(q, scales);
    }

    /** The states as floats again. */
    public float[] floats() {
      float[] x = new float[values.length];
      int dim = values.length / scales.length;
      for (int i = 0; i < x.length; i++) {
        x[i] = values[i] * scales[i / dim];
      }
      return x;
    }

    /** The bytes these states take. */
    public long bytes() {
      return values.length + 4L * scales.length;
    }
  }

  /** Writes the shape and the parameters. */
  void write(DataOutputStream out) throws IOException {
    out.writeInt(d);
    out.writeInt(f);
    out.writeInt(heads);
    out.writeInt(classes);
    for (float v : p) {
      out.writeFloat(v);
    }
  }

  /** Reads what {@link #write} wrote. */
  static TunedTopLayer read(DataInputStream in) throws IOException {
    int d = in.readInt();
    int f = in.readInt();
    int heads = in.readInt();
    int classes = in.readInt();
    if (d <= 0
        || d > 4096
        || f <= 0
        || f > 16384
        || heads <= 0
        || d % heads != 0
        || classes < 2
        || classes > 1 << 16) {
      throw new IOException(
          "corrupt classifier: a tuned layer of " + d + "x" + f + ", " + heads + " heads");
    }
    TunedTopLayer t = new TunedTopLayer(d, f, heads, classes);
    for (int i = 0; i < t.p.length; i++) {
      t.p[i] = in.readFloat();
    }
    return t;
  }

  /** Weight decay applies to matrices, not to biases or LayerNorm gains. */
  private boolean decays(int i) {
    return (i >= wq && i < bq)
        || (i >= wk && i < bk)
        || (i >= wv && i < bv)
        || (i >= wo && i < bo)
        || (i >= w1 && i < b1)
        || (i >= w2 && i < b2)
        || (i >= wc && i < bc);
  }

  // --- kernels

  /** out = v[vo .. vo+rows) · M (M at mo, rows × cols, row-major). */
  private static void matVec(
      float[] v, int vo, float[] mat, int mo, int rows, int cols, float[] out) {
    Arrays.fill(out, 0, cols, 0);
    for (int i = 0; i < rows; i++) {
      float a = v[vo + i];
      if (a == 0) {
        continue;
      }
      int row = mo + i * cols;
      for (int j = 0; j < cols; j++) {
        out[j] += a * mat[row + j];
      }
    }
  }

  private static float dot(float[] a, int ao, float[] b, int n) {
    float acc = 0;
    for (int i = 0; i < n; i++) {
      acc += a[ao + i] * b[i];
    }
    return acc;
  }

  private static void axpy(float alpha, float[] x, int xo, float[] y, int n) {
    for (int i = 0; i < n; i++) {
      y[i] += alpha * x[xo + i];
    }
  }

  private void add(float[] v, float[] src, int offset) {
    for (int i = 0; i < v.length; i++) {
      v[i] += src[offset + i];
    }
  }

  /** LayerNorm of r into y (gain at gi, bias at bi); keeps x̂ and returns 1/σ. */
  private float layerNorm(float[] r, float[] xhat, int gi, int bi, float[] y) {
    return EncoderBlock.layerNormRow(r, 0, r.length, p, gi, bi, xhat, y);
  }

  /** Back through LayerNorm: adds the gain and bias gradients, returns d/dr. */
  private float[] layerNormBack(float[] dy, float[] xhat, float inv, int gi, int bi, float[] grad) {
    float[] dr = new float[dy.length];
    EncoderBlock.layerNormRowBack(
        dy, 0, dy.length, xhat, inv, p, gi, bi, grad, new float[dy.length], dr);
    return dr;
  }

  static float gelu(float x) {
    return (float) (0.5 * x * (1 + erf(x / Math.sqrt(2))));
  }

  static float geluDerivative(float x) {
    return (float)
        (0.5 * (1 + erf(x / Math.sqrt(2))) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI));
  }

  /** erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
  static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double y =
        1
            - t
                * (0.254829592
                    + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
    return x >= 0 ? y : -y;
  }
}
