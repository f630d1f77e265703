package dev.heed.eval.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.eval.data.InteractionLog;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {
  /**
   * User "a": items a0..a9 at times 100..109, plus a repeat of a0 at time 500 (so a0 is now the
   * latest). User "b": 4 items (too few to evaluate). User "c": 6 items, all at the same time.
   */
  static InteractionLog log() {
    InteractionLog log = new InteractionLog();
    for (int j = 0; j < 10; j++) {
      log.add("a", "a" + j, 1, 100 + j);
    }
    log.add("a", "a0", 1, 500);
    for (int j = 0; j < 4; j++) {
      log.add("b", "b" + j, 1, 100 + j);
    }
    for (int j = 5; j >= 0; j--) {
      log.add("c", "c" + j, 1, 300);
    }
    return log;
  }

  private static Set<String> names(InteractionLog log, int[] items) {
    Set<String> s = new HashSet<>();
    for (int i : items) {
      s.add(log.items().id(i));
    }
    return s;
  }

  @Test
  void temporalHoldsOutTheLatestFifthByTimeThenItem() {
    InteractionLog log = log();
    Split split = new TemporalHoldoutSplit(0.2, 5).split(log, Weighting.BINARY);
    assertThat(split.test()).hasSize(2);
    TestUser a = split.test().get(0);
    assertThat(log.users().id(a.user())).isEqualTo("a");
    // 10 distinct items; ceil(2.0) = 2 held out: a0 (collapsed to time 500) and a9.
    assertThat(names(log, a.heldOut())).containsExactlyInAnyOrder("a0", "a9");
    assertThat(a.profile().items()).hasSize(8);
    TestUser c = split.test().get(1);
    // Six items at one time: ceil(1.2) = 2, ties broken by item id (not by the order they were
    // first seen, c5 first): c4 and c5.
    assertThat(names(log, c.heldOut())).containsExactlyInAnyOrder("c4", "c5");
    // b has four items: all in training, not evaluated.
    int b = log.users().find("b");
    assertThat(split.train().userDegree(b)).isEqualTo(4);
    assertThat(split.train().nnz()).isEqualTo(8 + 4 + 4);
  }

  @Test
  void randomHoldoutIsSeededAndDisjoint() {
    InteractionLog log = log();
    Split one = new RandomHoldoutSplit(0.2, 5, 7).split(log, Weighting.BINARY);
    Split two = new RandomHoldoutSplit(0.2, 5, 7).split(log, Weighting.BINARY);
    assertThat(one.test()).hasSize(2);
    for (int t = 0; t < one.test().size(); t++) {
      TestUser u = one.test().get(t);
      assertThat(u.heldOut()).containsExactly(two.test().get(t).heldOut());
      for (int i : u.heldOut()) {
        assertThat(u.profile().items()).doesNotContain(i);
      }
      assertThat(u.heldOut().length + u.profile().size())
          .isEqualTo(log.users().id(u.user()).equals("a") ? 10 : 6);
    }
  }

  @Test
  void leaveLastOutHoldsOutOneItemPerUser() {
    InteractionLog log = log();
    Split split = new LeaveLastOutSplit(2).split(log, Weighting.BINARY);
    assertThat(split.test()).hasSize(3);
    assertThat(names(log, split.test().get(0).heldOut())).containsExactly("a0");
    assertThat(split.test()).allSatisfy(u -> assertThat(u.heldOut()).hasSize(1));
  }

  @Test
  void strongGeneralizationKeepsHeldOutUsersOutOfTraining() {
    InteractionLog log = new InteractionLog();
    for (int u = 0; u < 50; u++) {
      for (int j = 0; j < 10; j++) {
        log.add("u" + u, "i" + ((u + j) % 30), 1, j);
      }
    }
    Split split = new StrongGeneralizationSplit(0.2, 0.2, 5, 3).split(log, Weighting.BINARY);
    assertThat(split.test()).hasSize(10);
    for (TestUser u : split.test()) {
      assertThat(split.train().userDegree(u.user())).isZero();
      assertThat(u.profile().user()).isEqualTo(-1);
      assertThat(u.heldOut()).hasSize(2);
      assertThat(u.profile().items()).hasSize(8);
      int[] all =
          IntStream.concat(Arrays.stream(u.heldOut()), Arrays.stream(u.profile().items()))
              .distinct()
              .toArray();
      assertThat(all).hasSize(10);
    }
    assertThat(split.train().nnz()).isEqualTo(40 * 10);
  }

  @Test
  void givenSplitIgnoresTestItemsAlreadyInTraining() {
    InteractionLog train = new InteractionLog();
    train.add("u", "x", 1, 0);
    train.add("u", "y", 1, 0);
    InteractionLog test = new InteractionLog(train.users(), train.items());
    test.add("u", "y", 1, 0);
    test.add("u", "z", 1, 0);
    test.add("v", "y", 1, 0);
    Split split = GivenSplit.split(train, test, Weighting.BINARY);
    assertThat(split.test()).hasSize(2);
    assertThat(names(train, split.test().get(0).heldOut())).containsExactly("z");
    TestUser v = split.test().get(1);
    assertThat(v.profile().items()).isEmpty();
    assertThat(split.train().items()).isEqualTo(3);
  }

  @Test
  void timeOrderedProtocolsRefuseDataWithoutTimestamps() {
    InteractionLog log = new InteractionLog();
    for (int j = 0; j < 6; j++) {
      log.add("u", "i" + j, 1, 0);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new TemporalHoldoutSplit(0.2, 5).split(log, Weighting.BINARY))
        .hasMessageContaining("no timestamps");
    assertThat(new RandomHoldoutSplit(0.2, 5, 1).split(log, Weighting.BINARY).test()).hasSize(1);
  }

  @Test
  void rawWeightingSumsRepeatedRows() {
    InteractionLog log = new InteractionLog();
    log.add("u", "x", 3, 5);
    log.add("u", "x", 2, 6);
    assertThat(new LeaveLastOutSplit(5).split(log, Weighting.RAW).train().userValue(0))
        .isEqualTo(5f);
    assertThat(new LeaveLastOutSplit(5).split(log, Weighting.BINARY).train().userValue(0))
        .isEqualTo(1f);
  }
}
