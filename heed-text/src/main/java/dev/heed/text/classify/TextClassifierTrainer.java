package dev.heed.text.classify;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Trains a {@link TextClassifier}: NB-LR on binary n-grams and, when embeddings are given, logistic
 * regression on them; the regularization of each and the weight of the average are chosen on a
 * seeded 10% validation slice of the training data, then both are refit on all of it. The solvers
 * are LIBLINEAR's (trust-region Newton for L2-regularized logistic regression).
 */
public final class TextClassifierTrainer {
  private static final double[] NGRAM_C = {0.03, 0.1, 0.3, 1};
  // Down to 1/16: bge-small-en's 384-d vectors took the grid's old floor of 1 (chosen on
  // validation).
  private static final double[] EMBEDDING_C = {0.0625, 0.25, 1, 4, 16, 64};
  private static final double EMBEDDING_C_UNTUNED = 4; // under 50 texts: no validation slice
  private static final double NB_ALPHA = 1;

  static {
    Linear.disableDebugOutput();
  }

  private final long seed;
  private final Consumer<String> log;
  private final boolean embeddingsOnly;

  /** A trainer whose validation slice is drawn with {@code seed}; progress lines go to log. */
  public TextClassifierTrainer(long seed, Consumer<String> log) {
    this(seed, log, false);
  }

  /**
   * As above; {@code embeddingsOnly} fits the embedding model alone: a model of a few kilobytes
   * that holds no words of its training texts (what the engine ships as its default).
   */
  public TextClassifierTrainer(long seed, Consumer<String> log, boolean embeddingsOnly) {
    this.seed = seed;
    this.log = log;
    this.embeddingsOnly = embeddingsOnly;
  }

  /**
   * Trains on {@code data}; {@code embeddings} (aligned with data, from the embedder named) may be
   * null for an n-gram-only model.
   */
  public TextClassifier train(List<LabeledText> data, List<float[]> embeddings, String embedder) {
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no training texts");
    }
    if (embeddings != null && embeddings.size() != data.size()) {
      throw new IllegalArgumentException("one embedding per training text is needed");
    }
    List<String> labels =
        List.copyOf(new TreeSet<>(data.stream().map(LabeledText::label).toList()));
    if (labels.size() < 2) {
      throw new IllegalArgumentException("training needs at least two labels, got " + labels);
    }
    Map<String, Integer> labelIndex = new HashMap<>();
    for (int k = 0; k < labels.size(); k++) {
      labelIndex.put(labels.get(k), k);
    }
    int[] y = data.stream().mapToInt(t -> labelIndex.get(t.label())).toArray();
    if (embeddingsOnly) {
      if (embeddings == null) {
        throw new IllegalArgumentException("an embeddings-only model needs the embeddings");
      }
      return embeddingsOnly(labels, y, embeddings, embedder);
    }
    List<Set<String>> features =
        IntStream.range(0, data.size())
            .parallel()
            .mapToObj(i -> NgramFeatures.of(data.get(i).text()))
            .toList();
    Map<String, Integer> vocabulary = vocabulary(features, data.size() >= 1000 ? 2 : 1);
    int[][] x = new int[data.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] =
          features.get(i).stream()
              .map(vocabulary::get)
              .filter(j -> j != null)
              .mapToInt(j -> j)
              .sorted()
              .toArray();
    }
    log.accept(
        "features: "
            + vocabulary.size()
            + " n-grams over "
            + data.size()
            + " texts, "
            + labels.size()
            + " labels");

    double ngramC = NGRAM_C[1];
    double embeddingC = EMBEDDING_C_UNTUNED;
    double share = embeddings == null ? 1 : 0.5;
    int n = data.size();
    if (n >= 50) {
      int[][] slices = holdout(n);
      int[] fit = slices[0];
      int[] val = slices[1];
      double[][][] ngramProbs = new double[NGRAM_C.length][][];
      int[][] xFit = pick(x, fit);
      int[] yFit = pick(y, fit);
      int[][] xVal = pick(x, val);
      // The grid's fits are independent: run them side by side.
      IntStream.range(0, NGRAM_C.length)
          .parallel()
          .forEach(
              c ->
                  ngramProbs[c] =
                      nbLogistic(xFit, yFit, labels.size(), vocabulary.size(), NGRAM_C[c])
                          .probabilities(xVal, labels.size()));
      int bestNgram = best(ngramProbs, pick(y, val));
      ngramC = NGRAM_C[bestNgram];
      log.accept(
          "n-gram model: C="
              + ngramC
              + ", validation accuracy "
              + percent(accuracy(ngramProbs[bestNgram], pick(y, val))));
      if (embeddings != null) {
        EmbeddingChoice choice = chooseEmbeddingC(embeddings, y, fit, val, labels.size());
        embeddingC = choice.c();
        share = bestShare(ngramProbs[bestNgram], choice.probabilities(), pick(y, val));
        log.accept(
            "ensemble: validation accuracy "
                + percent(
                    accuracy(
                        blend(ngramProbs[bestNgram], choice.probabilities(), share),
                        pick(y, val))));
      }
    }
    LinearModel ngram = nbLogistic(x, y, labels.size(), vocabulary.size(), ngramC);
    LinearModel embedding = null;
    if (embeddings != null) {
      embedding = denseLogistic(embeddings, y, labels.size(), embeddingC);
      log.accept("ensemble: n-gram share " + share);
    }
    return new TextClassifier(
        labels,
        vocabulary,
        ngram.weights,
        ngram.bias,
        embedder,
        embedding == null ? null : embedding.weights,
        embedding == null ? null : embedding.bias,
        share);
  }

  private TextClassifier embeddingsOnly(
      List<String> labels, int[] y, List<float[]> embeddings, String embedder) {
    double c = EMBEDDING_C_UNTUNED;
    int n = y.length;
    if (n >= 50) {
      int[][] slices = holdout(n);
      c = chooseEmbeddingC(embeddings, y, slices[0], slices[1], labels.size()).c();
    }
    LinearModel m = denseLogistic(embeddings, y, labels.size(), c);
    int models = LinearScores.models(labels.size());
    return new TextClassifier(
        labels, Map.of(), new float[models][0], new float[models], embedder, m.weights, m.bias, 0);
  }

  /** The chosen C of the embedding model and its validation probabilities. */
  private record EmbeddingChoice(double c, double[][] probabilities) {}

  /** Fits the embedding model for every C of the grid (side by side) and keeps the best. */
  private EmbeddingChoice chooseEmbeddingC(
      List<float[]> embeddings, int[] y, int[] fit, int[] val, int classes) {
    double[][][] probs = new double[EMBEDDING_C.length][][];
    List<float[]> eFit = pick(embeddings, fit);
    List<float[]> eVal = pick(embeddings, val);
    int[] yFit = pick(y, fit);
    IntStream.range(0, EMBEDDING_C.length)
        .parallel()
        .forEach(
            k ->
                probs[k] =
                    denseLogistic(eFit, yFit, classes, EMBEDDING_C[k])
                        .denseProbabilities(eVal, classes));
    int best = best(probs, pick(y, val));
    log.accept(
        "embedding model: C="
            + EMBEDDING_C[best]
            + ", validation accuracy "
            + percent(accuracy(probs[best], pick(y, val))));
    return new EmbeddingChoice(EMBEDDING_C[best], probs[best]);
  }

  /** A seeded shuffle of 0..n-1 cut into {fit, validation}: the last tenth validates. */
  private int[][] holdout(int n) {
    int[] order = IntStream.range(0, n).toArray();
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int cut = n - Math.max(1, n / 10);
    return new int[][] {Arrays.copyOfRange(order, 0, cut), Arrays.copyOfRange(order, cut, n)};
  }

  /** Weights and biases of one logistic model per class (one for two classes). */
  private record LinearModel(float[][] weights, float[] bias) {
    double[][] probabilities(int[][] x, int classes) {
      double[][] out = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        double[] s = new double[weights.length];
        for (int m = 0; m < s.length; m++) {
          double dot = bias[m];
          for (int j : x[i]) {
            dot += weights[m][j];
          }
          s[m] = dot;
        }
        out[i] = LinearScores.probabilities(s, classes);
      }
      return out;
    }

    double[][] denseProbabilities(List<float[]> x, int classes) {
      double[][] out = new double[x.size()][];
      for (int i = 0; i < out.length; i++) {
        float[] e = x.get(i);
        double[] s = new double[weights.length];
        for (int m = 0; m < s.length; m++) {
          double dot = bias[m];
          for (int j = 0; j < e.length; j++) {
            dot += weights[m][j] * e[j];
          }
          s[m] = dot;
        }
        out[i] = LinearScores.probabilities(s, classes);
      }
      return out;
    }
  }

  /**
   * NB-LR: per model, the log-count ratio r of each feature between the positive and the other
   * texts scales the binary features; LIBLINEAR fits logistic regression on the scaled features,
   * and r is folded into the weights so that prediction is a plain sparse dot product.
   */
  private static LinearModel nbLogistic(int[][] x, int[] y, int classes, int features, double c) {
    int models = LinearScores.models(classes);
    float[][] weights = new float[models][];
    float[] bias = new float[models];
    for (int m = 0; m < models; m++) {
      int positive = classes == 2 ? 1 : m;
      double[] p = new double[features];
      double[] q = new double[features];
      Arrays.fill(p, NB_ALPHA);
      Arrays.fill(q, NB_ALPHA);
      for (int i = 0; i < x.length; i++) {
        double[] side = y[i] == positive ? p : q;
        for (int j : x[i]) {
          side[j]++;
        }
      }
      double pSum = Arrays.stream(p).sum();
      double qSum = Arrays.stream(q).sum();
      double[] r = new double[features];
      for (int j = 0; j < features; j++) {
        r[j] = Math.log((p[j] / pSum) / (q[j] / qSum));
      }
      Feature[][] rows = new Feature[x.length][];
      for (int i = 0; i < x.length; i++) {
        Feature[] row = new Feature[x[i].length + 1];
        for (int t = 0; t < x[i].length; t++) {
          row[t] = new FeatureNode(x[i][t] + 1, r[x[i][t]]);
        }
        row[x[i].length] = new FeatureNode(features + 1, 1); // the intercept's feature
        rows[i] = row;
      }
      double[] w = fit(rows, y, positive, features, c);
      weights[m] = new float[features];
      for (int j = 0; j < features; j++) {
        weights[m][j] = (float) (w[j] * r[j]);
      }
      bias[m] = (float) w[features];
    }
    return new LinearModel(weights, bias);
  }

  private static LinearModel denseLogistic(List<float[]> x, int[] y, int classes, double c) {
    int d = x.getFirst().length;
    Feature[][] rows = new Feature[x.size()][];
    for (int i = 0; i < rows.length; i++) {
      float[] e = x.get(i);
      Feature[] row = new Feature[d + 1];
      for (int j = 0; j < d; j++) {
        row[j] = new FeatureNode(j + 1, e[j]);
      }
      row[d] = new FeatureNode(d + 1, 1); // the intercept's feature
      rows[i] = row;
    }
    int models = LinearScores.models(classes);
    float[][] weights = new float[models][];
    float[] bias = new float[models];
    for (int m = 0; m < models; m++) {
      int positive = classes == 2 ? 1 : m;
      double[] w = fit(rows, y, positive, d, c);
      weights[m] = new float[d];
      for (int j = 0; j < d; j++) {
        weights[m][j] = (float) w[j];
      }
      bias[m] = (float) w[d];
    }
    return new LinearModel(weights, bias);
  }

  /**
   * Binary L2-regularized logistic regression of {@code positive} vs the rest; bias last. Each row
   * must end with feature {@code features + 1} = 1: LIBLINEAR's {@code Linear.train} does not add
   * the bias feature itself (its command-line reader does).
   */
  private static double[] fit(Feature[][] rows, int[] y, int positive, int features, double c) {
    Problem problem = new Problem();
    problem.l = rows.length;
    problem.n = features + 1;
    problem.x = rows;
    problem.bias = -1; // the rows carry the intercept's feature already
    problem.y = new double[rows.length];
    boolean any = false;
    boolean all = true;
    for (int i = 0; i < rows.length; i++) {
      problem.y[i] = y[i] == positive ? 1 : 0;
      any |= y[i] == positive;
      all &= y[i] == positive;
    }
    double[] w = new double[features + 1];
    if (!any || all) {
      // One class only: LIBLINEAR cannot fit it; a constant score says the same thing.
      w[features] = any ? 5 : -5;
      return w;
    }
    Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, 0.01));
    double[] raw = model.getFeatureWeights();
    // LIBLINEAR orders the two labels by first appearance; its weights score labels[0].
    double sign = model.getLabels()[0] == 1 ? 1 : -1;
    for (int j = 0; j <= features; j++) {
      w[j] = sign * raw[j];
    }
    return w;
  }

  private static Map<String, Integer> vocabulary(List<Set<String>> features, int minDf) {
    Map<String, Integer> df = new HashMap<>();
    for (Set<String> f : features) {
      for (String s : f) {
        df.merge(s, 1, Integer::sum);
      }
    }
    Map<String, Integer> vocabulary = new LinkedHashMap<>();
    for (Set<String> f : features) {
      for (String s : f) {
        if (df.get(s) >= minDf && !vocabulary.containsKey(s)) {
          vocabulary.put(s, vocabulary.size());
        }
      }
    }
    return vocabulary;
  }

  private static int best(double[][][] candidates, int[] y) {
    int best = 0;
    double bestAccuracy = -1;
    double bestLoss = Double.MAX_VALUE;
    for (int c = 0; c < candidates.length; c++) {
      double a = accuracy(candidates[c], y);
      double loss = logLoss(candidates[c], y);
      if (a > bestAccuracy + 1e-12 || (Math.abs(a - bestAccuracy) <= 1e-12 && loss < bestLoss)) {
        best = c;
        bestAccuracy = a;
        bestLoss = loss;
      }
    }
    return best;
  }

  private static double bestShare(double[][] ngram, double[][] embedding, int[] y) {
    double[][][] blends = new double[11][][];
    for (int s = 0; s <= 10; s++) {
      blends[s] = blend(ngram, embedding, s / 10.0);
    }
    return best(blends, y) / 10.0;
  }

  private static double[][] blend(double[][] ngram, double[][] embedding, double w) {
    double[][] out = new double[ngram.length][];
    for (int i = 0; i < ngram.length; i++) {
      double[] p = new double[ngram[i].length];
      for (int k = 0; k < p.length; k++) {
        p[k] = w * ngram[i][k] + (1 - w) * embedding[i][k];
      }
      out[i] = p;
    }
    return out;
  }

  static double accuracy(double[][] p, int[] y) {
    int hits = 0;
    for (int i = 0; i < y.length; i++) {
      if (LinearScores.argmax(p[i]) == y[i]) {
        hits++;
      }
    }
    return (double) hits / y.length;
  }

  private static double logLoss(double[][] p, int[] y) {
    double loss = 0;
    for (int i = 0; i < y.length; i++) {
      loss -= Math.log(Math.max(1e-12, p[i][y[i]]));
    }
    return loss / y.length;
  }

  private static String percent(double x) {
    return String.format(java.util.Locale.ROOT, "%.2f%%", 100 * x);
  }

  private static int[][] pick(int[][] x, int[] rows) {
    int[][] out = new int[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = x[rows[i]];
    }
    return out;
  }

  private static int[] pick(int[] y, int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = y[rows[i]];
    }
    return out;
  }

  private static List<float[]> pick(List<float[]> x, int[] rows) {
    List<float[]> out = new ArrayList<>(rows.length);
    for (int r : rows) {
      out.add(x.get(r));
    }
    return out;
  }
}
