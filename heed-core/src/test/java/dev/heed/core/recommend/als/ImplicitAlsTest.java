package dev.heed.core.recommend.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.TopN;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.recommend.UserProfile;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImplicitAlsTest {
  /** Two groups of users, each reading only its half of the catalog. */
  static Interactions twoCommunities(int users, int items, long seed) {
    Random random = new Random(seed);
    int n = users * 12;
    int[] u = new int[n];
    int[] i = new int[n];
    float[] v = new float[n];
    for (int k = 0; k < n; k++) {
      u[k] = k % users;
      int half = u[k] % 2;
      i[k] = half * (items / 2) + random.nextInt(items / 2);
      v[k] = 1 + random.nextInt(4);
    }
    return Interactions.of(users, items, u, i, v, null);
  }

  private static ImplicitAlsRecommender als(Map<String, String> p) {
    return new ImplicitAlsRecommender(new Params(p));
  }

  @Test
  void conjugateGradientConvergesToTheExactSolve() {
    Interactions data = twoCommunities(60, 40, 5);
    int k = 8;
    ImplicitAlsRecommender cg =
        als(Map.of("factors", "8", "cg_steps", "40", "alpha", "3", "reg", "0.5", "threads", "1"));
    Random random = new Random(6);
    float[] items = new float[data.items() * k];
    for (int j = 0; j < items.length; j++) {
      items[j] = (float) random.nextGaussian() * 0.3f;
    }
    float[] fromCg = new float[data.users() * k];
    float[] exact = new float[data.users() * k];
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      double[] gramD = cg.gram(pool, items, data.items());
      float[] gram = new float[k * k];
      for (int j = 0; j < gram.length; j++) {
        gram[j] = (float) gramD[j];
      }
      var s = new ImplicitAlsRecommender.Scratch(k);
      for (int u = 0; u < data.users(); u++) {
        cg.solveRowCg(data.byUser(), u, fromCg, items, gram, s);
        cg.solveRowExact(data.byUser(), u, exact, items, gramD, s);
      }
    }
    for (int j = 0; j < exact.length; j++) {
      assertThat(fromCg[j]).as("entry %d", j).isCloseTo(exact[j], within(2e-3f));
    }
  }

  @Test
  void threeWarmStartedStepsTrainAsWellAsExactSolves() {
    Interactions data = twoCommunities(200, 60, 7);
    Map<String, String> base = Map.of("factors", "8", "iterations", "10", "alpha", "2");
    ImplicitAlsModel viaCg = als(base).fit(data, TrainingListener.NONE);
    var exactParams = new java.util.HashMap<>(base);
    exactParams.put("solver", "cholesky");
    ImplicitAlsModel viaCholesky = als(exactParams).fit(data, TrainingListener.NONE);
    // Same data, same seed: users of either community get their own half first, either way.
    for (ImplicitAlsModel model : new ImplicitAlsModel[] {viaCg, viaCholesky}) {
      assertThat(ownHalfShare(model, data)).isGreaterThan(0.95);
    }
  }

  /** Share of top-10 recommendations (excluding seen) that fall in the user's own half. */
  private static double ownHalfShare(ImplicitAlsModel model, Interactions data) {
    float[] scores = new float[data.items()];
    int own = 0;
    int total = 0;
    for (int u = 0; u < data.users(); u++) {
      UserProfile p = data.profile(u);
      model.score(p, scores);
      int[] seen = p.items();
      int[] top =
          TopN.select(scores, data.items(), 10, 0, i -> java.util.Arrays.binarySearch(seen, i) < 0);
      for (int i : top) {
        own += (i < data.items() / 2) == (u % 2 == 0) ? 1 : 0;
        total++;
      }
    }
    return (double) own / total;
  }

  @Test
  void foldInOfABrandNewUserFollowsWhatTheyEngagedWith() {
    Interactions data = twoCommunities(200, 60, 8);
    ImplicitAlsModel model =
        als(Map.of("factors", "8", "iterations", "10")).fit(data, TrainingListener.NONE);
    float[] scores = new float[data.items()];
    // No history: the zero vector, every score 0.
    model.score(UserProfile.ofItems(), scores);
    for (float s : scores) {
      assertThat(s).isZero();
    }
    // Three items from the second half: the second half now leads the ranking.
    UserProfile newUser = UserProfile.ofItems(31, 40, 55);
    model.score(newUser, scores);
    int[] top = TopN.select(scores, data.items(), 10, 0, i -> i != 31 && i != 40 && i != 55);
    for (int i : top) {
      assertThat(i).isGreaterThanOrEqualTo(30);
    }
  }

  @Test
  void aDislikePushesTheItemDown() {
    Interactions data = twoCommunities(200, 60, 14);
    ImplicitAlsModel model = als(Map.of("factors", "8")).fit(data, TrainingListener.NONE);
    float[] liked = new float[data.items()];
    float[] withDislike = new float[data.items()];
    model.score(UserProfile.ofItems(31, 40), liked);
    int best = TopN.select(liked, data.items(), 1, 0, i -> i != 31 && i != 40)[0];
    assertThat(liked[best]).isPositive();
    // Preference 0 with high confidence on the item the user would have been shown first.
    model.score(new UserProfile(-1, new int[] {31, 40, best}, new float[] {1, 1, -4}), withDislike);
    assertThat(withDislike[best]).isLessThan(liked[best] * 0.8f);
  }

  @ParameterizedTest(name = "weighted_reg={0}")
  @ValueSource(strings = {"false", "true"})
  void foldInIsTheTrainersExactUserStep(String weightedReg) {
    Interactions data = twoCommunities(100, 40, 9);
    ImplicitAlsRecommender trainer =
        als(
            Map.of(
                "factors", "6",
                "iterations", "5",
                "alpha", "1.5",
                "reg", "0.3",
                "weighted_reg", weightedReg));
    ImplicitAlsModel model = trainer.fit(data, TrainingListener.NONE);
    int k = model.factors();
    float[] users = new float[data.users() * k];
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      double[] gram = trainer.gram(pool, model.itemFactors(), data.items());
      var s = new ImplicitAlsRecommender.Scratch(k);
      for (int u = 0; u < data.users(); u++) {
        trainer.solveRowExact(data.byUser(), u, users, model.itemFactors(), gram, s);
      }
    }
    for (int u = 0; u < data.users(); u++) {
      float[] x = model.foldIn(data.profile(u));
      for (int d = 0; d < k; d++) {
        assertThat(x[d]).as("user %d factor %d", u, d).isCloseTo(users[u * k + d], within(1e-4f));
      }
    }
    assertThat(model.similarity(0, 1)).isBetween(-1f, 1f);
  }

  @Test
  void trainingIsDeterministicForASeedAndThreadCount() {
    Interactions data = twoCommunities(80, 30, 10);
    var p = Map.of("factors", "4", "iterations", "3", "threads", "2", "seed", "11");
    float[] a = als(p).fit(data, TrainingListener.NONE).itemFactors();
    float[] b = als(p).fit(data, TrainingListener.NONE).itemFactors();
    assertThat(a).containsExactly(b);
  }

  @Test
  void aModelFromForeignItemFactorsFoldsInLikeTheTrainersOwn() {
    Interactions data = twoCommunities(40, 30, 9);
    Map<String, String> p = Map.of("factors", "6", "iterations", "4", "reg", "0.5", "alpha", "2");
    ImplicitAlsModel own = als(p).fit(data, TrainingListener.NONE);
    ImplicitAlsModel fixed =
        ImplicitAlsModel.fromItemFactors(data.items(), 6, own.itemFactors(), 2f, 0.5f, false);
    UserProfile profile = new UserProfile(-1, new int[] {1, 4, 7}, new float[] {1, 2, 1});
    float[] expected = own.foldIn(profile);
    float[] actual = fixed.foldIn(profile);
    for (int r = 0; r < 6; r++) {
      assertThat(actual[r]).isCloseTo(expected[r], within(1e-4f));
    }
    // Spark's weighted-λ: three positive items mean λ·3.
    ImplicitAlsModel weighted =
        ImplicitAlsModel.fromItemFactors(data.items(), 6, own.itemFactors(), 2f, 0.5f, true);
    ImplicitAlsModel tripled =
        ImplicitAlsModel.fromItemFactors(data.items(), 6, own.itemFactors(), 2f, 1.5f, false);
    float[] w = weighted.foldIn(profile);
    float[] t = tripled.foldIn(profile);
    for (int r = 0; r < 6; r++) {
      assertThat(w[r]).isCloseTo(t[r], within(1e-5f));
    }
  }

  @Test
  void recencyFoldsInThePreWeightedProfile() {
    Interactions data = twoCommunities(80, 30, 11);
    Map<String, String> p = Map.of("factors", "6", "iterations", "4", "threads", "1");
    ImplicitAlsModel plain = als(p).fit(data, TrainingListener.NONE);
    Map<String, String> withRecency = new java.util.HashMap<>(p);
    withRecency.put("recency_half_life", "1.5");
    ImplicitAlsModel recent = als(withRecency).fit(data, TrainingListener.NONE);
    UserProfile timed =
        new UserProfile(
            -1, new int[] {2, 5, 9, 20}, new float[] {1, 3, 1, 2}, new long[] {40, 10, 30, 20});
    UserProfile weighted =
        new UserProfile(-1, timed.items(), timed.recencyWeighted(1.5)); // what recency means
    assertThat(recent.foldIn(timed)).containsExactly(plain.foldIn(weighted));
    assertThat(recent.foldIn(timed)).isNotEqualTo(plain.foldIn(timed));
  }
}
