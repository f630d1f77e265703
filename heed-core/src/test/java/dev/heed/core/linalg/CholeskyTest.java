package dev.heed.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CholeskyTest {
  /** A random symmetric positive definite matrix Mᵀ M + n I. */
  static double[] spd(int n, Random random) {
    double[] m = new double[n * n];
    for (int j = 0; j < m.length; j++) {
      m[j] = random.nextGaussian();
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? n : 0;
        for (int k = 0; k < n; k++) {
          s += m[k * n + i] * m[k * n + j];
        }
        a[i * n + j] = s;
      }
    }
    return a;
  }

  @Test
  void solveSatisfiesTheSystem() {
    Random random = new Random(1);
    for (int n : new int[] {1, 2, 7, 64}) {
      double[] a = spd(n, random);
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        b[i] = random.nextGaussian();
      }
      double[] x = Cholesky.solve(a, n, b);
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += a[i * n + j] * x[j];
        }
        assertThat(s).as("n=%d row %d", n, i).isCloseTo(b[i], within(1e-9 * n));
      }
    }
  }

  @Test
  void inverseTimesMatrixIsIdentity() {
    Random random = new Random(2);
    for (int n : new int[] {1, 3, 50}) {
      double[] a = spd(n, random);
      double[] inv = a.clone();
      Cholesky.invertInPlace(inv, n);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int k = 0; k < n; k++) {
            s += a[i * n + k] * inv[k * n + j];
          }
          assertThat(s).as("n=%d (%d,%d)", n, i, j).isCloseTo(i == j ? 1 : 0, within(1e-9));
        }
      }
    }
  }

  @Test
  void rejectsAMatrixThatIsNotPositiveDefinite() {
    double[] a = {1, 2, 2, 1};
    assertThatThrownBy(() -> Cholesky.solve(a, 2, new double[] {1, 1}))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("not positive definite");
  }
}
