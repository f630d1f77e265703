package dev.heed.eval.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accuracy and macro-averaged F1 of predicted labels against the true ones. */
public final class ClassificationMetrics {
  private ClassificationMetrics() {}

  /** {"accuracy": .., "macro_f1": ..} for aligned lists of true and predicted labels. */
  public static Map<String, Double> of(List<String> truth, List<String> predicted) {
    if (truth.size() != predicted.size() || truth.isEmpty()) {
      throw new IllegalArgumentException("need as many predictions as labels, and some");
    }
    Map<String, int[]> counts = new LinkedHashMap<>(); // label -> {tp, fp, fn}
    int hits = 0;
    for (int i = 0; i < truth.size(); i++) {
      String t = truth.get(i);
      String p = predicted.get(i);
      counts.computeIfAbsent(t, k -> new int[3]);
      counts.computeIfAbsent(p, k -> new int[3]);
      if (t.equals(p)) {
        hits++;
        counts.get(t)[0]++;
      } else {
        counts.get(p)[1]++;
        counts.get(t)[2]++;
      }
    }
    double f1Sum = 0;
    for (int[] c : counts.values()) {
      int denominator = 2 * c[0] + c[1] + c[2];
      f1Sum += denominator == 0 ? 0 : 2.0 * c[0] / denominator;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("accuracy", (double) hits / truth.size());
    out.put("macro_f1", f1Sum / counts.size());
    return out;
  }
}
