package dev.heed.core.linalg;

/**
 * Dense float kernels for the recommenders' hot loops. Uses the JDK Vector API when the JVM runs
 * with {@code --add-modules jdk.incubator.vector} (the launcher and the build pass it) and plain
 * loops ({@link ScalarOps}) otherwise, so the code runs everywhere and runs fast where it can.
 */
public final class VectorOps {
  /** Whether the Vector API kernels are in use. */
  public static final boolean SIMD =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && !Boolean.getBoolean("heed.scalar");

  private VectorOps() {}

  public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    return SIMD ? SimdOps.dot(a, aOff, b, bOff, n) : ScalarOps.dot(a, aOff, b, bOff, n);
  }

  public static float dot(float[] a, float[] b, int n) {
    return dot(a, 0, b, 0, n);
  }

  /** y += alpha * x. */
  public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    if (SIMD) {
      SimdOps.axpy(alpha, x, xOff, y, yOff, n);
    } else {
      ScalarOps.axpy(alpha, x, xOff, y, yOff, n);
    }
  }

  /** The sum of a[0..n). */
  public static float sum(float[] a, int n) {
    return SIMD ? SimdOps.sum(a, n) : ScalarOps.sum(a, n);
  }

  /** Σ (a[j] − mean)² over [0, n): a variance without the cancellation of E[x²] − mean². */
  public static float squaredDeviation(float[] a, float mean, int n) {
    return SIMD ? SimdOps.squaredDeviation(a, mean, n) : ScalarOps.squaredDeviation(a, mean, n);
  }

  /** y[j] = a · x[j] + b · y[j] + c for j in [0, n). */
  public static void scaleAdd(float a, float[] x, float b, float[] y, float c, int n) {
    if (SIMD) {
      SimdOps.scaleAdd(a, x, b, y, c, n);
    } else {
      ScalarOps.scaleAdd(a, x, b, y, c, n);
    }
  }

  /** out[r] = row r of the row-major matrix m (rows x n) dotted with x. */
  public static void gemv(float[] m, int rows, int n, float[] x, float[] out) {
    if (SIMD) {
      SimdOps.gemv(m, rows, n, x, out);
    } else {
      ScalarOps.gemv(m, rows, n, x, out);
    }
  }

  /**
   * out[r] = Σ_j x[j]·mt[j·rows + r]: {@link #gemv} with the matrix stored by columns (mt is the n
   * x rows transpose of m).
   */
  public static void gemvTransposed(float[] mt, int rows, int n, float[] x, float[] out) {
    if (SIMD) {
      SimdOps.gemvTransposed(mt, rows, n, x, out);
    } else {
      ScalarOps.gemvTransposed(mt, rows, n, x, out);
    }
  }

  /** c[m×n] += a[m×k] · b[k×n], row-major and contiguous from their offsets. */
  public static void gemm(
      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
    if (SIMD) {
      SimdOps.gemm(a, aOff, b, bOff, c, cOff, m, k, n);
    } else {
      ScalarOps.gemm(a, aOff, b, bOff, c, cOff, m, k, n);
    }
  }

  /** out[n×m] = the transpose of the row-major m×n matrix at a[aOff]. */
  public static void transpose(float[] a, int aOff, int m, int n, float[] out) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        out[j * m + i] = a[aOff + i * n + j];
      }
    }
  }

  /** Which kernels run, for reports and benchmarks. */
  public static String describe() {
    return SIMD ? SimdOps.describe() : "scalar loops";
  }
}
