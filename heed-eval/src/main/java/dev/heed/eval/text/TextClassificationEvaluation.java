package dev.heed.eval.text;

import dev.heed.text.classify.LabeledText;
import dev.heed.text.classify.TextClassifier;
import dev.heed.text.classify.TextClassifierTrainer;
import dev.heed.text.classify.ZeroShotClassifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Trains a text classifier and measures accuracy and macro-F1 on a test set: the one given, the
 * data set's official one, or the seeded 80/20 split of {@link SeededPermutation}, which also gets
 * a 5-fold cross-validation over the same permutation.
 */
public final class TextClassificationEvaluation {
  /** Figures of one evaluation; {@code cv} maps metric to {mean, sample std} over 5 folds. */
  public record Result(
      int nTrain,
      int nTest,
      String split,
      Map<String, Double> metrics,
      Map<String, double[]> cv,
      double ngramShare,
      int vocabulary,
      double seconds) {}

  private TextClassificationEvaluation() {}

  /** Training and test texts, how they were split, and the permutation of a seeded split. */
  private record Sets(List<LabeledText> train, List<LabeledText> test, String split, int[] perm) {}

  /** The test set: the one given, the data set's official one, or the seeded 80/20 split. */
  private static Sets sets(TextDataset data, List<LabeledText> test, long seed) {
    if (test != null) {
      return new Sets(data.rows(), test, "given", null);
    }
    if (data.test() != null) {
      return new Sets(data.rows(), data.test(), "official", null);
    }
    int[] perm = SeededPermutation.of(data.rows().size(), seed);
    int cut = (int) Math.floor(0.8 * perm.length);
    return new Sets(
        pick(data.rows(), perm, 0, cut),
        pick(data.rows(), perm, cut, perm.length),
        "seeded-80-20",
        perm);
  }

  /**
   * Evaluates on {@code data} (and {@code test}, when given); {@code embed} returns one vector per
   * text of a list (null: n-grams only).
   */
  public static Result run(
      TextDataset data,
      List<LabeledText> test,
      long seed,
      Function<List<String>, List<float[]>> embed,
      String embedderName,
      Consumer<String> log) {
    return run(data, test, seed, embed, embedderName, log, true, 1);
  }

  /** As {@link #run} without the 5-fold cross-validation: one fit, one test. */
  public static Result runWithoutFolds(
      TextDataset data,
      List<LabeledText> test,
      long seed,
      Function<List<String>, List<float[]>> embed,
      String embedderName,
      Consumer<String> log) {
    return run(data, test, seed, embed, embedderName, log, false, 1);
  }

  /**
   * As {@link #run}, with the 5-fold cross-validation when {@code folds}, and that many of the
   * embedding model's top layers tuned as a member of the classifier ({@link
   * TextClassifierTrainer}).
   */
  public static Result run(
      TextDataset data,
      List<LabeledText> test,
      long seed,
      Function<List<String>, List<float[]>> embed,
      String embedderName,
      Consumer<String> log,
      boolean folds,
      int tunedLayers) {
    long start = System.nanoTime();
    Sets sets = sets(data, test, seed);
    List<LabeledText> train = sets.train();
    test = sets.test();
    String split = sets.split();
    int[] perm = sets.perm();
    if (train.isEmpty() || test.isEmpty()) {
      throw new IllegalArgumentException("the training and the test set both need texts");
    }
    // Embed every text once, up front; the folds reuse the vectors.
    List<LabeledText> everything = perm != null ? data.rows() : concat(train, test);
    List<float[]> vectors =
        embed == null ? null : embed.apply(everything.stream().map(LabeledText::text).toList());
    List<float[]> trainVectors;
    List<float[]> testVectors;
    if (perm != null) {
      int cut = (int) Math.floor(0.8 * perm.length);
      trainVectors = vectors == null ? null : pick(vectors, perm, 0, cut);
      testVectors = vectors == null ? null : pick(vectors, perm, cut, perm.length);
    } else {
      trainVectors = vectors == null ? null : vectors.subList(0, train.size());
      testVectors = vectors == null ? null : vectors.subList(train.size(), vectors.size());
    }
    TextClassifier model =
        new TextClassifierTrainer(seed, log, false, tunedLayers)
            .train(train, trainVectors, embedderName);
    Map<String, Double> metrics = score(model, test, testVectors);
    log.accept("test: " + metrics);
    Map<String, double[]> cv = new LinkedHashMap<>();
    if (perm != null && folds) {
      List<Map<String, Double>> foldMetrics = new ArrayList<>();
      int n = perm.length;
      int cut = (int) Math.floor(0.8 * n);
      for (int k = 0; k < 5; k++) {
        int from = (int) Math.floor((double) k * n / 5);
        int to = (int) Math.floor((double) (k + 1) * n / 5);
        if (from == cut && to == n) {
          // Fold 5 trains on perm[:cut] in that order and tests on perm[cut:]: the 80/20 fit.
          log.accept("fold " + (k + 1) + "/5 (the 80/20 split): " + metrics);
          foldMetrics.add(metrics);
          continue;
        }
        List<LabeledText> foldTrain =
            concat(pick(data.rows(), perm, 0, from), pick(data.rows(), perm, to, n));
        List<float[]> foldTrainVectors =
            vectors == null
                ? null
                : concat(pick(vectors, perm, 0, from), pick(vectors, perm, to, n));
        TextClassifier foldModel =
            new TextClassifierTrainer(seed, s -> {}, false, tunedLayers)
                .train(foldTrain, foldTrainVectors, embedderName);
        Map<String, Double> m =
            score(
                foldModel,
                pick(data.rows(), perm, from, to),
                vectors == null ? null : pick(vectors, perm, from, to));
        log.accept("fold " + (k + 1) + "/5: " + m);
        foldMetrics.add(m);
      }
      for (String metric : metrics.keySet()) {
        double[] xs = foldMetrics.stream().mapToDouble(m -> m.get(metric)).toArray();
        double mean = java.util.Arrays.stream(xs).average().orElse(0);
        double ss = 0;
        for (double x : xs) {
          ss += (x - mean) * (x - mean);
        }
        cv.put(metric, new double[] {mean, Math.sqrt(ss / (xs.length - 1))});
      }
    }
    return new Result(
        train.size(),
        test.size(),
        split,
        metrics,
        cv,
        model.ngramShare(),
        model.vocabularySize(),
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Zero-shot: no training; each label of the test set is described by {@code descriptions} (for
   * sentiment, the default positive/negative descriptions; for topics, the label's own name), and
   * the test texts are classified by embedding similarity. Same test set as {@link #run}.
   */
  public static Result zeroShot(
      TextDataset data,
      List<LabeledText> test,
      long seed,
      Function<List<String>, List<float[]>> embed,
      ZeroShotClassifier classifier,
      Map<String, String> labelOfClass) {
    long start = System.nanoTime();
    Sets sets = sets(data, test, seed);
    test = sets.test();
    String split = sets.split();
    List<float[]> vectors = embed.apply(test.stream().map(LabeledText::text).toList());
    List<String> truth = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      double[] p = classifier.probabilities(vectors.get(i));
      int best = 0;
      for (int k = 1; k < p.length; k++) {
        if (p[k] > p[best]) {
          best = k;
        }
      }
      truth.add(test.get(i).label());
      predicted.add(labelOfClass.get(classifier.labels().get(best)));
    }
    return new Result(
        0,
        test.size(),
        split,
        ClassificationMetrics.of(truth, predicted),
        Map.of(),
        0,
        0,
        (System.nanoTime() - start) / 1e9);
  }

  /** The training part of the seeded 80/20 split of {@code rows} (what {@link #run} trains on). */
  public static List<LabeledText> seededTrainPart(List<LabeledText> rows, long seed) {
    int[] perm = SeededPermutation.of(rows.size(), seed);
    return pick(rows, perm, 0, (int) Math.floor(0.8 * perm.length));
  }

  /** A trained model measured on the test set (as in {@link #run}, without training or folds). */
  public static Result pretrained(
      TextDataset data,
      List<LabeledText> test,
      long seed,
      Function<List<String>, List<float[]>> embed,
      TextClassifier model) {
    long start = System.nanoTime();
    Sets sets = sets(data, test, seed);
    test = sets.test();
    String split = sets.split();
    List<float[]> vectors =
        model.embedderName() == null
            ? null
            : embed.apply(test.stream().map(LabeledText::text).toList());
    return new Result(
        0,
        test.size(),
        split,
        score(model, test, vectors),
        Map.of(),
        model.ngramShare(),
        model.vocabularySize(),
        (System.nanoTime() - start) / 1e9);
  }

  private static Map<String, Double> score(
      TextClassifier model, List<LabeledText> test, List<float[]> vectors) {
    List<String> truth = new ArrayList<>(test.size());
    List<String> predicted = new ArrayList<>(test.size());
    // Texts side by side: a tuned-layer model runs the embedding model again per text.
    double[][] probabilities =
        java.util.stream.IntStream.range(0, test.size())
            .parallel()
            .mapToObj(
                i ->
                    model.probabilities(
                        test.get(i).text(), vectors == null ? null : vectors.get(i)))
            .toArray(double[][]::new);
    for (int i = 0; i < test.size(); i++) {
      double[] p = probabilities[i];
      int best = 0;
      for (int k = 1; k < p.length; k++) {
        if (p[k] > p[best]) {
          best = k;
        }
      }
      truth.add(test.get(i).label());
      predicted.add(model.labels().get(best));
    }
    return ClassificationMetrics.of(truth, predicted);
  }

  private static <T> List<T> pick(List<T> rows, int[] perm, int from, int to) {
    List<T> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(rows.get(perm[i]));
    }
    return out;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a);
    out.addAll(b);
    return out;
  }
}
