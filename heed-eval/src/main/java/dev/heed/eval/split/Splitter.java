package dev.heed.eval.split;

import dev.heed.eval.data.InteractionLog;

/** An evaluation protocol: turns a data set into training data and held-out test users. */
public interface Splitter {
  Split split(InteractionLog log, Weighting weighting);

  /**
   * The protocol {@code name}: temporal, random, loo or strong ("given" needs a test file, see
   * {@link GivenSplit}).
   */
  static Splitter named(String name, long seed) {
    return switch (name) {
      case "temporal" -> new TemporalHoldoutSplit(0.2, 5);
      case "random" -> new RandomHoldoutSplit(0.2, 5, seed);
      case "loo" -> new LeaveLastOutSplit(2);
      case "strong" -> new StrongGeneralizationSplit(0.2, 0.2, 5, seed);
      default ->
          throw new IllegalArgumentException(
              "unknown protocol '" + name + "' (known: given, temporal, random, loo, strong)");
    };
  }

  /** A split where each user's held-out entries are marked in {@code heldOut} (by position). */
  static Split byMask(String protocol, Histories h, boolean[] heldOut, Weighting weighting) {
    var train = h.train(weighting, (u, p) -> !heldOut[p]);
    var test = new java.util.ArrayList<TestUser>();
    for (int u = 0; u < h.users; u++) {
      int[] items = h.items(u, (user, p) -> heldOut[p]);
      if (items.length > 0) {
        test.add(new TestUser(u, train.profile(u), items));
      }
    }
    return new Split(protocol, train, java.util.List.copyOf(test));
  }
}
