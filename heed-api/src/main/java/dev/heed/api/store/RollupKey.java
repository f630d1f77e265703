package dev.heed.api.store;

import java.util.Locale;

/**
 * Where a rollup row sits: a dimension and its value ({@code key}: an item id, a creator, a
 * category or a topic; empty for {@link Dimension#ALL}), a {@code scope} (empty: everything; else
 * only events on items of that category), and a UTC time bucket starting at {@code start} (epoch
 * ms, a multiple of the granularity).
 */
public record RollupKey(
    Dimension dimension, String scope, String key, Granularity granularity, long start) {

  public RollupKey {
    if (dimension == null || scope == null || key == null || granularity == null) {
      throw new IllegalArgumentException("dimension, scope, key and granularity are required");
    }
    if (Math.floorMod(start, granularity.millis()) != 0) {
      throw new IllegalArgumentException(
          "a "
              + granularity.wireName()
              + " bucket starts on the "
              + granularity.wireName()
              + ": "
              + start);
    }
  }

  /** What a row is about. */
  public enum Dimension {
    ITEM,
    CREATOR,
    CATEGORY,
    TOPIC,
    /** Every event: the population totals that priors are taken from. */
    ALL;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
      return wireName;
    }

    public static Dimension fromWireName(String name) {
      for (Dimension d : values()) {
        if (d.wireName().equals(name)) {
          return d;
        }
      }
      throw new IllegalArgumentException("unknown dimension '" + name + "'");
    }
  }

  /** How long a time bucket is (UTC). */
  public enum Granularity {
    HOUR(3_600_000L),
    DAY(86_400_000L);

    private final long millis;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    Granularity(long millis) {
      this.millis = millis;
    }

    public long millis() {
      return millis;
    }

    /** The start of the bucket holding {@code epochMs}. */
    public long floor(long epochMs) {
      return Math.floorDiv(epochMs, millis) * millis;
    }

    public String wireName() {
      return wireName;
    }

    public static Granularity fromWireName(String name) {
      for (Granularity g : values()) {
        if (g.wireName().equals(name)) {
          return g;
        }
      }
      throw new IllegalArgumentException("unknown granularity '" + name + "'");
    }
  }
}
