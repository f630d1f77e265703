package dev.heed.core.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dense kernels on the JDK Vector API; {@link ScalarOps} is their oracle. The horizontal sums
 * ({@code reduceLanes(ADD)}) add the lanes in an order the API leaves open: interpreted code and
 * C2-compiled code can differ in the last bits for the same input (seen on AVX2). Summing in a
 * fixed order instead (halving the vector down to two lanes) made an iALS fit on MovieLens 100K, 64
 * factors, 25% slower there (median 0.25 s against 0.20 s, 2026-12-03), so the kernels keep
 * reduceLanes and results are reproducible up to float rounding.
 */
final class SimdOps {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private SimdOps() {}

  static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    int j = 0;
    int bound = S.loopBound(n);
    FloatVector acc = FloatVector.zero(S);
    for (; j < bound; j += S.length()) {
      acc = FloatVector.fromArray(S, a, aOff + j).fma(FloatVector.fromArray(S, b, bOff + j), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; j < n; j++) {
      sum += a[aOff + j] * b[bOff + j];
    }
    return sum;
  }

  static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    int j = 0;
    int bound = S.loopBound(n);
    FloatVector va = FloatVector.broadcast(S, alpha);
    for (; j < bound; j += S.length()) {
      FloatVector.fromArray(S, x, xOff + j)
          .fma(va, FloatVector.fromArray(S, y, yOff + j))
          .intoArray(y, yOff + j);
    }
    for (; j < n; j++) {
      y[yOff + j] += alpha * x[xOff + j];
    }
  }

  static float sum(float[] a, int n) {
    int j = 0;
    int bound = S.loopBound(n);
    FloatVector acc = FloatVector.zero(S);
    for (; j < bound; j += S.length()) {
      acc = acc.add(FloatVector.fromArray(S, a, j));
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; j < n; j++) {
      s += a[j];
    }
    return s;
  }

  static float squaredDeviation(float[] a, float mean, int n) {
    int j = 0;
    int bound = S.loopBound(n);
    FloatVector m = FloatVector.broadcast(S, mean);
    FloatVector acc = FloatVector.zero(S);
    for (; j < bound; j += S.length()) {
      FloatVector d = FloatVector.fromArray(S, a, j).sub(m);
      acc = d.fma(d, acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; j < n; j++) {
      float d = a[j] - mean;
      s += d * d;
    }
    return s;
  }

  static void scaleAdd(float a, float[] x, float b, float[] y, float c, int n) {
    int j = 0;
    int bound = S.loopBound(n);
    FloatVector va = FloatVector.broadcast(S, a);
    FloatVector vb = FloatVector.broadcast(S, b);
    FloatVector vc = FloatVector.broadcast(S, c);
    for (; j < bound; j += S.length()) {
      FloatVector.fromArray(S, y, j)
          .fma(vb, vc)
          .add(FloatVector.fromArray(S, x, j).mul(va))
          .intoArray(y, j);
    }
    for (; j < n; j++) {
      y[j] = a * x[j] + b * y[j] + c;
    }
  }

  static void gemv(float[] m, int rows, int n, float[] x, float[] out) {
    for (int r = 0; r < rows; r++) {
      out[r] = dot(m, r * n, x, 0, n);
    }
  }

  /**
   * out[r] = Σ_j x[j]·mt[j·rows + r]: the product of x with a matrix stored by columns (mt holds n
   * rows of length {@code rows}, the transpose of {@link #gemv}'s m). Four columns at a time are
   * added into each stretch of {@code out}, with no horizontal sums: for 20,000 rows of 32 factors
   * this measured 66 µs against 107 µs for a dot product per row (reading the 2.5 MB matrix is then
   * most of the time).
   */
  static void gemvTransposed(float[] mt, int rows, int n, float[] x, float[] out) {
    java.util.Arrays.fill(out, 0, rows, 0f);
    int bound = S.loopBound(rows);
    int j = 0;
    for (; j + 4 <= n; j += 4) {
      FloatVector x0 = FloatVector.broadcast(S, x[j]);
      FloatVector x1 = FloatVector.broadcast(S, x[j + 1]);
      FloatVector x2 = FloatVector.broadcast(S, x[j + 2]);
      FloatVector x3 = FloatVector.broadcast(S, x[j + 3]);
      int o0 = j * rows;
      int o1 = o0 + rows;
      int o2 = o1 + rows;
      int o3 = o2 + rows;
      int r = 0;
      for (; r < bound; r += S.length()) {
        FloatVector acc = FloatVector.fromArray(S, out, r);
        acc = FloatVector.fromArray(S, mt, o0 + r).fma(x0, acc);
        acc = FloatVector.fromArray(S, mt, o1 + r).fma(x1, acc);
        acc = FloatVector.fromArray(S, mt, o2 + r).fma(x2, acc);
        acc = FloatVector.fromArray(S, mt, o3 + r).fma(x3, acc);
        acc.intoArray(out, r);
      }
      for (; r < rows; r++) {
        out[r] +=
            x[j] * mt[o0 + r]
                + x[j + 1] * mt[o1 + r]
                + x[j + 2] * mt[o2 + r]
                + x[j + 3] * mt[o3 + r];
      }
    }
    for (; j < n; j++) {
      axpy(x[j], mt, j * rows, out, 0, rows);
    }
  }

  /**
   * c[m×n] += a[m×k] · b[k×n], row-major and contiguous from their offsets. Columns go in panels of
   * 2 vectors: each panel of b is first copied into a contiguous k × 2-vector buffer (read straight
   * from b, rows n floats apart, the same cache sets would be hit again and again when n is a power
   * of two), then every block of 4 rows of a runs over it with 8 accumulators, so each loaded
   * stretch of the panel serves 4 rows.
   */
  static void gemm(
      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
    int lanes = S.length();
    int width = 2 * lanes;
    int wide = n - n % width;
    float[] panel = new float[k * width];
    for (int j = 0; j < wide; j += width) {
      for (int q = 0; q < k; q++) {
        System.arraycopy(b, bOff + q * n + j, panel, q * width, width);
      }
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        int a0 = aOff + i * k;
        int a1 = a0 + k;
        int a2 = a1 + k;
        int a3 = a2 + k;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        for (int q = 0; q < k; q++) {
          FloatVector b0 = FloatVector.fromArray(S, panel, q * width);
          FloatVector b1 = FloatVector.fromArray(S, panel, q * width + lanes);
          FloatVector x = FloatVector.broadcast(S, a[a0 + q]);
          c00 = b0.fma(x, c00);
          c01 = b1.fma(x, c01);
          x = FloatVector.broadcast(S, a[a1 + q]);
          c10 = b0.fma(x, c10);
          c11 = b1.fma(x, c11);
          x = FloatVector.broadcast(S, a[a2 + q]);
          c20 = b0.fma(x, c20);
          c21 = b1.fma(x, c21);
          x = FloatVector.broadcast(S, a[a3 + q]);
          c30 = b0.fma(x, c30);
          c31 = b1.fma(x, c31);
        }
        int c0 = cOff + i * n + j;
        addInto(c00, c, c0);
        addInto(c01, c, c0 + lanes);
        addInto(c10, c, c0 + n);
        addInto(c11, c, c0 + n + lanes);
        addInto(c20, c, c0 + 2 * n);
        addInto(c21, c, c0 + 2 * n + lanes);
        addInto(c30, c, c0 + 3 * n);
        addInto(c31, c, c0 + 3 * n + lanes);
      }
      for (; i < m; i++) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        int ai = aOff + i * k;
        for (int q = 0; q < k; q++) {
          FloatVector x = FloatVector.broadcast(S, a[ai + q]);
          c0 = FloatVector.fromArray(S, panel, q * width).fma(x, c0);
          c1 = FloatVector.fromArray(S, panel, q * width + lanes).fma(x, c1);
        }
        addInto(c0, c, cOff + i * n + j);
        addInto(c1, c, cOff + i * n + j + lanes);
      }
    }
    if (wide < n) {
      for (int i = 0; i < m; i++) {
        gemmRowTail(a, aOff + i * k, b, bOff, c, cOff + i * n, k, n, wide);
      }
    }
  }

  private static void addInto(FloatVector v, float[] c, int offset) {
    v.add(FloatVector.fromArray(S, c, offset)).intoArray(c, offset);
  }

  /** One row of c (at cRow; its row of a at aRow), columns [from, n), by plain loops. */
  private static void gemmRowTail(
      float[] a, int aRow, float[] b, int bOff, float[] c, int cRow, int k, int n, int from) {
    for (int q = 0; q < k; q++) {
      float x = a[aRow + q];
      for (int j = from; j < n; j++) {
        c[cRow + j] += x * b[bOff + q * n + j];
      }
    }
  }

  static String describe() {
    return "Vector API, " + S.length() + " floats per vector";
  }
}
