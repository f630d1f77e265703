package dev.heed.core.recommend.ease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.TrainingListener;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EaseTest {
  @Test
  void weightsSatisfyTheClosedFormConditions() {
    Random random = new Random(13);
    int users = 80;
    int items = 12;
    int n = 500;
    int[] u = new int[n];
    int[] i = new int[n];
    float[] v = new float[n];
    for (int k = 0; k < n; k++) {
      u[k] = random.nextInt(users);
      i[k] = random.nextInt(items);
      v[k] = 1;
    }
    Interactions data = Interactions.of(users, items, u, i, v, null);
    double reg = 5;
    EaseModel model =
        new EaseRecommender(new Params(Map.of("reg", "" + reg))).fit(data, TrainingListener.NONE);
    // Gram matrix G = XᵀX of the (summed) values.
    double[][] g = new double[items][items];
    for (int user = 0; user < users; user++) {
      for (int p = data.userStart(user); p < data.userEnd(user); p++) {
        for (int q = data.userStart(user); q < data.userEnd(user); q++) {
          g[data.userItem(p)][data.userItem(q)] += data.userValue(p) * data.userValue(q);
        }
      }
    }
    // Steck's stationarity condition: (G + λI) B = G − diag(μ) for some μ, i.e. the off-diagonal
    // entries of (G + λI) B − G vanish, and B's diagonal is zero.
    for (int a = 0; a < items; a++) {
      assertThat(model.weight(a, a)).isZero();
      for (int b = 0; b < items; b++) {
        if (a == b) {
          continue;
        }
        double s = 0;
        for (int c = 0; c < items; c++) {
          s += (g[a][c] + (a == c ? reg : 0)) * model.weight(c, b);
        }
        assertThat(s - g[a][b]).as("(%d,%d)", a, b).isCloseTo(0, within(1e-3 * (1 + g[a][b])));
      }
    }
  }

  @Test
  void refusesCatalogsBeyondItsLimit() {
    Interactions data = Interactions.of(1, 10, new int[] {0}, new int[] {3}, new float[] {1}, null);
    assertThatThrownBy(
            () ->
                new EaseRecommender(new Params(Map.of("max_items", "5")))
                    .fit(data, TrainingListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max_items=5");
  }
}
