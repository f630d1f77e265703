package dev.heed.core.recommend.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.TopN;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.recommend.UserProfile;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sparse neighbour lists against a brute-force dense similarity matrix (the oracle). */
class ItemKnnTest {
  @Test
  void neighboursMatchBruteForce() {
    Random random = new Random(12);
    int users = 120;
    int items = 50;
    int n = 1500;
    int[] u = new int[n];
    int[] i = new int[n];
    float[] v = new float[n];
    for (int k = 0; k < n; k++) {
      u[k] = random.nextInt(users);
      i[k] = (int) Math.min(items - 1, Math.abs(random.nextGaussian()) * items / 2);
      v[k] = 1 + random.nextInt(2);
    }
    Interactions data = Interactions.of(users, items, u, i, v, null);
    float shrink = 3;
    int k = 7;
    ItemKnnModel model =
        new ItemKnnRecommender(
                new Params(Map.of("neighbours", "" + k, "shrink", "" + shrink, "threads", "2")))
            .fit(data, TrainingListener.NONE);
    float[][] dense = new float[items][users];
    for (int user = 0; user < users; user++) {
      for (int p = data.userStart(user); p < data.userEnd(user); p++) {
        dense[data.userItem(p)][user] = data.userValue(p);
      }
    }
    for (int a = 0; a < items; a++) {
      float[] sim = new float[items];
      for (int b = 0; b < items; b++) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int user = 0; user < users; user++) {
          dot += dense[a][user] * dense[b][user];
          na += dense[a][user] * dense[a][user];
          nb += dense[b][user] * dense[b][user];
        }
        sim[b] =
            a == b || dot == 0
                ? Float.NEGATIVE_INFINITY
                : (float) (dot / (Math.sqrt(na * nb) + shrink));
      }
      int[] expected = TopN.select(sim, items, k);
      int[] actual = model.neighbours(a);
      float[] actualSim = model.similarities(a);
      assertThat(actual.length).isEqualTo(expected.length);
      for (int r = 0; r < expected.length; r++) {
        // Same similarity at each rank (ids may differ only between exactly tied items).
        assertThat(actualSim[r]).isCloseTo(sim[expected[r]], within(1e-5f));
      }
    }
  }

  @Test
  void recencyScoresAreTheNeighbourSumsWithDecayedWeights() {
    Random random = new Random(21);
    int users = 60;
    int items = 30;
    int n = 600;
    int[] u = new int[n];
    int[] i = new int[n];
    float[] v = new float[n];
    for (int k = 0; k < n; k++) {
      u[k] = random.nextInt(users);
      i[k] = random.nextInt(items);
      v[k] = 1;
    }
    Interactions data = Interactions.of(users, items, u, i, v, null);
    ItemKnnModel model =
        new ItemKnnRecommender(new Params(Map.of("neighbours", "10", "recency_half_life", "2")))
            .fit(data, TrainingListener.NONE);
    UserProfile profile =
        new UserProfile(-1, new int[] {3, 8, 15}, new float[] {1, 1, 2}, new long[] {5, 9, 1});
    double[] weight = {Math.pow(0.5, 0.5), 1, 2 * 0.5}; // 1, 0 and 2 newer entries
    double[] expected = new double[items];
    for (int j = 0; j < 3; j++) {
      int h = profile.items()[j];
      int[] nb = model.neighbours(h);
      float[] sim = model.similarities(h);
      for (int r = 0; r < nb.length; r++) {
        expected[nb[r]] += weight[j] * sim[r];
      }
    }
    float[] scores = new float[items];
    model.score(profile, scores);
    for (int j = 0; j < items; j++) {
      assertThat(scores[j]).as("item %d", j).isCloseTo((float) expected[j], within(1e-5f));
    }
  }
}
