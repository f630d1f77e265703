package dev.heed.eval.data;

import dev.heed.core.recommend.InteractionBuffer;

/**
 * Raw interactions as loaded from a data set, one row per line: user and item indices (into {@link
 * #users()} / {@link #items()}), a weight (rating, play count, or 1) and a timestamp in epoch
 * milliseconds (0 when the source has none). Repeated pairs are kept; splits decide what to do.
 */
public final class InteractionLog {
  private final IdIndex users;
  private final IdIndex items;
  private final InteractionBuffer rows = new InteractionBuffer();

  public InteractionLog(IdIndex users, IdIndex items) {
    this.users = users;
    this.items = items;
  }

  public InteractionLog() {
    this(new IdIndex(), new IdIndex());
  }

  public void add(String userId, String itemId, float w, long t) {
    add(users.intern(userId), items.intern(itemId), w, t);
  }

  public void add(int u, int i, float w, long t) {
    rows.add(u, i, w, t);
  }

  /** Every row as a users x items matrix (repeats merged: weights summed, latest time kept). */
  public dev.heed.core.recommend.Interactions toInteractions() {
    return rows.toInteractions(users.size(), items.size());
  }

  public IdIndex users() {
    return users;
  }

  public IdIndex items() {
    return items;
  }

  public int size() {
    return rows.size();
  }

  public int user(int row) {
    return rows.user(row);
  }

  public int item(int row) {
    return rows.item(row);
  }

  public float weight(int row) {
    return rows.weight(row);
  }

  public long time(int row) {
    return rows.time(row);
  }
}
