package dev.heed.core.store.memory;

import dev.heed.api.store.AttentionCounts;
import dev.heed.api.store.AttentionStore;
import dev.heed.api.store.RollupKey;
import dev.heed.api.store.RollupKey.Dimension;
import dev.heed.api.store.RollupKey.Granularity;
import dev.heed.api.store.RollupRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The rollups in the heap, under the memory store's one lock; queries scan every row. */
final class MemoryAttentionStore implements AttentionStore {
  private final Object lock;
  private final Map<RollupKey, AttentionCounts> rows = new HashMap<>();
  private long cursor;

  MemoryAttentionStore(Object lock) {
    this.lock = lock;
  }

  @Override
  public long cursor() {
    synchronized (lock) {
      return cursor;
    }
  }

  @Override
  public boolean apply(
      Map<RollupKey, AttentionCounts> deltas, long expectedCursor, long newCursor) {
    synchronized (lock) {
      if (cursor != expectedCursor) {
        return false;
      }
      deltas.forEach((k, c) -> rows.merge(k, c, AttentionCounts::plus));
      cursor = newCursor;
      return true;
    }
  }

  @Override
  public List<RollupRow> series(
      Dimension dimension, String scope, String key, Granularity granularity, long from, long to) {
    synchronized (lock) {
      List<RollupRow> out = new ArrayList<>();
      rows.forEach(
          (k, c) -> {
            if (k.dimension() == dimension
                && k.scope().equals(scope)
                && k.key().equals(key)
                && k.granularity() == granularity
                && k.start() >= from
                && k.start() < to) {
              out.add(new RollupRow(k, c));
            }
          });
      out.sort(Comparator.comparingLong(r -> r.key().start()));
      return out;
    }
  }

  @Override
  public Map<String, AttentionCounts> totals(
      Dimension dimension, String scope, Granularity granularity, long from, long to) {
    synchronized (lock) {
      Map<String, AttentionCounts> out = new HashMap<>();
      rows.forEach(
          (k, c) -> {
            if (k.dimension() == dimension
                && k.scope().equals(scope)
                && k.granularity() == granularity
                && k.start() >= from
                && k.start() < to) {
              out.merge(k.key(), c, AttentionCounts::plus);
            }
          });
      return out;
    }
  }

  @Override
  public void clear() {
    synchronized (lock) {
      rows.clear();
      cursor = 0;
    }
  }

  @Override
  public void forEach(Consumer<RollupRow> action) {
    List<RollupRow> copy = new ArrayList<>();
    synchronized (lock) {
      rows.forEach((k, c) -> copy.add(new RollupRow(k, c)));
    }
    copy.forEach(action);
  }
}
