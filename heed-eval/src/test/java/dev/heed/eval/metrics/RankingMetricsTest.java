package dev.heed.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heed.core.recommend.Interactions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  private static double lg(int rank) {
    return Math.log(rank + 1) / Math.log(2);
  }

  @Test
  void handComputedExample() {
    // 4 training users, 30 items; item 0 read by everyone, item 1 by one user.
    Interactions train =
        Interactions.of(
            4,
            30,
            new int[] {0, 1, 2, 3, 0},
            new int[] {0, 0, 0, 0, 1},
            new float[] {1, 1, 1, 1, 1},
            null);
    RankingMetrics m = new RankingMetrics(train, 2);
    // User 1: held out {2, 5, 9}; ranking hits 5 at rank 2 and 9 at rank 4.
    int[] ranking = {0, 5, 1, 9, 3};
    m.add(ranking, new int[] {2, 5, 9}, 0);
    // User 2: held out {7}; no hit.
    m.add(new int[] {0, 1}, new int[] {7}, 1);
    Map<String, Double> s = m.summary();
    double idcg3 = 1 / lg(1) + 1 / lg(2) + 1 / lg(3);
    double ndcgUser1 = (1 / lg(2) + 1 / lg(4)) / idcg3;
    assertThat(s.get("ndcg@10")).isCloseTo(ndcgUser1 / 2, within(1e-12));
    assertThat(s.get("ndcg@20")).isCloseTo(ndcgUser1 / 2, within(1e-12));
    assertThat(s.get("recall@20")).isCloseTo((2.0 / 3) / 2, within(1e-12));
    assertThat(s.get("hr@10")).isCloseTo(0.5, within(1e-12));
    // AP: hits at ranks 2 and 4 with precision 1/2 and 2/4, over min(K, |H|) = 3.
    assertThat(s.get("map@20")).isCloseTo(((0.5 + 0.5) / 3) / 2, within(1e-12));
    // Items 0, 1, 3, 5, 9 recommended: 5 of 30.
    assertThat(s.get("coverage@20")).isCloseTo(5.0 / 30, within(1e-12));
    assertThat(m.users()).isEqualTo(2);
  }

  @Test
  void recallIsCappedAtK() {
    Interactions train =
        Interactions.of(1, 40, new int[] {0}, new int[] {0}, new float[] {1}, null);
    RankingMetrics m = new RankingMetrics(train, 1);
    int[] ranking = new int[20];
    int[] heldOut = new int[30];
    for (int j = 0; j < 30; j++) {
      heldOut[j] = j + 1;
    }
    for (int r = 0; r < 20; r++) {
      ranking[r] = r + 1;
    }
    m.add(ranking, heldOut, 0);
    assertThat(m.summary().get("recall@20")).isEqualTo(1.0);
    assertThat(m.summary().get("ndcg@20")).isCloseTo(1.0, within(1e-12));
    assertThat(m.summary().get("map@20")).isCloseTo(1.0, within(1e-12));
  }
}
