package dev.heed.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heed.core.experiment.Assignment.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssignmentTest {
  private static final Assignment FIFTY_FIFTY =
      new Assignment("homepage-2026", List.of(new Variant("A", 50), new Variant("B", 50)));

  @Test
  void hashIsTheFirstEightBytesOfSha256() {
    // FIPS 180-2, appendix B.1: SHA-256("abc") = ba7816bf 8f01cfea 414140de ...
    assertThat(Assignment.hash("abc")).isEqualTo(0xba7816bf8f01cfeaL);
  }

  @Test
  void assignmentsArePinned() {
    // Computed independently with Python: int.from_bytes(hashlib.sha256(key.encode()).digest()[:8],
    // "big") * 100 >> 64 for key = "homepage-2026:" + id; buckets 20, 51, 62, 49, 86, 52.
    assertThat(Assignment.hash("homepage-2026:user-1")).isEqualTo(0x347e9f240739d680L);
    assertThat(List.of("user-1", "user-2", "user-3", "user-4", "user-5", "用户-6"))
        .map(FIFTY_FIFTY::assign)
        .containsExactly("A", "B", "B", "A", "B", "B");
  }

  @Test
  void splitIsUniformOverOneHundredThousandIds() {
    // Chi-square goodness of fit; the ids are fixed, so this p-value is too (no flakiness).
    Assignment threeWay =
        new Assignment(
            "checkout-button",
            List.of(new Variant("A", 50), new Variant("B", 30), new Variant("C", 20)));
    long[] counts = new long[3];
    for (int i = 0; i < 100_000; i++) {
      counts[threeWay.index("u" + i)]++;
    }
    assertThat(SampleRatio.test(counts, new double[] {50, 30, 20}).pValue()).isGreaterThan(0.001);

    // Finer: 20 equal buckets, where a hash with poor low-order mixing would show.
    List<Variant> twenty = new java.util.ArrayList<>();
    for (int b = 0; b < 20; b++) {
      twenty.add(new Variant("v" + b, 1));
    }
    Assignment fine = new Assignment("fine", twenty);
    long[] fineCounts = new long[20];
    for (int i = 0; i < 100_000; i++) {
      fineCounts[fine.index(Integer.toString(i))]++;
    }
    double[] equal = new double[20];
    java.util.Arrays.fill(equal, 1);
    assertThat(SampleRatio.test(fineCounts, equal).pValue()).isGreaterThan(0.001);
  }

  @Test
  void saltSeparatesExperiments() {
    Assignment other = new Assignment("other-test", FIFTY_FIFTY.variants());
    int same = 0;
    for (int i = 0; i < 10_000; i++) {
      String id = "u" + i;
      if (FIFTY_FIFTY.assign(id).equals(other.assign(id))) {
        same++;
      }
    }
    // Independent experiments agree on about half the users, not all of them.
    assertThat(same).isBetween(4_700, 5_300);
  }

  @Test
  void rampingMovesOnlyTheUsersBetweenTheBoundaries() {
    Assignment ramped =
        new Assignment("homepage-2026", List.of(new Variant("A", 40), new Variant("B", 60)));
    int moved = 0;
    for (int i = 0; i < 100_000; i++) {
      String id = "u" + i;
      String before = FIFTY_FIFTY.assign(id);
      String after = ramped.assign(id);
      if (!before.equals(after)) {
        moved++;
        assertThat(before + "->" + after).isEqualTo("A->B");
      }
    }
    assertThat(moved).isBetween(9_500, 10_500);
  }

  @Test
  void zeroWeightVariantGetsNobody() {
    Assignment off =
        new Assignment("x", List.of(new Variant("A", 1), new Variant("B", 0), new Variant("C", 1)));
    for (int i = 0; i < 10_000; i++) {
      assertThat(off.assign("u" + i)).isNotEqualTo("B");
    }
  }

  @Test
  void rejectsBadVariants() {
    assertThatThrownBy(() -> new Assignment("s", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one variant");
    assertThatThrownBy(() -> new Assignment("s", List.of(new Variant("A", 0))))
        .hasMessageContaining("sum to zero");
    assertThatThrownBy(() -> new Variant("A", -1)).hasMessageContaining("weight must be >= 0");
    assertThatThrownBy(() -> new Assignment("s", List.of(new Variant("A", 1), new Variant("A", 2))))
        .hasMessageContaining("appears twice");
  }
}
