package dev.heed.testing;

import java.util.Random;

/**
 * Seeds for randomized tests: {@code -Dheed.seed=N} replays a run; otherwise a fresh seed is drawn
 * and printed so a failure can be replayed.
 */
public final class Seeds {
  private Seeds() {}

  public static long seed(String testName) {
    String fixed = System.getProperty("heed.seed", "");
    long seed =
        fixed.isBlank() || fixed.startsWith("$")
            ? new Random().nextLong()
            : Long.parseLong(fixed.trim());
    System.out.println(
        "[heed] " + testName + " seed=" + seed + " (replay with -Dheed.seed=" + seed + ")");
    return seed;
  }
}
