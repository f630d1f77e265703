package dev.heed.eval.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Micro- and macro-averaged precision, recall and F1 of predicted label sets against true ones,
 * over a fixed list of labels (micro: true and false positives and negatives pooled over labels).
 */
public final class MultiLabelMetrics {
  private MultiLabelMetrics() {}

  /**
   * {"micro_f1", "micro_precision", "micro_recall", "macro_f1"} and "f1_LABEL" for aligned lists of
   * true and predicted label sets.
   */
  public static Map<String, Double> of(
      List<String> labels, List<Set<String>> truth, List<Set<String>> predicted) {
    if (truth.size() != predicted.size() || truth.isEmpty()) {
      throw new IllegalArgumentException("need as many predictions as documents, and some");
    }
    long tp = 0;
    long fp = 0;
    long fn = 0;
    double macro = 0;
    Map<String, Double> perLabel = new LinkedHashMap<>();
    for (String l : labels) {
      long a = 0;
      long b = 0;
      long c = 0;
      for (int i = 0; i < truth.size(); i++) {
        boolean t = truth.get(i).contains(l);
        boolean p = predicted.get(i).contains(l);
        if (t && p) {
          a++;
        } else if (p) {
          b++;
        } else if (t) {
          c++;
        }
      }
      tp += a;
      fp += b;
      fn += c;
      double f1 = a == 0 ? 0 : 2.0 * a / (2 * a + b + c);
      macro += f1;
      perLabel.put("f1_" + l, f1);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("micro_f1", tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn));
    out.put("micro_precision", tp + fp == 0 ? 0 : (double) tp / (tp + fp));
    out.put("micro_recall", tp + fn == 0 ? 0 : (double) tp / (tp + fn));
    out.put("macro_f1", macro / labels.size());
    out.putAll(perLabel);
    return out;
  }
}
