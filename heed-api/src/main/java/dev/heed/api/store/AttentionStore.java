package dev.heed.api.store;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Attention rollups: per dimension value and time bucket, sums of what events did. Derived data,
 * kept incrementally from the event log behind a cursor (the seq of the last event rolled up):
 * {@link #apply} adds a batch's counts and moves the cursor in one transaction, so each event is
 * counted exactly once even across crashes and concurrent rollers.
 */
public interface AttentionStore {
  /** The seq of the last event whose counts are in the rollups (0: none). */
  long cursor();

  /**
   * Adds {@code deltas} to the rows (creating missing ones) and moves the cursor from {@code
   * expectedCursor} to {@code newCursor}, atomically. Returns false and changes nothing when the
   * cursor is not at {@code expectedCursor} (someone else rolled these events up first).
   */
  boolean apply(Map<RollupKey, AttentionCounts> deltas, long expectedCursor, long newCursor);

  /**
   * The rows of one dimension value and scope with {@code from <= start < to}, by start ascending
   * (buckets without events have no row).
   */
  List<RollupRow> series(
      RollupKey.Dimension dimension,
      String scope,
      String key,
      RollupKey.Granularity granularity,
      long from,
      long to);

  /**
   * Per dimension value of this scope, the sum of its rows with {@code from <= start < to}. Keys
   * without rows in the range are absent.
   */
  Map<String, AttentionCounts> totals(
      RollupKey.Dimension dimension,
      String scope,
      RollupKey.Granularity granularity,
      long from,
      long to);

  /**
   * As {@link #totals}, with the dwell histogram left out (all zero): the sums a ranking needs,
   * cheaper to read than the full rows. A store without a cheaper read returns full totals.
   */
  default Map<String, AttentionCounts> scalarTotals(
      RollupKey.Dimension dimension,
      String scope,
      RollupKey.Granularity granularity,
      long from,
      long to) {
    return totals(dimension, scope, granularity, from, to);
  }

  /** As {@link #totals}, for the given dimension values only (the entries of a top list). */
  default Map<String, AttentionCounts> totals(
      RollupKey.Dimension dimension,
      String scope,
      RollupKey.Granularity granularity,
      long from,
      long to,
      java.util.Collection<String> keys) {
    Map<String, AttentionCounts> out =
        new java.util.HashMap<>(totals(dimension, scope, granularity, from, to));
    out.keySet().retainAll(java.util.Set.copyOf(keys));
    return out;
  }

  /** Removes every row and sets the cursor to 0, atomically (a rebuild starts here). */
  void clear();

  /**
   * Every row, in no particular order, to {@code action} (which may run inside a read): for checks
   * and tests.
   */
  void forEach(Consumer<RollupRow> action);
}
