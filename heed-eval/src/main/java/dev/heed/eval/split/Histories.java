package dev.heed.eval.split;

import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.UserProfile;
import dev.heed.eval.data.InteractionLog;
import java.util.Arrays;

/**
 * Every user's distinct items, repeated (user, item) rows collapsed to one with the latest
 * timestamp and the summed weight, ordered by (timestamp, item id). The common first step of the
 * splits.
 */
final class Histories {
  final int users;
  final int items;
  final int[] ptr;
  final int[] item;
  final float[] weight;
  final long[] time;
  final boolean timed;

  private Histories(int users, int items, int[] ptr, int[] item, float[] weight, long[] time) {
    this.users = users;
    this.items = items;
    this.ptr = ptr;
    this.item = item;
    this.weight = weight;
    this.time = time;
    boolean any = false;
    for (long t : time) {
      if (t != 0) {
        any = true;
        break;
      }
    }
    this.timed = any;
  }

  /** Fails for protocols that order by time when the data has no timestamps. */
  void requireTimes(String protocol) {
    if (!timed && item.length > 0) {
      throw new IllegalArgumentException(
          "the "
              + protocol
              + " protocol orders interactions by time, but this data has no timestamps;"
              + " use --protocol random");
    }
  }

  static Histories of(InteractionLog log) {
    // Repeats collapse here (sum of weights, latest time); rows come sorted by item.
    Interactions m = log.toInteractions();
    int[] ptr = new int[m.users() + 1];
    int[] item = new int[m.nnz()];
    float[] weight = new float[m.nnz()];
    long[] time = new long[m.nnz()];
    Integer[] order = new Integer[0];
    for (int user = 0; user < m.users(); user++) {
      int from = m.userStart(user);
      int len = m.userEnd(user) - from;
      ptr[user + 1] = ptr[user] + len;
      if (order.length < len) {
        order = new Integer[len];
      }
      for (int j = 0; j < len; j++) {
        order[j] = from + j;
      }
      // By time, ties by item id (not by index, which is only the order of first appearance).
      Arrays.sort(
          order,
          0,
          len,
          (a, b) ->
              m.userTime(a) != m.userTime(b)
                  ? Long.compare(m.userTime(a), m.userTime(b))
                  : log.items().id(m.userItem(a)).compareTo(log.items().id(m.userItem(b))));
      for (int j = 0; j < len; j++) {
        item[from + j] = m.userItem(order[j]);
        weight[from + j] = m.userValue(order[j]);
        time[from + j] = m.userTime(order[j]);
      }
    }
    return new Histories(m.users(), m.items(), ptr, item, weight, time);
  }

  int size(int user) {
    return ptr[user + 1] - ptr[user];
  }

  /** Builds the training matrix from the entries {@code keep} accepts. */
  Interactions train(Weighting weighting, EntryFilter keep) {
    int n = item.length;
    int[] u = new int[n];
    int[] i = new int[n];
    float[] w = new float[n];
    long[] t = new long[n];
    int k = 0;
    for (int user = 0; user < users; user++) {
      for (int p = ptr[user]; p < ptr[user + 1]; p++) {
        if (keep.keep(user, p)) {
          u[k] = user;
          i[k] = item[p];
          w[k] = weighting == Weighting.BINARY ? 1f : weight[p];
          t[k] = time[p];
          k++;
        }
      }
    }
    return Interactions.of(
        users,
        items,
        Arrays.copyOf(u, k),
        Arrays.copyOf(i, k),
        Arrays.copyOf(w, k),
        Arrays.copyOf(t, k));
  }

  /** The entries of {@code user} that {@code keep} accepts, as a profile for an unseen user. */
  UserProfile profile(int user, Weighting weighting, EntryFilter keep) {
    int[] it = new int[size(user)];
    float[] w = new float[size(user)];
    long[] t = new long[size(user)];
    int k = 0;
    for (int p = ptr[user]; p < ptr[user + 1]; p++) {
      if (keep.keep(user, p)) {
        it[k] = item[p];
        t[k] = time[p];
        w[k++] = weighting == Weighting.BINARY ? 1f : weight[p];
      }
    }
    return new UserProfile(
        -1, Arrays.copyOf(it, k), Arrays.copyOf(w, k), timed ? Arrays.copyOf(t, k) : null);
  }

  /** The items of {@code user}'s entries that {@code pick} accepts, ascending. */
  int[] items(int user, EntryFilter pick) {
    return java.util.stream.IntStream.range(ptr[user], ptr[user + 1])
        .filter(p -> pick.keep(user, p))
        .map(p -> item[p])
        .sorted()
        .toArray();
  }

  /** Chooses entries by user and position in {@link #item}. */
  @FunctionalInterface
  interface EntryFilter {
    boolean keep(int user, int position);
  }
}
