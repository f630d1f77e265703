package dev.heed.text.classify;

import dev.heed.core.linalg.VectorOps;
import dev.heed.text.embed.EncoderLayer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One BERT encoder layer (post-LayerNorm, GELU) over every token, with its backward pass: the layer
 * below the {@link TunedTopLayer} when two layers are fine-tuned. Unlike the top layer, every
 * token's output is needed (the top layer's keys and values read them all), so it costs O(tokens ·
 * dim²) forward and twice that back; the products run as {@link VectorOps#gemm}. The gradient with
 * respect to the input is not computed: the layers below stay frozen.
 *
 * <p>Parameters are laid out in one array as in {@link TunedTopLayer} (without the head), matrices
 * row-major {@code [in][out]}.
 */
final class EncoderBlock {
  final int d;
  final int f;
  final int heads;
  final float[] p;
  final int wq;
  final int bq;
  final int wk;
  final int bk;
  final int wv;
  final int bv;
  final int wo;
  final int bo;
  final int g1;
  final int be1;
  final int w1;
  final int b1;
  final int w2;
  final int b2;
  final int g2;
  final int be2;

  private EncoderBlock(int d, int f, int heads) {
    this.d = d;
    this.f = f;
    this.heads = heads;
    int[] o = offsets(d, f);
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
    p = new float[o[16]];
  }

  /**
   * Where each of a layer's 16 parameter arrays starts in one array, in the order of {@link
   * #copy(EncoderLayer, float[])}, and (last) where they end; the tuned top layer uses the same
   * layout and puts its head after them.
   */
  static int[] offsets(int d, int f) {
    int[] sizes = {d * d, d, d * d, d, d * d, d, d * d, d, d, d, d * f, f, f * d, d, d, d};
    int[] o = new int[sizes.length + 1];
    for (int i = 0; i < sizes.length; i++) {
      o[i + 1] = o[i] + sizes[i];
    }
    return o;
  }

  /** Copies the layer's weights into {@code p} in the layout of {@link #offsets}. */
  static void copy(EncoderLayer layer, float[] p) {
    float[][] parts = {
      layer.wq(),
      layer.bq(),
      layer.wk(),
      layer.bk(),
      layer.wv(),
      layer.bv(),
      layer.wo(),
      layer.bo(),
      layer.ln1Gain(),
      layer.ln1Bias(),
      layer.w1(),
      layer.b1(),
      layer.w2(),
      layer.b2(),
      layer.ln2Gain(),
      layer.ln2Bias()
    };
    int o = 0;
    for (float[] part : parts) {
      System.arraycopy(part, 0, p, o, part.length);
      o += part.length;
    }
  }

  /** The layer as the model has it. */
  static EncoderBlock from(EncoderLayer layer) {
    EncoderBlock b = new EncoderBlock(layer.dim(), layer.ffn(), layer.heads());
    copy(layer, b.p);
    return b;
  }

  /** A copy of the layer as it is now. */
  EncoderBlock copy() {
    EncoderBlock b = new EncoderBlock(d, f, heads);
    System.arraycopy(p, 0, b.p, 0, p.length);
    return b;
  }

  /** Writes the shape and the parameters. */
  void write(DataOutputStream out) throws IOException {
    out.writeInt(d);
    out.writeInt(f);
    out.writeInt(heads);
    for (float v : p) {
      out.writeFloat(v);
    }
  }

  /** Reads what {@link #write} wrote. */
  static EncoderBlock read(DataInputStream in) throws IOException {
    int d = in.readInt();
    int f = in.readInt();
    int heads = in.readInt();
    if (d <= 0 || d > 4096 || f <= 0 || f > 16384 || heads <= 0 || d % heads != 0) {
      throw new IOException(
          "corrupt classifier: an encoder layer of " + d + "x" + f + ", " + heads + " heads");
    }
    EncoderBlock b = new EncoderBlock(d, f, heads);
    for (int i = 0; i < b.p.length; i++) {
      b.p[i] = in.readFloat();
    }
    return b;
  }

  /** Weight decay applies to matrices, not to biases or LayerNorm gains. */
  boolean decays(int i) {
    return (i >= wq && i < bq)
        || (i >= wk && i < bk)
        || (i >= wv && i < bv)
        || (i >= wo && i < bo)
        || (i >= w1 && i < b1)
        || (i >= w2 && i < b2);
  }

  /**
   * The transposes of the matrices the backward pass multiplies by; valid until {@code p} moves.
   */
  record Transposed(float[] wo, float[] w1, float[] w2) {}

  Transposed transposed() {
    float[] woT = new float[d * d];
    float[] w1T = new float[f * d];
    float[] w2T = new float[d * f];
    VectorOps.transpose(p, wo, d, d, woT);
    VectorOps.transpose(p, w1, d, f, w1T);
    VectorOps.transpose(p, w2, f, d, w2T);
    return new Transposed(woT, w1T, w2T);
  }

  /** What the backward pass needs of one forward pass; {@code y} is the layer's output. */
  static final class Pass {
    final int t;
    final float[] x;
    float[] q;
    float[] k;
    float[] v;
    float[][] prob; // per head, [t][t]
    float[] c;
    float[] xhat1;
    float[] inv1;
    float[] h1;
    float[] u;
    float[] g;
    float[] xhat2;
    float[] inv2;
    float[] y;

    Pass(float[] x, int d) {
      this.x = x;
      this.t = x.length / d;
    }
  }

  /** The layer's output for states {@code x} ({@code [tokens][dim]}, row-major). */
  Pass forward(float[] x) {
    Pass s = new Pass(x, d);
    int t = s.t;
    int hd = d / heads;
    float scale = (float) (1 / Math.sqrt(hd));
    s.q = affine(x, t, d, wq, bq, d);
    s.k = affine(x, t, d, wk, bk, d);
    s.v = affine(x, t, d, wv, bv, d);
    s.prob = new float[heads][t * t];
    s.c = new float[t * d];
    for (int h = 0; h < heads; h++) {
      int from = h * hd;
      float[] pr = s.prob[h];
      for (int i = 0; i < t; i++) {
        int row = i * t;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < t; j++) {
          pr[row + j] = scale * VectorOps.dot(s.q, i * d + from, s.k, j * d + from, hd);
          max = Math.max(max, pr[row + j]);
        }
        float sum = 0;
        for (int j = 0; j < t; j++) {
          pr[row + j] = (float) Math.exp(pr[row + j] - max);
          sum += pr[row + j];
        }
        for (int j = 0; j < t; j++) {
          pr[row + j] /= sum;
          VectorOps.axpy(pr[row + j], s.v, j * d + from, s.c, i * d + from, hd);
        }
      }
    }
    float[] a = affine(s.c, t, d, wo, bo, d);
    for (int i = 0; i < a.length; i++) {
      a[i] += x[i];
    }
    s.xhat1 = new float[t * d];
    s.inv1 = new float[t];
    s.h1 = layerNorm(a, t, s.xhat1, s.inv1, g1, be1);
    s.u = affine(s.h1, t, d, w1, b1, f);
    s.g = new float[t * f];
    for (int i = 0; i < s.u.length; i++) {
      s.g[i] = TunedTopLayer.gelu(s.u[i]);
    }
    float[] r = affine(s.g, t, f, w2, b2, d);
    for (int i = 0; i < r.length; i++) {
      r[i] += s.h1[i];
    }
    s.xhat2 = new float[t * d];
    s.inv2 = new float[t];
    s.y = layerNorm(r, t, s.xhat2, s.inv2, g2, be2);
    return s;
  }

  /**
   * Adds to {@code grad} (laid out like {@code p}) the gradient of a loss whose gradient with
   * respect to the output {@code s.y} is {@code dy}; {@code wt} holds the transposes of now.
   */
  void backward(Pass s, float[] dy, Transposed wt, float[] grad) {
    int t = s.t;
    int hd = d / heads;
    float scale = (float) (1 / Math.sqrt(hd));
    // y = LN(g W2 + b2 + h1)
    float[] dr = layerNormBack(dy, t, s.xhat2, s.inv2, g2, be2, grad);
    float[] gT = new float[f * t];
    VectorOps.transpose(s.g, 0, t, f, gT);
    VectorOps.gemm(gT, 0, dr, 0, grad, w2, f, t, d);
    columnSums(dr, t, d, grad, b2);
    float[] du = new float[t * f];
    VectorOps.gemm(dr, 0, wt.w2(), 0, du, 0, t, d, f);
    for (int i = 0; i < du.length; i++) {
      du[i] *= TunedTopLayer.geluDerivative(s.u[i]);
    }
    // u = h1 W1 + b1
    float[] h1T = new float[d * t];
    VectorOps.transpose(s.h1, 0, t, d, h1T);
    VectorOps.gemm(h1T, 0, du, 0, grad, w1, d, t, f);
    columnSums(du, t, f, grad, b1);
    float[] dh1 = dr.clone();
    VectorOps.gemm(du, 0, wt.w1(), 0, dh1, 0, t, f, d);
    // h1 = LN(c Wo + bo + x)
    float[] da = layerNormBack(dh1, t, s.xhat1, s.inv1, g1, be1, grad);
    float[] cT = new float[d * t];
    VectorOps.transpose(s.c, 0, t, d, cT);
    VectorOps.gemm(cT, 0, da, 0, grad, wo, d, t, d);
    columnSums(da, t, d, grad, bo);
    float[] dc = new float[t * d];
    VectorOps.gemm(da, 0, wt.wo(), 0, dc, 0, t, d, d);
    // attention
    float[] dq = new float[t * d];
    float[] dk = new float[t * d];
    float[] dv = new float[t * d];
    float[] ds = new float[t];
    for (int h = 0; h < heads; h++) {
      int from = h * hd;
      float[] pr = s.prob[h];
      for (int i = 0; i < t; i++) {
        int row = i * t;
        float mean = 0;
        for (int j = 0; j < t; j++) {
          float pij = pr[row + j];
          ds[j] = VectorOps.dot(dc, i * d + from, s.v, j * d + from, hd);
          mean += pij * ds[j];
          VectorOps.axpy(pij, dc, i * d + from, dv, j * d + from, hd);
        }
        for (int j = 0; j < t; j++) {
          float dsij = scale * pr[row + j] * (ds[j] - mean);
          VectorOps.axpy(dsij, s.k, j * d + from, dq, i * d + from, hd);
          VectorOps.axpy(dsij, s.q, i * d + from, dk, j * d + from, hd);
        }
      }
    }
    // q, k, v = x W + b
    float[] xT = new float[d * t];
    VectorOps.transpose(s.x, 0, t, d, xT);
    VectorOps.gemm(xT, 0, dq, 0, grad, wq, d, t, d);
    VectorOps.gemm(xT, 0, dk, 0, grad, wk, d, t, d);
    VectorOps.gemm(xT, 0, dv, 0, grad, wv, d, t, d);
    columnSums(dq, t, d, grad, bq);
    columnSums(dk, t, d, grad, bk);
    columnSums(dv, t, d, grad, bv);
  }

  /** x ([rows][in]) · W (at w, [in][out]) + b (at b), a new [rows][out] array. */
  private float[] affine(float[] x, int rows, int in, int w, int b, int out) {
    float[] y = new float[rows * out];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(p, b, y, r * out, out);
    }
    VectorOps.gemm(x, 0, p, w, y, 0, rows, in, out);
    return y;
  }

  private static void columnSums(float[] m, int rows, int cols, float[] grad, int at) {
    for (int r = 0; r < rows; r++) {
      VectorOps.axpy(1f, m, r * cols, grad, at, cols);
    }
  }

  /** Row-wise LayerNorm of r (gain at gi, bias at bi); keeps x̂ and 1/σ per row. */
  private float[] layerNorm(float[] r, int rows, float[] xhat, float[] inv, int gi, int bi) {
    float[] y = new float[r.length];
    for (int row = 0; row < rows; row++) {
      inv[row] = layerNormRow(r, row * d, d, p, gi, bi, xhat, y);
    }
    return y;
  }

  /** Back through the row-wise LayerNorm: adds the gain and bias gradients, returns d/dr. */
  private float[] layerNormBack(
      float[] dy, int rows, float[] xhat, float[] inv, int gi, int bi, float[] grad) {
    float[] dr = new float[dy.length];
    float[] dxhat = new float[d];
    for (int row = 0; row < rows; row++) {
      layerNormRowBack(dy, row * d, d, xhat, inv[row], p, gi, bi, grad, dxhat, dr);
    }
    return dr;
  }

  /**
   * LayerNorm of r[o, o+n) with the gain at p[gi] and the bias at p[bi], into y[o, o+n); keeps x̂
   * in xhat[o, o+n) and returns 1/σ.
   */
  static float layerNormRow(
      float[] r, int o, int n, float[] p, int gi, int bi, float[] xhat, float[] y) {
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += r[o + i];
    }
    mean /= n;
    double var = 0;
    for (int i = 0; i < n; i++) {
      var += (r[o + i] - mean) * (r[o + i] - mean);
    }
    var /= n;
    float inv = (float) (1 / Math.sqrt(var + EncoderLayer.LAYER_NORM_EPS));
    for (int i = 0; i < n; i++) {
      xhat[o + i] = (float) ((r[o + i] - mean) * inv);
      y[o + i] = p[gi + i] * xhat[o + i] + p[bi + i];
    }
    return inv;
  }

  /**
   * Back through {@link #layerNormRow} for the row at o: adds the gain and bias gradients to grad,
   * writes d/dr into dr[o, o+n); dxhat is scratch of n floats.
   */
  static void layerNormRowBack(
      float[] dy,
      int o,
      int n,
      float[] xhat,
      float inv,
      float[] p,
      int gi,
      int bi,
      float[] grad,
      float[] dxhat,
      float[] dr) {
    double mean = 0;
    double meanX = 0;
    for (int i = 0; i < n; i++) {
      grad[gi + i] += dy[o + i] * xhat[o + i];
      grad[bi + i] += dy[o + i];
      dxhat[i] = dy[o + i] * p[gi + i];
      mean += dxhat[i];
      meanX += dxhat[i] * xhat[o + i];
    }
    mean /= n;
    meanX /= n;
    for (int i = 0; i < n; i++) {
      dr[o + i] = (float) (inv * (dxhat[i] - mean - xhat[o + i] * meanX));
    }
  }
}
