package dev.heed.api.store;

import java.time.Instant;

/**
 * A filter over the event log. Null fields do not filter; {@code from} is inclusive and {@code to}
 * exclusive; results come in append order after {@code afterSeq}.
 */
public record EventQuery(
    String userId, String itemId, Instant from, Instant to, long afterSeq, int limit) {

  public EventQuery {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
  }

  public static EventQuery all(int limit) {
    return new EventQuery(null, null, null, null, 0, limit);
  }

  public static EventQuery byUser(String userId, int limit) {
    return new EventQuery(userId, null, null, null, 0, limit);
  }

  public static EventQuery byItem(String itemId, int limit) {
    return new EventQuery(null, itemId, null, null, 0, limit);
  }

  public static EventQuery between(Instant from, Instant to, int limit) {
    return new EventQuery(null, null, from, to, 0, limit);
  }

  public EventQuery after(long seq) {
    return new EventQuery(userId, itemId, from, to, seq, limit);
  }
}
