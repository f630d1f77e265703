package dev.heed.core.experiment;

import com.fasterxml.jackson.annotation.JsonValue;

/** A closed interval [lo, hi]; written to JSON as the two-element array {@code [lo, hi]}. */
public record Interval(double lo, double hi) {
  public Interval {
    if (!(lo <= hi)) {
      throw new IllegalArgumentException("interval bounds out of order: [" + lo + ", " + hi + "]");
    }
  }

  /** The symmetric interval {@code center ± halfWidth}. */
  public static Interval around(double center, double halfWidth) {
    return new Interval(center - halfWidth, center + halfWidth);
  }

  public boolean contains(double x) {
    return lo <= x && x <= hi;
  }

  @JsonValue
  double[] toArray() {
    return new double[] {lo, hi};
  }
}
