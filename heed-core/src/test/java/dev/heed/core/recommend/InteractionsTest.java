package dev.heed.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InteractionsTest {
  @Test
  void mergesRepeatedPairsAndSortsRows() {
    Interactions m =
        Interactions.of(
            3,
            4,
            new int[] {2, 0, 0, 2, 0},
            new int[] {1, 3, 1, 1, 3},
            new float[] {1, 2, 5, 4, 1},
            new long[] {10, 20, 30, 5, 7});
    assertThat(m.nnz()).isEqualTo(3);
    assertThat(m.profile(0).items()).containsExactly(1, 3);
    assertThat(m.profile(0).values()).containsExactly(5f, 3f);
    assertThat(m.userTime(m.userStart(0) + 1)).isEqualTo(20); // latest of (0,3): 20 and 7
    assertThat(m.userDegree(1)).isZero();
    assertThat(m.profile(2).items()).containsExactly(1);
    assertThat(m.profile(2).values()).containsExactly(5f);
    assertThat(m.itemDegree(1)).isEqualTo(2);
    assertThat(m.itemDegree(0)).isZero();
    assertThat(m.maxTime()).isEqualTo(30);
  }

  @Test
  void bothOrientationsHoldTheSamePairs() {
    Random random = new Random(3);
    int users = 50;
    int items = 40;
    int n = 600;
    int[] u = new int[n];
    int[] i = new int[n];
    float[] v = new float[n];
    Map<Long, Float> expected = new HashMap<>();
    for (int k = 0; k < n; k++) {
      u[k] = random.nextInt(users);
      i[k] = random.nextInt(items);
      v[k] = 1 + random.nextInt(3);
      expected.merge((long) u[k] * items + i[k], v[k], Float::sum);
    }
    Interactions m = Interactions.of(users, items, u, i, v, null);
    assertThat(m.nnz()).isEqualTo(expected.size());
    Map<Long, Float> byUser = new HashMap<>();
    for (int user = 0; user < users; user++) {
      int prev = -1;
      for (int p = m.userStart(user); p < m.userEnd(user); p++) {
        assertThat(m.userItem(p)).isGreaterThan(prev);
        prev = m.userItem(p);
        byUser.put((long) user * items + m.userItem(p), m.userValue(p));
      }
    }
    Map<Long, Float> byItem = new HashMap<>();
    for (int item = 0; item < items; item++) {
      for (int p = m.itemStart(item); p < m.itemEnd(item); p++) {
        byItem.put((long) m.itemUser(p) * items + item, m.itemValue(p));
      }
    }
    assertThat(byUser).isEqualTo(expected);
    assertThat(byItem).isEqualTo(expected);
  }

  @Test
  void rejectsPairsOutsideTheMatrix() {
    assertThatThrownBy(
            () -> Interactions.of(2, 2, new int[] {2}, new int[] {0}, new float[] {1}, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside 2 x 2");
  }
}
