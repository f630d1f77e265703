package dev.heed.eval.text;

import com.hankcs.hanlp.HanLP;
import dev.heed.text.analyze.Summarizer;
import dev.heed.text.analyze.TextDocument;
import dev.heed.text.embed.TextEmbedder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Scores extractive summaries against human reference summaries with ROUGE-1, ROUGE-2 and ROUGE-L
 * F1 at the character level (letters and digits; punctuation and spaces dropped), as Chinese
 * summaries are usually scored, averaged over the pairs whose reference people scored {@link
 * SummaryDataset#MIN_SCORE} or more. Ways: Heed's {@link Summarizer} held to one sentence; the
 * pipeline's summary as {@code POST /v1/analyze} returns it (three sentences); the first sentence;
 * HanLP's TextRank sentence; and the best single sentence by ROUGE (an upper bound for one
 * extracted sentence).
 */
public final class SummaryEvaluation {
  /** The ways, in the order they are reported. */
  public static final List<String> MODES =
      List.of("heed", "engine_3_sentences", "lead", "textrank", "oracle");

  /** The metrics of each way. */
  public static final List<String> METRICS = List.of("rouge-1", "rouge-2", "rouge-l");

  // HanLP's TextRank splits at its default clause marks (commas too); these are sentence ends, as
  // the Chinese tokenizer splits, so that every way picks from whole sentences.
  private static final String SENTENCE_ENDS = "[。？?！!；;…]";

  private SummaryEvaluation() {}

  /**
   * The pairs that are scored: those whose reference has a score of at least {@link
   * SummaryDataset#MIN_SCORE}.
   */
  public static List<SummaryDataset.Pair> scored(SummaryDataset data) {
    return data.pairs().stream()
        .filter(
            p ->
                p.score() >= SummaryDataset.MIN_SCORE
                    && !p.summary().isBlank()
                    && !p.text().isBlank())
        .toList();
  }

  /**
   * Mean ROUGE F1 per way and metric over {@code pairs}; summaries embed with {@code embedder} (the
   * item embedding), {@code progress} gets the pairs done.
   */
  public static Map<String, Map<String, Double>> run(
      List<SummaryDataset.Pair> pairs, TextEmbedder embedder, IntConsumer progress) {
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("no text with a reference summary to score");
    }
    Summarizer one = new Summarizer(1, 0.7);
    Summarizer engine = Summarizer.engine();
    double[][] sums = new double[MODES.size()][METRICS.size()];
    for (int i = 0; i < pairs.size(); i++) {
      SummaryDataset.Pair pair = pairs.get(i);
      TextDocument doc = new TextDocument(pair.text(), "zh", embedder);
      List<String> sentences = doc.sentences();
      String reference = pair.summary();
      add(sums[0], rouge(String.join("", one.analyze(doc)), reference));
      add(sums[1], rouge(String.join("", engine.analyze(doc)), reference));
      add(sums[2], rouge(sentences.isEmpty() ? "" : sentences.getFirst(), reference));
      add(
          sums[3],
          rouge(String.join("", HanLP.extractSummary(pair.text(), 1, SENTENCE_ENDS)), reference));
      double[] best = new double[METRICS.size()];
      for (String s : sentences) {
        double[] r = rouge(s, reference);
        if (r[0] + r[1] + r[2] > best[0] + best[1] + best[2]) {
          best = r;
        }
      }
      add(sums[4], best);
      progress.accept(i + 1);
    }
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (int m = 0; m < MODES.size(); m++) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (int k = 0; k < METRICS.size(); k++) {
        metrics.put(METRICS.get(k), sums[m][k] / pairs.size());
      }
      out.put(MODES.get(m), metrics);
    }
    return out;
  }

  private static void add(double[] sum, double[] values) {
    for (int k = 0; k < sum.length; k++) {
      sum[k] += values[k];
    }
  }

  /**
   * ROUGE-1, ROUGE-2 and ROUGE-L F1 of {@code candidate} against {@code reference}, by character.
   */
  static double[] rouge(String candidate, String reference) {
    int[] c = characters(candidate);
    int[] r = characters(reference);
    return new double[] {ngramF1(c, r, 1), ngramF1(c, r, 2), f1(lcs(c, r), c.length, r.length)};
  }

  /** The letters and digits of {@code text}, as code points. */
  static int[] characters(String text) {
    return text.codePoints().filter(Character::isLetterOrDigit).toArray();
  }

  private static double ngramF1(int[] c, int[] r, int n) {
    Map<List<Integer>, Integer> counts = new HashMap<>();
    for (int i = 0; i + n <= r.length; i++) {
      counts.merge(gram(r, i, n), 1, Integer::sum);
    }
    int overlap = 0;
    for (int i = 0; i + n <= c.length; i++) {
      List<Integer> g = gram(c, i, n);
      Integer left = counts.get(g);
      if (left != null && left > 0) {
        overlap++;
        counts.put(g, left - 1);
      }
    }
    return f1(overlap, Math.max(0, c.length - n + 1), Math.max(0, r.length - n + 1));
  }

  private static List<Integer> gram(int[] a, int from, int n) {
    Integer[] g = new Integer[n];
    for (int k = 0; k < n; k++) {
      g[k] = a[from + k];
    }
    return List.of(g);
  }

  /** The length of the longest common subsequence. */
  private static int lcs(int[] a, int[] b) {
    int[] prev = new int[b.length + 1];
    int[] cur = new int[b.length + 1];
    for (int x : a) {
      for (int j = 1; j <= b.length; j++) {
        cur[j] = x == b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length];
  }

  /** F1 of {@code hits} out of {@code candidate} predicted and {@code reference} true units. */
  private static double f1(int hits, int candidate, int reference) {
    if (hits == 0) {
      return 0;
    }
    double p = hits / (double) candidate;
    double r = hits / (double) reference;
    return 2 * p * r / (p + r);
  }
}
