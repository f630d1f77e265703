package dev.heed.eval.text;

import dev.heed.text.classify.LabeledText;
import dev.heed.text.classify.TextClassifier;
import dev.heed.text.classify.TextClassifierTrainer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Multi-label topics one-vs-rest: per label, the trainable text classifier (n-gram NB-LR) learns
 * "yes" against "no" on the training documents; a test document gets every label whose "yes"
 * probability reaches the label's threshold. Each threshold is chosen per label (SCut, Yang 2001):
 * the model is first fitted on 90% of the training documents (the first of their {@link
 * SeededPermutation}) and the threshold of the grid {@link #THRESHOLDS} with the best F1 on the
 * other 10% is kept (ties: the one nearest 0.5); then the model is refitted on all of them. Scored
 * by {@link MultiLabelMetrics}.
 */
public final class ReutersEvaluation {
  /** The thresholds tried per label. */
  static final double[] THRESHOLDS = {0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7};

  private ReutersEvaluation() {}

  /**
   * The metrics of the test documents; {@code tuneThresholds} false keeps 0.5 for every label;
   * {@code log} gets progress lines.
   */
  public static Map<String, Double> run(
      ReutersDataset data, long seed, boolean tuneThresholds, Consumer<String> log) {
    List<Set<String>> predicted = new ArrayList<>();
    data.test().forEach(d -> predicted.add(new HashSet<>()));
    int[] order = SeededPermutation.of(data.train().size(), seed);
    int cut = data.train().size() - data.train().size() / 10;
    for (String label : data.labels()) {
      List<LabeledText> rows = new ArrayList<>(data.train().size());
      for (ReutersDataset.Doc d : data.train()) {
        rows.add(new LabeledText(d.text(), d.topics().contains(label) ? "yes" : "no"));
      }
      double threshold = 0.5;
      if (tuneThresholds) {
        List<LabeledText> fit = new ArrayList<>(cut);
        List<LabeledText> held = new ArrayList<>(rows.size() - cut);
        for (int i = 0; i < order.length; i++) {
          (i < cut ? fit : held).add(rows.get(order[i]));
        }
        threshold = bestThreshold(fit, held, seed);
      }
      TextClassifier c = new TextClassifierTrainer(seed, line -> {}).train(rows, null, null);
      int yes = c.labels().indexOf("yes");
      int hits = 0;
      for (int i = 0; i < data.test().size(); i++) {
        if (c.probabilities(data.test().get(i).text(), null)[yes] >= threshold) {
          predicted.get(i).add(label);
          hits++;
        }
      }
      log.accept(label + ": threshold " + threshold + ", " + hits + " test documents predicted");
    }
    return MultiLabelMetrics.of(
        data.labels(), data.test().stream().map(ReutersDataset.Doc::topics).toList(), predicted);
  }

  /** The threshold of the grid whose F1 on {@code held} is best for a model fitted on fit. */
  static double bestThreshold(List<LabeledText> fit, List<LabeledText> held, long seed) {
    if (fit.stream().map(LabeledText::label).distinct().count() < 2
        || held.stream().noneMatch(t -> t.label().equals("yes"))) {
      return 0.5; // nothing to choose on
    }
    TextClassifier c = new TextClassifierTrainer(seed, line -> {}).train(fit, null, null);
    int yes = c.labels().indexOf("yes");
    double[] p = new double[held.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = c.probabilities(held.get(i).text(), null)[yes];
    }
    boolean[] truth = new boolean[held.size()];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = held.get(i).label().equals("yes");
    }
    return chooseThreshold(p, truth);
  }

  /**
   * The threshold of {@link #THRESHOLDS} with the best F1 when {@code p[i] >= t} says yes; ties go
   * to the one nearest 0.5.
   */
  static double chooseThreshold(double[] p, boolean[] truth) {
    double best = 0.5;
    double bestF1 = -1;
    for (double t : THRESHOLDS) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (int i = 0; i < p.length; i++) {
        boolean said = p[i] >= t;
        tp += truth[i] && said ? 1 : 0;
        fp += !truth[i] && said ? 1 : 0;
        fn += truth[i] && !said ? 1 : 0;
      }
      double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
      if (f1 > bestF1 + 1e-12
          || (Math.abs(f1 - bestF1) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
        best = t;
        bestF1 = f1;
      }
    }
    return best;
  }
}
