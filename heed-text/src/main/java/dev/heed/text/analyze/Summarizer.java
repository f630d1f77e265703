package dev.heed.text.analyze;

import java.util.ArrayList;
import java.util.List;

/**
 * Extractive summary: sentences ranked by centrality (the sum of their embedding similarity to
 * every other sentence, as in LexRank with sentence embeddings), then picked greedily by maximal
 * marginal relevance so that a near-duplicate of a chosen sentence is not chosen again; returned in
 * text order.
 */
public final class Summarizer implements Analyzer<List<String>> {
  private final int sentences;
  private final double lambda;

  /** The engine's summaries (item analysis, {@code POST /v1/analyze}): up to three sentences. */
  public static Summarizer engine() {
    return new Summarizer(3, 0.7);
  }

  /** Summaries of at most {@code sentences} sentences; {@code lambda} 1 ignores redundancy. */
  public Summarizer(int sentences, double lambda) {
    if (sentences < 1 || !(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("sentences >= 1 and lambda in [0, 1]");
    }
    this.sentences = sentences;
    this.lambda = lambda;
  }

  @Override
  public String task() {
    return "summary";
  }

  @Override
  public List<String> analyze(TextDocument document) {
    List<String> all = document.sentences();
    if (all.size() <= sentences) {
      return List.copyOf(all);
    }
    List<float[]> vectors = document.embedder().embed(all);
    int n = all.size();
    double[][] sim = new double[n][n];
    double[] centrality = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = dot(vectors.get(i), vectors.get(j));
        sim[i][j] = s;
        sim[j][i] = s;
        centrality[i] += s;
        centrality[j] += s;
      }
    }
    double max = 0;
    for (double c : centrality) {
      max = Math.max(max, Math.abs(c));
    }
    boolean[] chosen = new boolean[n];
    List<Integer> picks = new ArrayList<>();
    for (int round = 0; round < sentences; round++) {
      int best = -1;
      double bestScore = -Double.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        if (chosen[i]) {
          continue;
        }
        double redundancy = 0;
        for (int p : picks) {
          redundancy = Math.max(redundancy, sim[i][p]);
        }
        double score = lambda * (max > 0 ? centrality[i] / max : 0) - (1 - lambda) * redundancy;
        if (score > bestScore) {
          bestScore = score;
          best = i;
        }
      }
      chosen[best] = true;
      picks.add(best);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (chosen[i]) {
        out.add(all.get(i));
      }
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
