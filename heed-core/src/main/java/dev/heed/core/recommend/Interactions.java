package dev.heed.core.recommend;

import java.util.Arrays;

/**
 * An immutable sparse user × item matrix of implicit feedback, kept in both orientations (rows by
 * user, rows by item) with items sorted within each user row. Values are interaction weights (1 for
 * a plain positive); times are the latest timestamp of each pair, epoch milliseconds.
 */
public final class Interactions implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int users;
  private final int items;
  private final int[] userPtr;
  private final int[] userItems;
  private final float[] userValues;
  private final long[] userTimes;
  private final int[] itemPtr;
  private final int[] itemUsers;
  private final float[] itemValues;

  private Interactions(
      int users, int items, int[] userPtr, int[] userItems, float[] userValues, long[] userTimes) {
    this.users = users;
    this.items = items;
    this.userPtr = userPtr;
    this.userItems = userItems;
    this.userValues = userValues;
    this.userTimes = userTimes;
    int nnz = userItems.length;
    itemPtr = new int[items + 1];
    for (int p = 0; p < nnz; p++) {
      itemPtr[userItems[p] + 1]++;
    }
    for (int i = 0; i < items; i++) {
      itemPtr[i + 1] += itemPtr[i];
    }
    itemUsers = new int[nnz];
    itemValues = new float[nnz];
    int[] next = Arrays.copyOf(itemPtr, items);
    for (int u = 0; u < users; u++) {
      for (int p = userPtr[u]; p < userPtr[u + 1]; p++) {
        int q = next[userItems[p]]++;
        itemUsers[q] = u;
        itemValues[q] = userValues[p];
      }
    }
  }

  /**
   * Builds the matrix from parallel arrays of (user, item, value, time) triples; repeated pairs are
   * merged by summing values and keeping the latest time. {@code times} may be null.
   */
  public static Interactions of(
      int users, int items, int[] user, int[] item, float[] value, long[] times) {
    int n = user.length;
    if (item.length != n || value.length != n || (times != null && times.length != n)) {
      throw new IllegalArgumentException("user, item, value and time arrays differ in length");
    }
    for (int k = 0; k < n; k++) {
      if (user[k] < 0 || user[k] >= users || item[k] < 0 || item[k] >= items) {
        throw new IllegalArgumentException(
            "pair "
                + k
                + " ("
                + user[k]
                + ", "
                + item[k]
                + ") is outside "
                + users
                + " x "
                + items);
      }
    }
    // Two stable counting sorts (by item, then by user) leave each user's row sorted by item.
    int[] byItem = countingOrder(item, items, null);
    int[] order = countingOrder(user, users, byItem);
    int[] ptr = new int[users + 1];
    int[] outItems = new int[n];
    float[] outValues = new float[n];
    long[] outTimes = times == null ? null : new long[n];
    int out = 0;
    int row = -1;
    int rowStart = 0;
    for (int k : order) {
      int u = user[k];
      while (row < u) {
        ptr[++row] = out;
        rowStart = out;
      }
      if (out > rowStart && outItems[out - 1] == item[k]) {
        outValues[out - 1] += value[k];
        if (outTimes != null) {
          outTimes[out - 1] = Math.max(outTimes[out - 1], times[k]);
        }
      } else {
        outItems[out] = item[k];
        outValues[out] = value[k];
        if (outTimes != null) {
          outTimes[out] = times[k];
        }
        out++;
      }
    }
    while (row < users) {
      ptr[++row] = out;
    }
    return new Interactions(
        users,
        items,
        ptr,
        Arrays.copyOf(outItems, out),
        Arrays.copyOf(outValues, out),
        outTimes == null ? null : Arrays.copyOf(outTimes, out));
  }

  /**
   * Stable counting sort of positions by {@code key}, visiting positions in {@code input} order.
   */
  private static int[] countingOrder(int[] key, int range, int[] input) {
    int n = key.length;
    int[] start = new int[range + 1];
    for (int k : key) {
      start[k + 1]++;
    }
    for (int r = 0; r < range; r++) {
      start[r + 1] += start[r];
    }
    int[] order = new int[n];
    for (int j = 0; j < n; j++) {
      int k = input == null ? j : input[j];
      order[start[key[k]]++] = k;
    }
    return order;
  }

  /** A copy without the pairs whose merged value is 0 (e.g. impressions that led nowhere). */
  public Interactions withoutZeros() {
    int keep = 0;
    for (float v : userValues) {
      keep += v != 0 ? 1 : 0;
    }
    if (keep == userValues.length) {
      return this;
    }
    int[] ptr = new int[users + 1];
    int[] it = new int[keep];
    float[] val = new float[keep];
    long[] tm = userTimes == null ? null : new long[keep];
    int out = 0;
    for (int u = 0; u < users; u++) {
      for (int p = userPtr[u]; p < userPtr[u + 1]; p++) {
        if (userValues[p] != 0) {
          it[out] = userItems[p];
          val[out] = userValues[p];
          if (tm != null) {
            tm[out] = userTimes[p];
          }
          out++;
        }
      }
      ptr[u + 1] = out;
    }
    return new Interactions(users, items, ptr, it, val, tm);
  }

  public int users() {
    return users;
  }

  public int items() {
    return items;
  }

  /** Number of distinct (user, item) pairs. */
  public int nnz() {
    return userItems.length;
  }

  public boolean hasTimes() {
    return userTimes != null;
  }

  /** Start of user {@code u}'s row in {@link #userItem}/{@link #userValue}; ends at start(u+1). */
  public int userStart(int u) {
    return userPtr[u];
  }

  public int userEnd(int u) {
    return userPtr[u + 1];
  }

  public int userItem(int p) {
    return userItems[p];
  }

  public float userValue(int p) {
    return userValues[p];
  }

  /** Latest time of the pair at position {@code p} (0 when built without times). */
  public long userTime(int p) {
    return userTimes == null ? 0 : userTimes[p];
  }

  public int itemStart(int i) {
    return itemPtr[i];
  }

  public int itemEnd(int i) {
    return itemPtr[i + 1];
  }

  public int itemUser(int p) {
    return itemUsers[p];
  }

  public float itemValue(int p) {
    return itemValues[p];
  }

  public int userDegree(int u) {
    return userPtr[u + 1] - userPtr[u];
  }

  public int itemDegree(int i) {
    return itemPtr[i + 1] - itemPtr[i];
  }

  /**
   * The matrix by user: row u holds user u's items (ascending) and values. The arrays are shared,
   * not copied, for the training kernels: do not modify them.
   */
  public Rows byUser() {
    return new Rows(users, userPtr, userItems, userValues);
  }

  /** The matrix by item: row i holds the users of item i and values (shared arrays). */
  public Rows byItem() {
    return new Rows(items, itemPtr, itemUsers, itemValues);
  }

  /** One orientation of the matrix in compressed-row form. */
  public record Rows(int count, int[] ptr, int[] index, float[] values) {}

  /**
   * User {@code u}'s interactions as a profile (the training history of a known user), with times
   * when the matrix has them.
   */
  public UserProfile profile(int u) {
    int from = userPtr[u];
    int to = userPtr[u + 1];
    return new UserProfile(
        u,
        Arrays.copyOfRange(userItems, from, to),
        Arrays.copyOfRange(userValues, from, to),
        userTimes == null ? null : Arrays.copyOfRange(userTimes, from, to));
  }

  /** The latest interaction time in the matrix (0 when built without times). */
  public long maxTime() {
    long max = 0;
    if (userTimes != null) {
      for (long t : userTimes) {
        max = Math.max(max, t);
      }
    }
    return max;
  }
}
