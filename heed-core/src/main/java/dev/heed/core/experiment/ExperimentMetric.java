package dev.heed.core.experiment;

import dev.heed.api.EventKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The metrics an experiment can be judged on. Each is user-level: the share of exposed users who
 * sent at least one event of its kind (on any item) at or after their first exposure in the
 * experiment. {@code ctr} is therefore the share of exposed users who clicked, not clicks per
 * impression.
 */
public enum ExperimentMetric {
  CTR("ctr", EventKind.CLICK, true),
  COMPLETE_RATE("complete_rate", EventKind.COMPLETE, true),
  LIKE_RATE("like_rate", EventKind.LIKE, true),
  SHARE_RATE("share_rate", EventKind.SHARE, true),
  PURCHASE_RATE("purchase_rate", EventKind.PURCHASE, true),
  DISLIKE_RATE("dislike_rate", EventKind.DISLIKE, false);

  private final String wireName;
  private final EventKind kind;
  private final boolean higherIsBetter;

  ExperimentMetric(String wireName, EventKind kind, boolean higherIsBetter) {
    this.wireName = wireName;
    this.kind = kind;
    this.higherIsBetter = higherIsBetter;
  }

  public String wireName() {
    return wireName;
  }

  /** The event kind that counts as a conversion. */
  public EventKind kind() {
    return kind;
  }

  /** Whether a rise is good news (false for dislikes, whose rise is harm). */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  public static Optional<ExperimentMetric> fromWireName(String name) {
    return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(ExperimentMetric::wireName).toList();
  }
}
