package dev.heed.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The heap selection against a full sort (the oracle), ties and exclusions included. */
class TopNTest {
  @Test
  void matchesAFullSort() {
    Random random = new Random(4);
    for (int trial = 0; trial < 200; trial++) {
      int count = 1 + random.nextInt(300);
      float[] scores = new float[count];
      for (int i = 0; i < count; i++) {
        scores[i] = random.nextInt(20); // many ties
        if (random.nextInt(20) == 0) {
          scores[i] = random.nextBoolean() ? Float.NEGATIVE_INFINITY : Float.NaN;
        }
      }
      int n = random.nextInt(30);
      int offset = random.nextInt(10);
      int banned = random.nextInt(5);
      int[] expected =
          IntStream.range(0, count)
              .filter(i -> scores[i] > Float.NEGATIVE_INFINITY && i % 5 != banned)
              .boxed()
              .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
              .skip(offset)
              .limit(n)
              .mapToInt(Integer::intValue)
              .toArray();
      int[] actual = TopN.select(scores, count, n, offset, i -> i % 5 != banned);
      assertThat(actual).as("trial %d", trial).containsExactly(expected);
    }
  }
}
