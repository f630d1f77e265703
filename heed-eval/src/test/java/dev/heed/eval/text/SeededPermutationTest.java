package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeededPermutationTest {
  @Test
  void splitMix64MatchesTheReferenceOutput() {
    // Vigna's splitmix64.c seeded with 0 first returns 0xe220a8397b1dcdaf.
    assertThat(new SeededPermutation.SplitMix64(0).next()).isEqualTo(0xe220a8397b1dcdafL);
  }

  @Test
  void permutationsMatchAnIndependentImplementation() {
    // Computed with a separate Python implementation of the definition in the class Javadoc.
    assertThat(SeededPermutation.of(10, 1)).containsExactly(4, 2, 8, 1, 9, 3, 0, 6, 7, 5);
    assertThat(SeededPermutation.of(12, 42)).containsExactly(9, 6, 7, 10, 3, 11, 4, 2, 0, 8, 5, 1);
  }

  @Test
  void everyIndexAppearsOnce() {
    int[] p = SeededPermutation.of(1000, 7);
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertThat(sorted[i]).isEqualTo(i);
    }
    assertThat(SeededPermutation.of(0, 1)).isEmpty();
    assertThat(SeededPermutation.of(1, 1)).containsExactly(0);
  }
}
