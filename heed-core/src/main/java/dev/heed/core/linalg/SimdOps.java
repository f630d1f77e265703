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

  static String describe() {
    return "Vector API, " + S.length() + " floats per vector";
  }
}
