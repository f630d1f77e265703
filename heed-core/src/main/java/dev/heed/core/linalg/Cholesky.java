package dev.heed.core.linalg;

/**
 * Dense Cholesky factorization of symmetric positive definite matrices (row-major, double): the
 * exact solver for fold-in and the oracle for the conjugate-gradient solver, and the inverse used
 * by EASE.
 */
public final class Cholesky {
  private Cholesky() {}

  /**
   * Factors {@code a} (n x n, row-major) in place into its lower triangle L with a = L Lᵀ; the
   * upper triangle is left as it was. Throws when the matrix is not positive definite.
   */
  public static void factor(double[] a, int n) {
    for (int j = 0; j < n; j++) {
      int rj = j * n;
      double d = a[rj + j];
      for (int k = 0; k < j; k++) {
        d -= a[rj + k] * a[rj + k];
      }
      if (!(d > 0)) {
        throw new ArithmeticException("matrix is not positive definite (pivot " + j + ")");
      }
      double ljj = Math.sqrt(d);
      a[rj + j] = ljj;
      for (int i = j + 1; i < n; i++) {
        int ri = i * n;
        double s = a[ri + j];
        for (int k = 0; k < j; k++) {
          s -= a[ri + k] * a[rj + k];
        }
        a[ri + j] = s / ljj;
      }
    }
  }

  /** Solves L Lᵀ x = b with a factor from {@link #factor}; b is overwritten with x. */
  public static void solveFactored(double[] l, int n, double[] b) {
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i * n + k] * b[k];
      }
      b[i] = s / l[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k * n + i] * b[k];
      }
      b[i] = s / l[i * n + i];
    }
  }

  /** Solves a x = b for symmetric positive definite a (copied, not modified); returns x. */
  public static double[] solve(double[] a, int n, double[] b) {
    double[] l = a.clone();
    factor(l, n);
    double[] x = b.clone();
    solveFactored(l, n, x);
    return x;
  }

  /**
   * Replaces symmetric positive definite {@code a} (n x n, row-major) by its inverse, both
   * triangles filled. Cost about n³ flops; memory: the matrix itself plus one row.
   */
  public static void invertInPlace(double[] a, int n) {
    factor(a, n);
    // Invert L in place (lower triangle): column by column, forward substitution.
    for (int j = 0; j < n; j++) {
      a[j * n + j] = 1.0 / a[j * n + j];
      for (int i = j + 1; i < n; i++) {
        int ri = i * n;
        double s = 0;
        for (int k = j; k < i; k++) {
          s -= a[ri + k] * a[k * n + j];
        }
        a[ri + j] = s / a[ri + i];
      }
    }
    // A⁻¹ = L⁻ᵀ L⁻¹: entry (i, j), i >= j, is the sum over k >= i of M[k][i] * M[k][j].
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = i; k < n; k++) {
          s += a[k * n + i] * a[k * n + j];
        }
        a[i * n + j] = s;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        a[i * n + j] = a[j * n + i];
      }
    }
  }
}
