package dev.heed.eval.split;

import dev.heed.eval.data.InteractionLog;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Strong generalization (Liang et al. 2018): a seeded {@code userFraction} of the users with at
 * least {@code minInteractions} items are left out of training entirely; each is scored as a new
 * user from a random (1 − fraction) of their items (fold-in) and evaluated on the rest.
 */
public record StrongGeneralizationSplit(
    double userFraction, double fraction, int minInteractions, long seed) implements Splitter {
  @Override
  public Split split(InteractionLog log, Weighting weighting) {
    Histories h = Histories.of(log);
    SplittableRandom random = new SplittableRandom(seed);
    List<Integer> eligible = new ArrayList<>();
    for (int u = 0; u < h.users; u++) {
      if (h.size(u) >= minInteractions) {
        eligible.add(u);
      }
    }
    boolean[] heldOutUser = new boolean[h.users];
    int count = (int) Math.round(userFraction * eligible.size());
    for (int j = 0; j < count; j++) {
      int r = j + random.nextInt(eligible.size() - j);
      java.util.Collections.swap(eligible, j, r);
      heldOutUser[eligible.get(j)] = true;
    }
    boolean[] heldOut = new boolean[h.item.length];
    for (int u = 0; u < h.users; u++) {
      if (heldOutUser[u]) {
        int n = h.size(u);
        RandomHoldoutSplit.markRandom(heldOut, h.ptr[u], n, (int) Math.ceil(fraction * n), random);
      }
    }
    var train = h.train(weighting, (u, p) -> !heldOutUser[u]);
    List<TestUser> test = new ArrayList<>();
    for (int u = 0; u < h.users; u++) {
      if (heldOutUser[u]) {
        test.add(
            new TestUser(
                u,
                h.profile(u, weighting, (user, p) -> !heldOut[p]),
                h.items(u, (user, p) -> heldOut[p])));
      }
    }
    return new Split("strong", train, List.copyOf(test));
  }
}
