package dev.heed.core.experiment.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.heed.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Fresh items get their share of the page, chosen by Thompson sampling, never twice. */
class FreshExplorationTest {
  private final long seed = Seeds.seed("FreshExplorationTest");
  private final UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
  private final ThompsonSampling thompson = new ThompsonSampling();

  private static List<String> ids(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  private static List<FreshExploration.Candidate> fresh(int n) {
    List<FreshExploration.Candidate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new FreshExploration.Candidate("f" + i, i * 3L, i));
    }
    return out;
  }

  @Test
  void keepsTheShareAndTheOrderOfTheExploitedItems() {
    List<String> exploited = ids("e", 20);
    for (int page = 0; page < 200; page++) {
      List<String> out = FreshExploration.interleave(exploited, fresh(30), 0.1, thompson, random);
      assertThat(out).hasSize(20).doesNotHaveDuplicates();
      List<String> freshShown = out.stream().filter(s -> s.startsWith("f")).toList();
      assertThat(freshShown).hasSize(2);
      // The exploited items keep their order; the last two fall off.
      assertThat(out.stream().filter(s -> s.startsWith("e")).toList())
          .isEqualTo(exploited.subList(0, 18));
    }
  }

  @Test
  void aFractionalShareIsKeptOnAverage() {
    List<String> exploited = ids("e", 10);
    int pages = 4000;
    long shown = 0;
    for (int page = 0; page < pages; page++) {
      long n =
          FreshExploration.interleave(exploited, fresh(10), 0.25, thompson, random).stream()
              .filter(s -> s.startsWith("f"))
              .count();
      assertThat(n).isBetween(2L, 3L);
      shown += n;
    }
    assertThat((double) shown / pages).isCloseTo(2.5, within(0.05)); // 6 standard errors
  }

  @Test
  void neverDuplicatesAnItem() {
    List<String> exploited = List.of("a", "b", "c", "d", "e", "f", "g", "h");
    List<FreshExploration.Candidate> candidates =
        List.of(
            new FreshExploration.Candidate("b", 0, 0), // already on the page
            new FreshExploration.Candidate("x", 0, 0),
            new FreshExploration.Candidate("x", 5, 1), // repeated
            new FreshExploration.Candidate("y", 2, 0));
    for (int page = 0; page < 500; page++) {
      List<String> out = FreshExploration.interleave(exploited, candidates, 0.5, thompson, random);
      assertThat(out).hasSize(8).doesNotHaveDuplicates().contains("x", "y");
    }
    // Only two eligible candidates: a full share still shows just those two.
    List<String> all = FreshExploration.interleave(exploited, candidates, 1.0, thompson, random);
    assertThat(all).hasSize(8).doesNotHaveDuplicates().contains("x", "y");
    assertThat(FreshExploration.interleave(exploited, candidates, 0, thompson, random))
        .isEqualTo(exploited);
  }

  @Test
  void thompsonPrefersPromisingAndUnknownItemsOverPoorOnes() {
    List<FreshExploration.Candidate> candidates =
        List.of(
            new FreshExploration.Candidate("poor", 100, 1),
            new FreshExploration.Candidate("good", 100, 50),
            new FreshExploration.Candidate("new", 0, 0));
    int[] count = new int[3];
    int pages = 2000;
    for (int page = 0; page < pages; page++) {
      List<String> out =
          FreshExploration.interleave(ids("e", 10), candidates, 0.1, thompson, random);
      count[out.contains("poor") ? 0 : out.contains("good") ? 1 : 2]++;
    }
    // One slot: "new" (Beta(1, 1)) beats "good" (Beta(51, 51)) about half the time; "poor"
    // (Beta(2, 100)) almost never wins.
    assertThat(count[0]).isLessThan(20);
    assertThat(count[1]).isBetween(800, 1200);
    assertThat(count[2]).isBetween(800, 1200);
  }

  @Test
  void isDeterministicForASeedAndRejectsABadShare() {
    List<List<String>> a = new ArrayList<>();
    List<List<String>> b = new ArrayList<>();
    UniformRandomProvider r1 = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    UniformRandomProvider r2 = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    for (int page = 0; page < 50; page++) {
      a.add(FreshExploration.interleave(ids("e", 12), fresh(20), 0.3, thompson, r1));
      b.add(FreshExploration.interleave(ids("e", 12), fresh(20), 0.3, thompson, r2));
    }
    assertThat(b).isEqualTo(a);
    assertThat(a.stream().distinct().count()).as("pages differ from one another").isGreaterThan(1);
    for (double share : new double[] {-0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(
              () -> FreshExploration.interleave(ids("e", 5), fresh(5), share, thompson, random))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("exploration share must be in [0, 1]");
    }
  }
}
