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

  /** out[r] = dot(row r of the row-major rows x n matrix m, x), for r in [0, rows). */
  public static void gemv(float[] m, int rows, int n, float[] x, float[] out) {
    for (int r = 0; r < rows; r++) {
      out[r] = dot(m, r * n, x, 0, n);
    }
  }
}
