package dev.heed.core.experiment.bandit;

import java.util.concurrent.atomic.LongAdder;

/**
 * Impressions and clicks of a fixed number of arms, safe for many threads recording at once (one
 * {@link LongAdder} per counter: a hot arm's updates do not contend on one memory word).
 */
public final class ArmStats {
  private final LongAdder[] impressions;
  private final LongAdder[] clicks;

  /** The counts of one arm; {@code clicks <= impressions}. */
  public record Counts(long impressions, long clicks) {
    /** Impressions without a click. */
    public long misses() {
      return impressions - clicks;
    }

    /** Clicks per impression, or NaN before the first impression. */
    public double rate() {
      return impressions == 0 ? Double.NaN : (double) clicks / impressions;
    }
  }

  public ArmStats(int arms) {
    if (arms < 1) {
      throw new IllegalArgumentException("a bandit needs at least one arm, got " + arms);
    }
    impressions = new LongAdder[arms];
    clicks = new LongAdder[arms];
    for (int a = 0; a < arms; a++) {
      impressions[a] = new LongAdder();
      clicks[a] = new LongAdder();
    }
  }

  public int size() {
    return impressions.length;
  }

  public void impression(int arm) {
    impressions[check(arm)].increment();
  }

  public void click(int arm) {
    clicks[check(arm)].increment();
  }

  /** One impression, clicked or not. */
  public void record(int arm, boolean clicked) {
    impression(arm);
    if (clicked) {
      click(arm);
    }
  }

  /**
   * The arm's counts. Clicks are read before impressions, so a click recorded after its impression
   * never shows without it; a click with no impression at all (a stale event) is capped.
   */
  public Counts counts(int arm) {
    long c = clicks[check(arm)].sum();
    long i = impressions[arm].sum();
    return new Counts(i, Math.min(c, i));
  }

  private int check(int arm) {
    if (arm < 0 || arm >= impressions.length) {
      throw new IllegalArgumentException(
          "arm " + arm + " is outside [0, " + impressions.length + ")");
    }
    return arm;
  }
}
