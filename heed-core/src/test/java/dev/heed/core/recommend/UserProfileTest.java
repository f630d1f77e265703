package dev.heed.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UserProfileTest {
  @Test
  void recencyHalvesTheWeightEveryHalfLifeOfNewerEntries() {
    // Times out of order, two entries tied at the latest time.
    UserProfile p =
        new UserProfile(
            -1,
            new int[] {4, 1, 7, 2, 9},
            new float[] {1, 2, 1, 1, -1},
            new long[] {300, 100, 300, 200, 50});
    float[] w = p.recencyWeighted(2);
    // Entries strictly newer than each: 0, 3, 0, 2, 4.
    assertThat(w[0]).isEqualTo(1f);
    assertThat(w[1]).isCloseTo((float) (2 * Math.pow(0.5, 1.5)), within(1e-6f));
    assertThat(w[2]).isEqualTo(1f);
    assertThat(w[3]).isCloseTo(0.5f, within(1e-6f));
    assertThat(w[4]).isCloseTo(-0.25f, within(1e-6f));
  }

  @Test
  void withoutAHalfLifeOrTimesTheValuesStay() {
    UserProfile timed =
        new UserProfile(-1, new int[] {1, 2}, new float[] {3, 4}, new long[] {1, 2});
    assertThat(timed.recencyWeighted(0)).containsExactly(3f, 4f);
    assertThat(UserProfile.ofItems(1, 2).recencyWeighted(5)).containsExactly(1f, 1f);
  }

  @Test
  void aProfileFromTheMatrixCarriesItsTimes() {
    Interactions m =
        Interactions.of(
            1, 3, new int[] {0, 0}, new int[] {2, 0}, new float[] {1, 1}, new long[] {10, 20});
    assertThat(m.profile(0).items()).containsExactly(0, 2);
    assertThat(m.profile(0).times()).containsExactly(20L, 10L);
    assertThat(
            Interactions.of(1, 3, new int[] {0}, new int[] {1}, new float[] {1}, null)
                .profile(0)
                .times())
        .isNull();
  }
}
