package dev.heed.core.experiment;

import java.util.Random;

/**
 * Seeds for this package's randomized tests, as {@code dev.heed.testing.Seeds} does elsewhere
 * (heed-core cannot depend on the test framework): {@code -Dheed.seed=N} replays a run; otherwise a
 * fresh seed is drawn and printed.
 */
final class Seeds {
  private Seeds() {}

  static long seed(String testName) {
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
