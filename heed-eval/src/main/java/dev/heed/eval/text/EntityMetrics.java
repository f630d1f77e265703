package dev.heed.eval.text;

import dev.heed.eval.text.NerDataset.Span;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Entity-level precision, recall and F1 as in CoNLL's conlleval: a predicted entity counts only if
 * a gold entity of the same sentence has the same start, end and type; micro-averaged over all
 * entities, and per type. Add one sentence at a time.
 */
public final class EntityMetrics {
  private final Map<String, int[]> counts = new LinkedHashMap<>(); // type -> {tp, fp, fn}

  public EntityMetrics() {
    for (String t : NerDataset.TYPES) {
      counts.put(t, new int[3]);
    }
  }

  /** Counts one sentence's gold and predicted entities (duplicates count once). */
  public void add(Collection<Span> gold, Collection<Span> predicted) {
    Set<Span> g = new HashSet<>(gold);
    Set<Span> p = new HashSet<>(predicted);
    for (Span s : p) {
      counts.computeIfAbsent(s.type(), k -> new int[3])[g.contains(s) ? 0 : 1]++;
    }
    for (Span s : g) {
      if (!p.contains(s)) {
        counts.computeIfAbsent(s.type(), k -> new int[3])[2]++;
      }
    }
  }

  /** Gold entities counted so far. */
  public int gold() {
    return counts.values().stream().mapToInt(c -> c[0] + c[2]).sum();
  }

  /** Predicted entities counted so far. */
  public int predicted() {
    return counts.values().stream().mapToInt(c -> c[0] + c[1]).sum();
  }

  /** Predicted entities that match a gold one. */
  public int correct() {
    return counts.values().stream().mapToInt(c -> c[0]).sum();
  }

  /**
   * {"precision", "recall", "f1"} over all entities, then {"precision_T", "recall_T", "f1_T"} for
   * each type T, as fractions (0 when undefined).
   */
  public Map<String, Double> metrics() {
    Map<String, Double> out = new LinkedHashMap<>();
    put(out, "", correct(), predicted(), gold());
    counts.forEach((type, c) -> put(out, "_" + type, c[0], c[0] + c[1], c[0] + c[2]));
    return out;
  }

  private static void put(Map<String, Double> out, String suffix, int tp, int pred, int gold) {
    double p = pred == 0 ? 0 : (double) tp / pred;
    double r = gold == 0 ? 0 : (double) tp / gold;
    out.put("precision" + suffix, p);
    out.put("recall" + suffix, r);
    out.put("f1" + suffix, p + r == 0 ? 0 : 2 * p * r / (p + r));
  }
}
