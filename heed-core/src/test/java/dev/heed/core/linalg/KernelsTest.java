package dev.heed.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Vector API kernels against their scalar oracle, over lengths around the vector width. */
class KernelsTest {
  private final Random random = new Random(20261124);

  @Test
  void vectorApiIsInUseUnderTheBuild() {
    // The build passes --add-modules jdk.incubator.vector; without it these tests compare scalar to
    // scalar and prove nothing.
    assertThat(VectorOps.SIMD).isTrue();
  }

  @Test
  void dotMatchesScalar() {
    for (int n = 0; n <= 70; n++) {
      float[] a = randomArray(n + 5);
      float[] b = randomArray(n + 3);
      float simd = SimdOps.dot(a, 5, b, 3, n);
      float scalar = ScalarOps.dot(a, 5, b, 3, n);
      assertThat(simd).as("n=%d", n).isCloseTo(scalar, within(1e-4f * (1 + Math.abs(scalar))));
    }
  }

  @Test
  void axpyMatchesScalar() {
    for (int n = 0; n <= 70; n++) {
      float[] x = randomArray(n + 2);
      float[] y1 = randomArray(n + 7);
      float[] y2 = y1.clone();
      SimdOps.axpy(0.37f, x, 2, y1, 7, n);
      ScalarOps.axpy(0.37f, x, 2, y2, 7, n);
      for (int j = 0; j < y1.length; j++) {
        assertThat(y1[j]).as("n=%d j=%d", n, j).isCloseTo(y2[j], within(1e-5f));
      }
    }
  }

  @Test
  void gemvByColumnsMatchesScalarAndTheRowMajorProduct() {
    for (int rows : new int[] {1, 15, 16, 37, 1000}) {
      for (int n : new int[] {1, 3, 4, 7, 32, 64}) {
        float[] m = randomArray(rows * n);
        float[] mt = new float[rows * n];
        for (int r = 0; r < rows; r++) {
          for (int j = 0; j < n; j++) {
            mt[j * rows + r] = m[r * n + j];
          }
        }
        float[] x = randomArray(n);
        float[] simd = new float[rows];
        float[] scalar = new float[rows];
        float[] rowMajor = new float[rows];
        java.util.Arrays.fill(simd, 99f); // the kernel overwrites, never adds to, what was there
        SimdOps.gemvTransposed(mt, rows, n, x, simd);
        ScalarOps.gemvTransposed(mt, rows, n, x, scalar);
        ScalarOps.gemv(m, rows, n, x, rowMajor);
        for (int r = 0; r < rows; r++) {
          assertThat(simd[r])
              .as("rows=%d n=%d r=%d", rows, n, r)
              .isCloseTo(scalar[r], within(1e-4f));
          assertThat(scalar[r]).isCloseTo(rowMajor[r], within(1e-4f));
        }
      }
    }
  }

  @Test
  void gemmMatchesScalarAndAddsToWhatIsThere() {
    // Row counts around the 4-row block, column counts around the two-vector block (8 or 16
    // floats).
    for (int m : new int[] {1, 3, 4, 5, 9, 116}) {
      for (int k : new int[] {1, 7, 64}) {
        for (int n : new int[] {1, 8, 15, 16, 17, 33, 64}) {
          // Offsets 3, 5 and 2 into the arrays: the kernels must honour them.
          float[] a = randomArray(3 + m * k);
          float[] b = randomArray(5 + k * n);
          float[] simd = randomArray(2 + m * n);
          float[] scalar = simd.clone();
          float[] before = simd.clone();
          SimdOps.gemm(a, 3, b, 5, simd, 2, m, k, n);
          ScalarOps.gemm(a, 3, b, 5, scalar, 2, m, k, n);
          assertThat(simd[0]).isEqualTo(before[0]);
          assertThat(simd[1]).isEqualTo(before[1]);
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
              int at = 2 + i * n + j;
              double naive = before[at];
              for (int q = 0; q < k; q++) {
                naive += (double) a[3 + i * k + q] * b[5 + q * n + j];
              }
              assertThat(simd[at])
                  .as("m=%d k=%d n=%d (%d, %d)", m, k, n, i, j)
                  .isCloseTo(scalar[at], within(1e-4f * (1 + Math.abs(scalar[at]))));
              assertThat((double) scalar[at]).isCloseTo(naive, within(1e-3));
            }
          }
        }
      }
    }
  }

  @Test
  void gemvMatchesScalar() {
    int rows = 37;
    int n = 64;
    float[] m = randomArray(rows * n);
    float[] x = randomArray(n);
    float[] out1 = new float[rows];
    float[] out2 = new float[rows];
    SimdOps.gemv(m, rows, n, x, out1);
    ScalarOps.gemv(m, rows, n, x, out2);
    for (int r = 0; r < rows; r++) {
      assertThat(out1[r]).isCloseTo(out2[r], within(1e-4f));
    }
  }

  @Test
  void sumAndScaleAddMatchScalar() {
    for (int n = 0; n <= 70; n++) {
      float[] x = randomArray(n);
      assertThat(SimdOps.sum(x, n)).isCloseTo(ScalarOps.sum(x, n), within(1e-4f));
      assertThat(SimdOps.squaredDeviation(x, 0.3f, n))
          .isCloseTo(ScalarOps.squaredDeviation(x, 0.3f, n), within(1e-3f));
      float[] y1 = randomArray(n);
      float[] y2 = y1.clone();
      SimdOps.scaleAdd(0.5f, x, 1.5f, y1, -0.25f, n);
      ScalarOps.scaleAdd(0.5f, x, 1.5f, y2, -0.25f, n);
      for (int j = 0; j < n; j++) {
        assertThat(y1[j]).isCloseTo(y2[j], within(1e-5f));
      }
    }
  }

  private float[] randomArray(int n) {
    float[] a = new float[n];
    for (int j = 0; j < n; j++) {
      a[j] = (float) random.nextGaussian();
    }
    return a;
  }
}
