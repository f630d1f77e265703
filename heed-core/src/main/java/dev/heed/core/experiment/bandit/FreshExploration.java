package dev.heed.core.experiment.bandit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Exploration of fresh items in a feed page: a share of the page's slots goes to fresh items (few
 * impressions yet) chosen by Thompson sampling on their click counts, so a new item gets shown, and
 * keeps being shown only while its clicks say it might be good.
 */
public final class FreshExploration {
  private FreshExploration() {}

  /** A fresh item and the impressions and clicks it has had so far. */
  public record Candidate(String id, long impressions, long clicks) {
    public Candidate {
      if (impressions < 0 || clicks < 0 || clicks > impressions) {
        throw new IllegalArgumentException(
            "candidate "
                + id
                + " needs 0 <= clicks <= impressions, got "
                + clicks
                + "/"
                + impressions);
      }
    }
  }

  /**
   * The page {@code exploited} (ranked, best first) with about {@code share} of its slots given to
   * fresh candidates. The number of fresh slots is share × page size, its fraction rounded up with
   * that probability (so small pages keep the share on average); the slots are at random positions,
   * filled with the candidates whose posterior draws are highest, best draw first; the exploited
   * items keep their order and the last ones fall off. Candidates already on the page, and repeated
   * candidates, are shown at most once. Deterministic for a given state of {@code random}.
   */
  public static List<String> interleave(
      List<String> exploited,
      List<Candidate> fresh,
      double share,
      ThompsonSampling sampler,
      UniformRandomProvider random) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("exploration share must be in [0, 1], got " + share);
    }
    List<String> page = List.copyOf(new LinkedHashSet<>(exploited));
    Set<String> onPage = Set.copyOf(page);
    Map<String, Candidate> eligible = new LinkedHashMap<>();
    for (Candidate c : fresh) {
      if (!onPage.contains(c.id())) {
        eligible.putIfAbsent(c.id(), c);
      }
    }
    int n = page.size();
    double wanted = share * n;
    int k = (int) wanted + (random.nextDouble() < wanted - (int) wanted ? 1 : 0);
    k = Math.min(k, eligible.size());
    if (k == 0) {
      return page;
    }
    // Thompson sampling: one posterior draw per candidate, the k highest win.
    List<Candidate> candidates = new ArrayList<>(eligible.values());
    double[] draws = new double[candidates.size()];
    for (int i = 0; i < draws.length; i++) {
      Candidate c = candidates.get(i);
      draws[i] = sampler.sample(new ArmStats.Counts(c.impressions(), c.clicks()), random);
    }
    Integer[] order = new Integer[draws.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(
        order, Comparator.comparingDouble((Integer i) -> -draws[i]).thenComparingInt(i -> i));
    // k distinct slots, uniformly at random (a partial Fisher-Yates shuffle of the positions).
    int[] positions = new int[n];
    Arrays.setAll(positions, i -> i);
    boolean[] explore = new boolean[n];
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int p = positions[j];
      positions[j] = positions[i];
      positions[i] = p;
      explore[p] = true;
    }
    List<String> out = new ArrayList<>(n);
    int nextFresh = 0;
    int nextExploited = 0;
    for (int slot = 0; slot < n; slot++) {
      out.add(explore[slot] ? candidates.get(order[nextFresh++]).id() : page.get(nextExploited++));
    }
    return out;
  }
}
