package dev.heed.core.linalg;

/** Plain loops for the dense kernels: the reference the Vector API kernels are tested against. */
public final class ScalarOps {
  private ScalarOps() {}

  public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    float sum = 0;
    for (int j = 0; j < n; j++) {
      sum += a[aOff + j] * b[bOff + j];
    }
    return sum;
  }

  /** y += alpha * x. */
  public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    for (int j = 0; j < n; j++) {
      y[yOff + j] += alpha * x[xOff + j];
    }
  }

  public static float sum(float[] a, int n) {
    float s = 0;
    for (int j = 0; j < n; j++) {
      s += a[j];
    }
    return s;
  }

  /** Σ (a[j] − mean)² over [0, n). */
  public static float squaredDeviation(float[] a, float mean, int n) {
    float s = 0;
    for (int j = 0; j < n; j++) {
      float d = a[j] - mean;
      s += d * d;
    }
    return s;
  }

  /** y[j] = a * x[j] + b * y[j] + c, for j in [0, n). */
  public static void scaleAdd(float a, float[] x, float b, float[] y, float c, int n) {
    for (int j = 0; j < n; j++) {
      y[j] = a * x[j] + b * y[j] + c;
    }
  }

  /** out[r] = dot(row r of the row-major rows x n matrix m, x), for r in [0, rows). */
  public static void gemv(float[] m, int rows, int n, float[] x, float[] out) {
    for (int r = 0; r < rows; r++) {
      out[r] = dot(m, r * n, x, 0, n);
    }
  }

  /** out[r] = Σ_j x[j]·mt[j·rows + r], for mt the n x rows transpose of {@link #gemv}'s m. */
  public static void gemvTransposed(float[] mt, int rows, int n, float[] x, float[] out) {
    for (int r = 0; r < rows; r++) {
      float sum = 0;
      for (int j = 0; j < n; j++) {
        sum += x[j] * mt[j * rows + r];
      }
      out[r] = sum;
    }
  }

  /** c[m×n] += a[m×k] · b[k×n], row-major and contiguous from their offsets. */
  public static void gemm(
      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      for (int q = 0; q < k; q++) {
        float x = a[aOff + i * k + q];
        for (int j = 0; j < n; j++) {
          c[cOff + i * n + j] += x * b[bOff + q * n + j];
        }
      }
    }
  }
}
