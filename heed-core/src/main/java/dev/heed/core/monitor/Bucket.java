package dev.heed.core.monitor;

import java.time.Instant;

/** One topic's hour: how many documents arrived and how many of them were negative. */
public record Bucket(long hour, long documents, long negative) {
  public Bucket {
    if (documents < 0 || negative < 0 || negative > documents) {
      throw new IllegalArgumentException(
          "need 0 <= negative <= documents, got " + negative + " of " + documents);
    }
  }

  /** The bucket's start: {@code hour} hours after the epoch, UTC. */
  public Instant start() {
    return Instant.ofEpochSecond(hour * 3600);
  }

  /** Negative documents over documents; 0 for an empty hour. */
  public double negativeShare() {
    return documents == 0 ? 0 : (double) negative / documents;
  }

  /** The epoch hour an instant falls in. */
  public static long hourOf(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 3600);
  }
}
