package dev.heed.core.recommend.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.TopN;
import dev.heed.core.recommend.TrainingListener;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sparse RP3beta neighbour lists against the dense walk P_iu^α · P_ui^α / degree^β (oracle). */
class Rp3BetaTest {
  @Test
  void neighboursMatchTheDenseWalk() {
    Random random = new Random(31);
    int users = 100;
    int items = 40;
    int n = 1200;
    int[] u = new int[n];
    int[] i = new int[n];
    float[] v = new float[n];
    for (int k = 0; k < n; k++) {
      u[k] = random.nextInt(users);
      i[k] = (int) Math.min(items - 1, Math.abs(random.nextGaussian()) * items / 2);
      v[k] = 1 + random.nextInt(3);
    }
    Interactions data = Interactions.of(users, items, u, i, v, null);
    double alpha = 0.8;
    double beta = 0.3;
    int k = 6;
    ItemKnnModel model =
        new Rp3BetaRecommender(
                new Params(
                    Map.of(
                        "neighbours",
                        "" + k,
                        "alpha",
                        "" + alpha,
                        "beta",
                        "" + beta,
                        "threads",
                        "2")))
            .fit(data, TrainingListener.NONE);
    double[][] x = new double[users][items];
    for (int user = 0; user < users; user++) {
      for (int p = data.userStart(user); p < data.userEnd(user); p++) {
        x[user][data.userItem(p)] = data.userValue(p);
      }
    }
    double[] rowSum = new double[users];
    double[] colSum = new double[items];
    int[] degree = new int[items];
    for (int user = 0; user < users; user++) {
      for (int j = 0; j < items; j++) {
        rowSum[user] += x[user][j];
        colSum[j] += x[user][j];
        degree[j] += x[user][j] > 0 ? 1 : 0;
      }
    }
    for (int a = 0; a < items; a++) {
      float[] sim = new float[items];
      for (int b = 0; b < items; b++) {
        double walk = 0;
        for (int user = 0; user < users; user++) {
          if (x[user][a] > 0 && x[user][b] > 0) {
            walk +=
                Math.pow(x[user][a] / colSum[a], alpha)
                    * Math.pow(x[user][b] / rowSum[user], alpha);
          }
        }
        sim[b] =
            a == b || walk == 0
                ? Float.NEGATIVE_INFINITY
                : (float) (walk / Math.pow(degree[b], beta));
      }
      int[] expected = TopN.select(sim, items, k);
      float[] actual = model.similarities(a);
      assertThat(actual.length).isEqualTo(expected.length);
      for (int r = 0; r < expected.length; r++) {
        assertThat(actual[r]).isCloseTo(sim[expected[r]], within(1e-6f));
      }
    }
  }
}
