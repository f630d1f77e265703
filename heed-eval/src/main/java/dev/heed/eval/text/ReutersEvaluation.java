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
 * probability is at least one half. Scored by {@link MultiLabelMetrics}.
 */
public final class ReutersEvaluation {
  private ReutersEvaluation() {}

  /** The metrics of the test documents; {@code log} gets progress lines. */
  public static Map<String, Double> run(ReutersDataset data, long seed, Consumer<String> log) {
    List<Set<String>> predicted = new ArrayList<>();
    data.test().forEach(d -> predicted.add(new HashSet<>()));
    for (String label : data.labels()) {
      List<LabeledText> rows = new ArrayList<>(data.train().size());
      for (ReutersDataset.Doc d : data.train()) {
        rows.add(new LabeledText(d.text(), d.topics().contains(label) ? "yes" : "no"));
      }
      TextClassifier c = new TextClassifierTrainer(seed, line -> {}).train(rows, null, null);
      int yes = c.labels().indexOf("yes");
      int hits = 0;
      for (int i = 0; i < data.test().size(); i++) {
        if (c.probabilities(data.test().get(i).text(), null)[yes] >= 0.5) {
          predicted.get(i).add(label);
          hits++;
        }
      }
      log.accept(label + ": " + hits + " test documents predicted");
    }
    return MultiLabelMetrics.of(
        data.labels(), data.test().stream().map(ReutersDataset.Doc::topics).toList(), predicted);
  }
}
