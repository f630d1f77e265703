package dev.heed.text.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heed.testing.Seeds;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The stacker on member predictions with a known structure. */
class LogitStackerTest {
  @Test
  void learnsToDistrustAMemberThatIsConfidentlyWrong() {
    Random random = new Random(Seeds.seed("learnsToDistrustAMemberThatIsConfidentlyWrong"));
    int n = 2000;
    int[] y = new int[n];
    double[][] good = new double[n][];
    double[][] inverted = new double[n][];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(3);
      // A weak but honest member: the true class gets a little more mass, noisily.
      double[] p = {1, 1, 1};
      p[y[i]] += 0.6 + random.nextGaussian() * 0.5;
      good[i] = normalize(p);
      // A confident member that puts almost nothing on the true class: informative once inverted.
      double[] q = {0.5, 0.5, 0.5};
      q[y[i]] = 0.01;
      inverted[i] = normalize(q);
    }
    List<double[][]> members = List.of(good, inverted);
    int[] all = IntStream.range(0, n).toArray();
    LogitStacker stacker = LogitStacker.fit(members, y, all);
    assertThat(stacker.weights()[1]).isNegative();
    int stacked = 0;
    int best = 0;
    for (double[] w : new double[][] {{1, 0}, {0.5, 0.5}, {0, 1}}) {
      int hits = 0;
      for (int i = 0; i < n; i++) {
        double[] avg = new double[3];
        for (int k = 0; k < 3; k++) {
          avg[k] = w[0] * good[i][k] + w[1] * inverted[i][k];
        }
        hits += LinearScores.argmax(avg) == y[i] ? 1 : 0;
      }
      best = Math.max(best, hits);
    }
    for (int i = 0; i < n; i++) {
      double[] p = stacker.probabilities(new double[][] {good[i], inverted[i]});
      assertThat(p[0] + p[1] + p[2]).isCloseTo(1, within(1e-9));
      stacked += LinearScores.argmax(p) == y[i] ? 1 : 0;
    }
    assertThat(stacked).isGreaterThan(n * 95 / 100);
    assertThat(best).isLessThan(n * 90 / 100); // no average of the two gets there
  }

  @Test
  void equalMembersGetEqualWeights() {
    Random random = new Random(Seeds.seed("equalMembersGetEqualWeights"));
    int n = 500;
    int[] y = new int[n];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(2);
      double s = 1 / (1 + Math.exp(-(y[i] == 1 ? 1 : -1) * (1 + random.nextGaussian())));
      p[i] = new double[] {1 - s, s};
    }
    LogitStacker stacker = LogitStacker.fit(List.of(p, p), y, IntStream.range(0, n).toArray());
    assertThat(stacker.weights()[0]).isCloseTo(stacker.weights()[1], within(1e-9));
    assertThat(stacker.weights()[0]).isPositive();
  }

  @Test
  void aStackedClassifierSurvivesASaveAndLoad() throws Exception {
    TextClassifier model =
        new TextClassifier(
            List.of("0", "1"),
            java.util.Map.of("cgood", 0, "cbad", 1),
            new float[][] {{1.5f, -2f}},
            new float[] {0.1f},
            "test-vectors",
            new float[][] {{0.5f, -0.25f}},
            new float[] {-0.2f},
            0.5,
            null,
            0,
            new LogitStacker(new double[] {0.7, 1.3}, new double[] {0.2, -0.2}),
            null,
            null,
            0);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    model.save(bytes);
    TextClassifier loaded =
        TextClassifier.load(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    assertThat(loaded.stacked()).isTrue();
    float[][] vectors = {{1, 0}, {0, 1}, {-2, 3}};
    for (List<String> features : List.of(List.of("cgood"), List.of("cbad"), List.<String>of())) {
      for (float[] v : vectors) {
        double[] expected = model.probabilities(features, v);
        assertThat(loaded.probabilities(features, v)).containsExactly(expected, within(0.0));
        // Not the share average: the stacker's own combination.
        double[] n =
            LinearScores.probabilities(
                new double[] {
                  features.contains("cgood") ? 1.6 : features.contains("cbad") ? -1.9 : 0.1
                },
                2);
        double[] e = LinearScores.probabilities(new double[] {-0.2 + 0.5 * v[0] - 0.25 * v[1]}, 2);
        double[] direct =
            new LogitStacker(new double[] {0.7, 1.3}, new double[] {0.2, -0.2})
                .probabilities(new double[][] {n, e});
        assertThat(expected).containsExactly(direct, within(1e-9));
      }
    }
  }

  private static double[] normalize(double[] p) {
    double sum = 0;
    for (int k = 0; k < p.length; k++) {
      p[k] = Math.max(1e-3, p[k]);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= sum;
    }
    return p;
  }
}
