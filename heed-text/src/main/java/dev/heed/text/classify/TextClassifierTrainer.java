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
 * regression and a one-hidden-layer perceptron on them, and the embedding model's last layer
 * fine-tuned ({@link TunedTopLayer}). The regularization of each, the perceptron's and the tuned
 * layer's epochs and how the members are combined (a share average, or a {@link LogitStacker} when
 * it validates better) are chosen on held-out predictions: 5-fold cross-validation under {@link
 * #CROSS_VALIDATE_BELOW} training texts, one seeded 10% slice above; two tuned layers (several
 * times slower than one) are validated on the first of the five splits only, and the combination is
 * then chosen on that split's texts. The linear models are then refit on all the data. The linear
 * solvers are LIBLINEAR's (trust-region Newton for L2-regularized logistic regression).
 */
public final class TextClassifierTrainer {
  private static final double[] NGRAM_C = {0.01, 0.03, 0.1, 0.3, 1};
  private static final double[] EMBEDDING_C = {1, 4, 16, 64};

  /**
   * The perceptron's settings (chosen on validation, see docs/evaluation.md); its epochs are chosen
   * per training up to this many, and its seed is replaced by the trainer's.
   */
  static final EmbeddingMlp.Trainer MLP = new EmbeddingMlp.Trainer(256, 8, 64, 3e-4, 0.05, 0.5, 1);

  /** Below this many training texts the perceptron and the tuned layer are not tried. */
  private static final int MLP_MIN_TEXTS = 1000;

  /**
   * The tuned layer's settings (chosen on the ChnSentiCorp validation slice, see
   * docs/evaluation.md); its epochs are chosen per training up to this many.
   */
  static final TunedTopLayer.Trainer TOP = new TunedTopLayer.Trainer(4, 32, 1e-4, 1e-3, 0.01, 1);

  /** Below this many training texts the choices are cross-validated instead of held out. */
  static final int CROSS_VALIDATE_BELOW = 20_000;

  private static final int FOLDS = 5;

  private static final double NB_ALPHA = 1;

  static {
    Linear.disableDebugOutput();
  }

  private final long seed;
  private final Consumer<String> log;
  private final boolean embeddingsOnly;
  private final int tunedLayers;

  /** A trainer whose validation slice is drawn with {@code seed}; progress lines go to log. */
  public TextClassifierTrainer(long seed, Consumer<String> log) {
    this(seed, log, false);
  }

  /**
   * As above; {@code embeddingsOnly} fits the embedding model alone: a model of a few kilobytes
   * that holds no words of its training texts (what the engine ships as its default).
   */
  public TextClassifierTrainer(long seed, Consumer<String> log, boolean embeddingsOnly) {
    this(seed, log, embeddingsOnly, 1);
  }

  /**
   * As above; with {@code tunedLayers} 1 the embedding model's last layer is also fine-tuned
   * ({@link TunedTopLayer}) as a member, when the embedder is one Heed can read the layers of,
   * there are at least 1,000 texts and their states fit in a third of the heap; with 2 the layer
   * below it too ({@link EncoderBlock}: several times slower to train and to predict, so validated
   * on one split of the cross-validation); 0 tunes none.
   */
  public TextClassifierTrainer(
      long seed, Consumer<String> log, boolean embeddingsOnly, int tunedLayers) {
    if (tunedLayers < 0 || tunedLayers > 2) {
      throw new IllegalArgumentException("0, 1 or 2 tuned layers, not " + tunedLayers);
    }
    this.seed = seed;
    this.log = log;
    this.embeddingsOnly = embeddingsOnly;
    this.tunedLayers = tunedLayers;
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

    double ngramC = NGRAM_C[2];
    double embeddingC = EMBEDDING_C[1];
    double share = embeddings == null ? 1 : 0.5;
    double mlpShare = 0;
    double topShare = 0;
    EmbeddingMlp mlp = null;
    TunedTopLayer top = null;
    EncoderBlock below = null;
    LogitStacker stacker = null;
    int n = data.size();
    if (n >= 50) {
      List<int[][]> splits = splits(n);
      int[] yVal = validationLabels(splits, y);
      double[][][] ngramProbs = new double[NGRAM_C.length][][];
      // The grid's fits are independent: run them side by side.
      IntStream.range(0, NGRAM_C.length)
          .parallel()
          .forEach(
              c ->
                  ngramProbs[c] =
                      outOfFold(
                          splits,
                          (fit, val) ->
                              nbLogistic(
                                      pick(x, fit),
                                      pick(y, fit),
                                      labels.size(),
                                      vocabulary.size(),
                                      NGRAM_C[c])
                                  .probabilities(pick(x, val), labels.size())));
      int bestNgram = best(ngramProbs, yVal);
      ngramC = NGRAM_C[bestNgram];
      log.accept(
          "n-gram model: C="
              + ngramC
              + ", validation accuracy "
              + percent(accuracy(ngramProbs[bestNgram], yVal)));
      if (embeddings != null) {
        EmbeddingChoice choice = chooseEmbeddingC(embeddings, y, splits, labels.size());
        embeddingC = choice.c();
        List<double[][]> members = new ArrayList<>();
        members.add(ngramProbs[bestNgram]);
        members.add(choice.probabilities());
        if (n >= MLP_MIN_TEXTS) {
          MlpChoice perceptron = chooseMlp(embeddings, y, splits, labels.size());
          mlp = perceptron.model();
          members.add(perceptron.probabilities());
          // Two tuned layers cost several times one: they are validated on the first split only.
          List<int[][]> tuning = tunedLayers == 2 ? splits.subList(0, 1) : splits;
          TopChoice tuned =
              tunedLayers > 0
                  ? chooseTopLayer(data, y, tuning, splits.size() > 1, labels.size(), embedder)
                  : null;
          if (tuned != null) {
            top = tuned.model();
            below = tuned.below();
            members.add(tuned.probabilities());
          }
        }
        // The first split's validation texts come first: combine where every member predicted.
        int common = members.stream().mapToInt(p -> p.length).min().orElseThrow();
        if (common < yVal.length) {
          log.accept(
              "combination: chosen on the first split's "
                  + common
                  + " validation texts, where the tuned layers were validated");
          members.replaceAll(p -> Arrays.copyOf(p, common));
        }
        int[] yCommon = Arrays.copyOf(yVal, common);
        double[] shares = bestShares(members, yCommon, IntStream.range(0, common).toArray());
        share = shares[0];
        mlpShare = shares.length > 2 ? shares[2] : 0;
        topShare = shares.length > 3 ? shares[3] : 0;
        stacker = chooseStacker(members, yCommon);
      }
    }
    LinearModel ngram = nbLogistic(x, y, labels.size(), vocabulary.size(), ngramC);
    LinearModel embedding = null;
    if (mlpShare == 0 && stacker == null) {
      mlp = null;
    }
    if (topShare == 0 && stacker == null) {
      top = null;
      below = null;
    }
    if (embeddings != null) {
      embedding = denseLogistic(embeddings, y, labels.size(), embeddingC);
      log.accept(
          "ensemble: n-gram share "
              + share
              + ", perceptron share "
              + mlpShare
              + ", tuned layer share "
              + topShare
              + ", embedding LR share "
              + Math.round(10 * (1 - share - mlpShare - topShare)) / 10.0);
    }
    return new TextClassifier(
        labels,
        vocabulary,
        ngram.weights,
        ngram.bias,
        embedder,
        embedding == null ? null : embedding.weights,
        embedding == null ? null : embedding.bias,
        share,
        mlp,
        mlpShare,
        stacker,
        top,
        below,
        topShare);
  }

  /**
   * A stacker fitted on the members' validation probabilities, or null when the share average is as
   * good: a 10-fold cross-validation over those predictions compares the two ways of combining
   * (each fitted or chosen on nine tenths, counted on the tenth).
   */
  private LogitStacker chooseStacker(List<double[][]> members, int[] y) {
    int n = y.length;
    int stackHits = 0;
    int shareHits = 0;
    for (int f = 0; f < 10; f++) {
      int fold = f;
      int[] rest = IntStream.range(0, n).filter(i -> i % 10 != fold).toArray();
      int[] held = IntStream.range(0, n).filter(i -> i % 10 == fold).toArray();
      LogitStacker s = LogitStacker.fit(members, y, rest);
      double[] w = bestShares(members, y, rest);
      for (int i : held) {
        double[][] row = new double[members.size()][];
        double[] avg = new double[members.getFirst()[i].length];
        for (int m = 0; m < row.length; m++) {
          row[m] = members.get(m)[i];
          for (int k = 0; k < avg.length; k++) {
            avg[k] += w[m] * row[m][k];
          }
        }
        stackHits += LinearScores.argmax(s.probabilities(row)) == y[i] ? 1 : 0;
        shareHits += LinearScores.argmax(avg) == y[i] ? 1 : 0;
      }
    }
    log.accept(
        "combination (10-fold over the validation predictions): stacker "
            + percent((double) stackHits / n)
            + ", share average "
            + percent((double) shareHits / n));
    if (stackHits <= shareHits) {
      return null;
    }
    LogitStacker s = LogitStacker.fit(members, y, IntStream.range(0, n).toArray());
    log.accept(
        "stacker: weights "
            + Arrays.toString(s.weights())
            + ", biases "
            + Arrays.toString(s.bias()));
    return s;
  }

  private TextClassifier embeddingsOnly(
      List<String> labels, int[] y, List<float[]> embeddings, String embedder) {
    double c = EMBEDDING_C[1];
    int n = y.length;
    if (n >= 50) {
      c = chooseEmbeddingC(embeddings, y, splits(n), labels.size()).c();
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
      List<float[]> embeddings, int[] y, List<int[][]> splits, int classes) {
    double[][][] probs = new double[EMBEDDING_C.length][][];
    IntStream.range(0, EMBEDDING_C.length)
        .parallel()
        .forEach(
            k ->
                probs[k] =
                    outOfFold(
                        splits,
                        (fit, val) ->
                            denseLogistic(
                                    pick(embeddings, fit), pick(y, fit), classes, EMBEDDING_C[k])
                                .denseProbabilities(pick(embeddings, val), classes)));
    int[] yVal = validationLabels(splits, y);
    int best = best(probs, yVal);
    log.accept(
        "embedding model: C="
            + EMBEDDING_C[best]
            + ", validation accuracy "
            + percent(accuracy(probs[best], yVal)));
    return new EmbeddingChoice(EMBEDDING_C[best], probs[best]);
  }

  /** The perceptron at its best epoch and its validation probabilities then. */
  private record MlpChoice(EmbeddingMlp model, double[][] probabilities) {}

  /**
   * Trains the perceptron on each fit part and chooses the epoch where validation peaks. With one
   * validation slice the model is kept as it was then (early stopping; a refit on all the data
   * doubles the slowest fit of the trainer); with cross-validation it is refit on all the data for
   * that many epochs.
   */
  private MlpChoice chooseMlp(
      List<float[]> embeddings, int[] y, List<int[][]> splits, int classes) {
    int[] yVal = validationLabels(splits, y);
    double[][][][] byEpoch = new double[MLP.epochs()][splits.size()][][];
    EmbeddingMlp[] kept = new EmbeddingMlp[1];
    IntStream.range(0, splits.size())
        .parallel()
        .forEach(
            f -> {
              int[] fit = splits.get(f)[0];
              List<float[]> eVal = pick(embeddings, splits.get(f)[1]);
              mlpTrainer(MLP.epochs())
                  .fit(
                      pick(embeddings, fit),
                      pick(y, fit),
                      classes,
                      (model, epoch) -> {
                        double[][] p =
                            eVal.stream().map(model::probabilities).toArray(double[][]::new);
                        byEpoch[epoch - 1][f] = p;
                        if (splits.size() == 1) {
                          double[][][] sofar = new double[epoch][][];
                          for (int e = 0; e < epoch; e++) {
                            sofar[e] = byEpoch[e][0];
                          }
                          if (best(sofar, yVal) == epoch - 1) {
                            kept[0] = model.copy(); // the best so far: keep it as it is now
                          }
                        }
                      });
            });
    double[][][] oof = new double[MLP.epochs()][][];
    for (int e = 0; e < oof.length; e++) {
      oof[e] = concat(byEpoch[e]);
    }
    int best = best(oof, yVal);
    if (splits.size() > 1) {
      kept[0] = mlpTrainer(best + 1).fit(embeddings, y, classes);
    }
    log.accept(
        "embedding perceptron: "
            + (best + 1)
            + " epochs, validation accuracy "
            + percent(accuracy(oof[best], yVal)));
    return new MlpChoice(kept[0], oof[best]);
  }

  /**
   * The tuned layer (and the layer below it, when two are tuned, else null) at its best epoch and
   * its validation probabilities then.
   */
  private record TopChoice(TunedTopLayer model, EncoderBlock below, double[][] probabilities) {}

  /**
   * Fine-tunes the embedding model's last layer (or two) on each fit part and chooses the epoch
   * where validation peaks, like {@link #chooseMlp}: with {@code refit} it is then refit on all the
   * data for that many epochs, otherwise kept as it was at that epoch. Null (with a log line) when
   * the embedder's layers cannot be read or the texts' states would take more than a third of the
   * heap.
   */
  private TopChoice chooseTopLayer(
      List<LabeledText> data,
      int[] y,
      List<int[][]> splits,
      boolean refit,
      int classes,
      String embedder) {
    java.util.Optional<dev.heed.text.embed.BgeEmbedder> model =
        dev.heed.text.embed.BgeEmbedder.find(embedder);
    if (model.isEmpty()) {
      return null;
    }
    dev.heed.text.embed.EncoderLayer layer = model.get().lastLayer();
    // The states enter the lowest tuned layer; with two, a tuned copy of the one below the last.
    int first = model.get().lastIndex() - (tunedLayers - 1);
    dev.heed.text.embed.EncoderLayer lower = tunedLayers == 2 ? model.get().layer(first) : null;
    long budget = Runtime.getRuntime().maxMemory() / 3;
    long start = System.nanoTime();
    // 8-bit states: dim bytes and a 4-byte scale per token.
    long bytes =
        data.parallelStream()
            .mapToLong(t -> (long) model.get().lastLayerTokens(t.text()) * (layer.dim() + 4))
            .sum();
    if (bytes > budget) {
      log.accept(
          "tuned layer: skipped, the texts' states would take "
              + (bytes >> 20)
              + " MB, over a third of the heap (give Java more, e.g. HEED_JAVA_OPTS=-Xmx12g)");
      return null;
    }
    List<TunedTopLayer.States> states = new ArrayList<>(data.size());
    // In chunks, so that only a thousand texts' states are held as floats at a time.
    for (int from = 0; from < data.size(); from += 1000) {
      List<String> texts =
          data.subList(from, Math.min(data.size(), from + 1000)).stream()
              .map(LabeledText::text)
              .toList();
      for (float[] x : model.get().layerInputs(texts, first)) {
        states.add(TunedTopLayer.States.of(x, layer.dim()));
      }
    }
    log.accept(
        String.format(
            java.util.Locale.ROOT,
            "tuned layer: states of %,d texts (%,d MB) in %.0f s",
            data.size(),
            bytes >> 20,
            (System.nanoTime() - start) / 1e9));
    int[] yVal = validationLabels(splits, y);
    double[][][][] byEpoch = new double[TOP.epochs()][splits.size()][][];
    TunedTopLayer[] kept = new TunedTopLayer[1];
    EncoderBlock[] keptBelow = new EncoderBlock[1];
    for (int f = 0; f < splits.size(); f++) {
      int fold = f;
      int[] val = splits.get(f)[1];
      topTrainer(TOP.epochs())
          .fit(
              TunedTopLayer.from(layer, classes, seed),
              lower == null ? null : EncoderBlock.from(lower),
              pick(states, splits.get(f)[0]),
              pick(y, splits.get(f)[0]),
              (m, b, epoch) -> {
                double[][] p =
                    Arrays.stream(val)
                        .parallel()
                        .mapToObj(i -> m.probabilities(topInput(b, states.get(i))))
                        .toArray(double[][]::new);
                byEpoch[epoch - 1][fold] = p;
                if (!refit) {
                  double[][][] sofar = new double[epoch][][];
                  for (int e = 0; e < epoch; e++) {
                    sofar[e] = byEpoch[e][0];
                  }
                  if (best(sofar, yVal) == epoch - 1) {
                    kept[0] = m.copy();
                    keptBelow[0] = b == null ? null : b.copy();
                  }
                }
                log.accept(
                    String.format(
                        java.util.Locale.ROOT,
                        "tuned layer: split %d/%d, epoch %d, validation accuracy %s (%.0f s)",
                        fold + 1,
                        splits.size(),
                        epoch,
                        percent(accuracy(p, pick(y, val))),
                        (System.nanoTime() - start) / 1e9));
              });
    }
    double[][][] oof = new double[TOP.epochs()][][];
    for (int e = 0; e < oof.length; e++) {
      oof[e] = concat(byEpoch[e]);
    }
    int best = best(oof, yVal);
    if (refit) {
      kept[0] = TunedTopLayer.from(layer, classes, seed);
      keptBelow[0] = lower == null ? null : EncoderBlock.from(lower);
      int epochs = best + 1;
      topTrainer(epochs)
          .fit(
              kept[0],
              keptBelow[0],
              states,
              y,
              (m, b, epoch) ->
                  log.accept(
                      String.format(
                          java.util.Locale.ROOT,
                          "tuned layer: refit on all %,d texts, epoch %d/%d (%.0f s)",
                          states.size(),
                          epoch,
                          epochs,
                          (System.nanoTime() - start) / 1e9)));
    }
    log.accept(
        String.format(
            java.util.Locale.ROOT,
            "tuned layer%s: %d epochs, validation accuracy %s (%.0f s)",
            lower == null ? "" : "s (the last two)",
            best + 1,
            percent(accuracy(oof[best], yVal)),
            (System.nanoTime() - start) / 1e9));
    return new TopChoice(kept[0], keptBelow[0], oof[best]);
  }

  /** The states that enter the tuned top layer: through the tuned layer below it, if any. */
  private static float[] topInput(EncoderBlock below, TunedTopLayer.States states) {
    return below == null ? states.floats() : below.forward(states.floats()).y;
  }

  private TunedTopLayer.Trainer topTrainer(int epochs) {
    return new TunedTopLayer.Trainer(
        epochs, TOP.batch(), TOP.layerRate(), TOP.headRate(), TOP.weightDecay(), seed);
  }

  private EmbeddingMlp.Trainer mlpTrainer(int epochs) {
    return new EmbeddingMlp.Trainer(
        MLP.hidden(), epochs, MLP.batch(), MLP.learningRate(), MLP.decay(), MLP.dropout(), seed);
  }

  /**
   * Where the choices are validated: under {@link #CROSS_VALIDATE_BELOW} texts a 5-fold
   * cross-validation over the seeded shuffle (one slice of a few hundred texts is too noisy to
   * choose by), otherwise one seeded 10% slice. Each split is {fit, validation}.
   */
  List<int[][]> splits(int n) {
    if (n >= CROSS_VALIDATE_BELOW) {
      return List.<int[][]>of(holdout(n));
    }
    int[] order = shuffled(n);
    List<int[][]> out = new ArrayList<>();
    for (int k = 0; k < FOLDS; k++) {
      int from = (int) ((long) k * n / FOLDS);
      int to = (int) ((long) (k + 1) * n / FOLDS);
      int[] fit = new int[n - (to - from)];
      System.arraycopy(order, 0, fit, 0, from);
      System.arraycopy(order, to, fit, from, n - to);
      out.add(new int[][] {fit, Arrays.copyOfRange(order, from, to)});
    }
    return out;
  }

  /** The labels of the validation texts of all splits, in order. */
  private static int[] validationLabels(List<int[][]> splits, int[] y) {
    return splits.stream().flatMapToInt(s -> Arrays.stream(pick(y, s[1]))).toArray();
  }

  /** One model's validation probabilities over all splits, in {@link #validationLabels} order. */
  private static double[][] outOfFold(
      List<int[][]> splits, java.util.function.BiFunction<int[], int[], double[][]> fitAndScore) {
    double[][][] parts = new double[splits.size()][][];
    for (int f = 0; f < parts.length; f++) {
      parts[f] = fitAndScore.apply(splits.get(f)[0], splits.get(f)[1]);
    }
    return concat(parts);
  }

  private static double[][] concat(double[][][] parts) {
    return Arrays.stream(parts).flatMap(Arrays::stream).toArray(double[][]::new);
  }

  /** A seeded shuffle of 0..n-1 cut into {fit, validation}: the last tenth validates. */
  private int[][] holdout(int n) {
    int[] order = shuffled(n);
    int cut = n - Math.max(1, n / 10);
    return new int[][] {Arrays.copyOfRange(order, 0, cut), Arrays.copyOfRange(order, cut, n)};
  }

  private int[] shuffled(int n) {
    int[] order = IntStream.range(0, n).toArray();
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Weights and biases of one logistic model per class (one for two classes). */
  record LinearModel(float[][] weights, float[] bias) {
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
  static LinearModel nbLogistic(int[][] x, int[] y, int classes, int features, double c) {
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

  static LinearModel denseLogistic(List<float[]> x, int[] y, int classes, double c) {
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

  static Map<String, Integer> vocabulary(List<Set<String>> features, int minDf) {
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

  /**
   * The shares of the members' probability average (in steps of 0.1, summing to 1) with the best
   * validation accuracy (ties: the lower log loss, then the first in enumeration order).
   */
  static double[] bestShares(List<double[][]> members, int[] y, int[] rows) {
    List<double[]> grid = new ArrayList<>();
    simplex(members.size(), 0, 10, new double[members.size()], grid);
    double[][][] blends = new double[grid.size()][][];
    for (int g = 0; g < grid.size(); g++) {
      double[] w = grid.get(g);
      blends[g] = new double[rows.length][];
      for (int r = 0; r < rows.length; r++) {
        double[] p = new double[members.getFirst()[rows[r]].length];
        for (int m = 0; m < w.length; m++) {
          for (int k = 0; k < p.length; k++) {
            p[k] += w[m] * members.get(m)[rows[r]][k];
          }
        }
        blends[g][r] = p;
      }
    }
    return grid.get(best(blends, pick(y, rows)));
  }

  /** Every vector of {@code w.length} tenths summing to 1, the first member's share descending. */
  private static void simplex(int members, int m, int tenths, double[] w, List<double[]> out) {
    if (m == members - 1) {
      w[m] = tenths / 10.0;
      out.add(w.clone());
      return;
    }
    for (int t = tenths; t >= 0; t--) {
      w[m] = t / 10.0;
      simplex(members, m + 1, tenths - t, w, out);
    }
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

  private static <T> List<T> pick(List<T> x, int[] rows) {
    List<T> out = new ArrayList<>(rows.length);
    for (int r : rows) {
      out.add(x.get(r));
    }
    return out;
  }
}
