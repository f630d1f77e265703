package dev.heed.eval.metrics;

import dev.heed.core.recommend.Interactions;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Full-ranking accuracy and beyond-accuracy metrics, accumulated user by user (thread-safe) and
 * averaged over the evaluated users. With H the held-out items of a user and top-K their ranking:
 *
 * <ul>
 *   <li>recall@K = |top-K ∩ H| / min(K, |H|); hr@K = 1 when top-K ∩ H is not empty;
 *   <li>ndcg@K: binary gains, DCG = Σ 1/log2(rank + 1) over hits, divided by the ideal DCG of
 *       min(K, |H|) hits;
 *   <li>map@K = Σ over hits of precision at the hit's rank, divided by min(K, |H|);
 *   <li>coverage@K: distinct items in anyone's top-K / number of items;
 *   <li>novelty@K: mean self-information −log2(users of item / training users) of recommended
 *       items;
 *   <li>ild@K: intra-list diversity, mean (1 − cosine) between pairs of recommended items' training
 *       user vectors, over at most {@link #ILD_USERS} users spread evenly over the test users.
 * </ul>
 */
public final class RankingMetrics {
  public static final int ILD_USERS = 2000;
  private static final int[] CUTOFFS = {10, 20};

  private final Interactions train;
  private final int ildEvery;
  private final double[] recall = new double[CUTOFFS.length];
  private final double[] ndcg = new double[CUTOFFS.length];
  private final double[] hr = new double[CUTOFFS.length];
  private final double[] map = new double[CUTOFFS.length];
  private final BitSet covered = new BitSet();
  private double novelty;
  private double ild;
  private int ildCount;
  private int users;

  /** {@code testUsers} sets how often intra-list diversity is sampled. */
  public RankingMetrics(Interactions train, int testUsers) {
    this.train = train;
    this.ildEvery = Math.max(1, testUsers / ILD_USERS);
  }

  /** The largest cutoff: rankings must be at least this long (shorter when fewer candidates). */
  public static int depth() {
    return CUTOFFS[CUTOFFS.length - 1];
  }

  /**
   * Adds one user's ranking (best first) against their held-out items (ascending). {@code ordinal}
   * is the user's position among the test users (for the diversity sample).
   */
  public void add(int[] ranking, int[] heldOut, int ordinal) {
    double[] r = new double[CUTOFFS.length];
    double[] n = new double[CUTOFFS.length];
    double[] h = new double[CUTOFFS.length];
    double[] m = new double[CUTOFFS.length];
    for (int c = 0; c < CUTOFFS.length; c++) {
      int k = CUTOFFS[c];
      int hits = 0;
      double dcg = 0;
      double ap = 0;
      for (int rank = 0; rank < Math.min(k, ranking.length); rank++) {
        if (Arrays.binarySearch(heldOut, ranking[rank]) >= 0) {
          hits++;
          dcg += 1 / log2(rank + 2);
          ap += (double) hits / (rank + 1);
        }
      }
      int ideal = Math.min(k, heldOut.length);
      double idcg = 0;
      for (int rank = 0; rank < ideal; rank++) {
        idcg += 1 / log2(rank + 2);
      }
      r[c] = (double) hits / ideal;
      n[c] = dcg / idcg;
      h[c] = hits > 0 ? 1 : 0;
      m[c] = ap / ideal;
    }
    int top = Math.min(depth(), ranking.length);
    double nov = 0;
    for (int rank = 0; rank < top; rank++) {
      int degree = Math.max(1, train.itemDegree(ranking[rank]));
      nov += -log2((double) degree / Math.max(1, train.users()));
    }
    nov = top == 0 ? 0 : nov / top;
    double div = Double.NaN;
    if (ordinal % ildEvery == 0 && top > 1) {
      div = intraListDiversity(ranking, top);
    }
    synchronized (this) {
      for (int c = 0; c < CUTOFFS.length; c++) {
        recall[c] += r[c];
        ndcg[c] += n[c];
        hr[c] += h[c];
        map[c] += m[c];
      }
      for (int rank = 0; rank < top; rank++) {
        covered.set(ranking[rank]);
      }
      novelty += nov;
      if (!Double.isNaN(div)) {
        ild += div;
        ildCount++;
      }
      users++;
    }
  }

  private double intraListDiversity(int[] ranking, int top) {
    double sum = 0;
    int pairs = 0;
    for (int a = 0; a < top; a++) {
      for (int b = a + 1; b < top; b++) {
        sum += 1 - cosine(ranking[a], ranking[b]);
        pairs++;
      }
    }
    return sum / pairs;
  }

  /** Cosine of two items' binary user vectors (rows by item are sorted by user). */
  private double cosine(int a, int b) {
    int pa = train.itemStart(a);
    int ea = train.itemEnd(a);
    int pb = train.itemStart(b);
    int eb = train.itemEnd(b);
    int na = ea - pa;
    int nb = eb - pb;
    if (na == 0 || nb == 0) {
      return 0;
    }
    int common = 0;
    while (pa < ea && pb < eb) {
      int ua = train.itemUser(pa);
      int ub = train.itemUser(pb);
      if (ua == ub) {
        common++;
        pa++;
        pb++;
      } else if (ua < ub) {
        pa++;
      } else {
        pb++;
      }
    }
    return common / Math.sqrt((double) na * nb);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  public synchronized int users() {
    return users;
  }

  /** The averages, keyed like "ndcg@20". */
  public synchronized Map<String, Double> summary() {
    Map<String, Double> out = new LinkedHashMap<>();
    double u = Math.max(1, users);
    int i10 = 0;
    int i20 = 1;
    out.put("recall@20", recall[i20] / u);
    out.put("ndcg@20", ndcg[i20] / u);
    out.put("ndcg@10", ndcg[i10] / u);
    out.put("hr@10", hr[i10] / u);
    out.put("map@20", map[i20] / u);
    out.put("coverage@20", (double) covered.cardinality() / Math.max(1, train.items()));
    out.put("recall@10", recall[i10] / u);
    out.put("hr@20", hr[i20] / u);
    out.put("novelty@20", novelty / u);
    out.put("ild@20", ildCount == 0 ? 0 : ild / ildCount);
    return out;
  }
}
