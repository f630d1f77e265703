package dev.heed.eval.split;

import dev.heed.eval.data.InteractionLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's own split: training rows from one file, test rows from another (ids shared through the
 * same indices). Test items a user already has in training are ignored; users with no other test
 * item are not evaluated.
 */
public final class GivenSplit {
  private GivenSplit() {}

  /** {@code test} must share {@code train}'s id indices. */
  public static Split split(InteractionLog train, InteractionLog test, Weighting weighting) {
    if (train.users() != test.users() || train.items() != test.items()) {
      throw new IllegalArgumentException("the test log must share the training log's id indices");
    }
    Histories h = Histories.of(train);
    var matrix = h.train(weighting, (u, p) -> true);
    Histories t = Histories.of(test);
    List<TestUser> users = new ArrayList<>();
    for (int u = 0; u < t.users; u++) {
      int user = u;
      var profile = matrix.profile(u);
      int[] items =
          t.items(u, (x, p) -> java.util.Arrays.binarySearch(profile.items(), t.item[p]) < 0);
      if (items.length > 0) {
        users.add(new TestUser(user, profile, items));
      }
    }
    return new Split("given", matrix, List.copyOf(users));
  }
}
