package dev.heed.eval.data;

import java.util.Arrays;

/**
 * Raw interactions as loaded from a data set, one row per line: user and item indices (into {@link
 * #users()} / {@link #items()}), a weight (rating, play count, or 1) and a timestamp in epoch
 * milliseconds (0 when the source has none). Repeated pairs are kept; splits decide what to do.
 */
public final class InteractionLog {
  private final IdIndex users;
  private final IdIndex items;
  private int[] user = new int[1024];
  private int[] item = new int[1024];
  private float[] weight = new float[1024];
  private long[] time = new long[1024];
  private int size;

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
    if (size == user.length) {
      int cap = size * 2;
      user = Arrays.copyOf(user, cap);
      item = Arrays.copyOf(item, cap);
      weight = Arrays.copyOf(weight, cap);
      time = Arrays.copyOf(time, cap);
    }
    user[size] = u;
    item[size] = i;
    weight[size] = w;
    time[size] = t;
    size++;
  }

  public IdIndex users() {
    return users;
  }

  public IdIndex items() {
    return items;
  }

  public int size() {
    return size;
  }

  public int user(int row) {
    return user[row];
  }

  public int item(int row) {
    return item[row];
  }

  public float weight(int row) {
    return weight[row];
  }

  public long time(int row) {
    return time[row];
  }
}
