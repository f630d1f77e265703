package dev.heed.core.monitor;

import java.time.Instant;

/**
 * A topic's hour whose {@code value} (negative share or document count, by {@code kind}) exceeded
 * {@code threshold}, computed from {@code baseline} (the median of the comparison hours).
 */
public record Alert(
    String topic, Kind kind, long hour, double value, double baseline, double threshold) {
  /** What spiked. */
  public enum Kind {
    NEGATIVE_SHARE("negative_share"),
    VOLUME("volume");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  /** The start of the hour that spiked. */
  public Instant bucket() {
    return Instant.ofEpochSecond(hour * 3600);
  }
}
