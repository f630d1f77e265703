package dev.heed.core.recommend;

import java.util.Arrays;

/**
 * A growable list of (user, item, weight, time) rows, repeats kept, from which an {@link
 * Interactions} matrix is made once the rows are all in.
 */
public final class InteractionBuffer {
  private int[] user = new int[1024];
  private int[] item = new int[1024];
  private float[] weight = new float[1024];
  private long[] time = new long[1024];
  private int size;

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
    time[size++] = t;
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

  /** The rows as a {@code users} x {@code items} matrix (repeats merged, see Interactions.of). */
  public Interactions toInteractions(int users, int items) {
    return Interactions.of(
        users,
        items,
        Arrays.copyOf(user, size),
        Arrays.copyOf(item, size),
        Arrays.copyOf(weight, size),
        Arrays.copyOf(time, size));
  }
}
