package dev.heed.server.cli;

import dev.heed.eval.text.EmbeddingCache;
import dev.heed.eval.text.TextDataset;
import dev.heed.eval.text.TextDatasets;
import dev.heed.server.config.HeedConfig;
import dev.heed.server.text.TextEngine;
import dev.heed.text.classify.LabeledText;
import dev.heed.text.classify.TextClassifier;
import dev.heed.text.classify.TextClassifierTrainer;
import dev.heed.text.embed.BgeEmbedder;
import dev.heed.text.embed.TextEmbedder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train sentiment|topic}: fit a text classifier on labeled data and install it. */
abstract class TrainTextCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "Labeled texts; repeat to train on several sets")
  List<String> data;

  @Option(
      names = "--train-split",
      description =
          "Train only on the part that eval text does not test: the seeded 80% (--seed), or the"
              + " official training set; so that eval text --model can measure the model fairly")
  boolean trainSplit;

  @Option(
      names = "--embeddings-only",
      description = "Fit the embedding model alone: a few kilobytes, no words of the data inside")
  boolean embeddingsOnly;

  @Option(
      names = "--format",
      defaultValue = "auto",
      description = "auto, csv, tsv, sst2, agnews or imdb-json (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--no-embeddings",
      description = "N-gram model only (smaller and faster to train; usually less accurate)")
  boolean noEmbeddings;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the model (default: <data-dir>/models/<task>.classifier)")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the validation slice (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--embedder",
      defaultValue = "auto",
      description =
          "auto, bge-small-zh or bge-small-en: the sentence embedding of the model; auto takes"
              + " bge-small-en when at most 1% of the training texts contain Han characters"
              + " (default: ${DEFAULT-VALUE})")
  String embedderOption;

  @Option(
      names = "--no-tuning",
      description =
          "Do not fine-tune the embedding model's last layer as a member of the model (faster,"
              + " and the model file stays small; the tuned layer adds ~13 MB)")
  boolean noTuning;

  @Option(
      names = "--tuned-layers",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "How many of the embedding model's top layers to fine-tune as a member: 1 (the last),"
              + " or 2 (the last two; several times slower to train and to predict, and the model"
              + " grows by another ~13 MB); --no-tuning is 0 (default: ${DEFAULT-VALUE})")
  int tunedLayers;

  @Option(
      names = "--embedding-cache",
      paramLabel = "DIR",
      description = "Remember text vectors in DIR so that reruns embed each text once")
  Path embeddingCache;

  abstract String task();

  @Override
  public Integer call() throws IOException {
    HeedConfig config = options.load(Map.of());
    if (embeddingsOnly && noEmbeddings) {
      throw new IllegalArgumentException(
          "--embeddings-only and --no-embeddings exclude each other");
    }
    List<LabeledText> rows = new java.util.ArrayList<>();
    for (String path : data) {
      TextDataset dataset = TextDatasets.load(path, format, task());
      List<LabeledText> part;
      if (trainSplit) {
        part =
            dataset.test() != null
                ? dataset.rows()
                : dev.heed.eval.text.TextClassificationEvaluation.seededTrainPart(
                    dataset.rows(), seed);
      } else {
        part = dataset.test() == null ? dataset.rows() : concat(dataset);
      }
      System.err.printf(Locale.ROOT, "train %s: %,d texts from %s%n", task(), part.size(), path);
      rows.addAll(part);
    }
    List<float[]> vectors = null;
    String embedder = null;
    if (!noEmbeddings) {
      TextEmbedder model =
          BgeEmbedder.choose(embedderOption, rows.stream().map(LabeledText::text).toList());
      embedder = model.name();
      try (Progress bar =
          new Progress(System.err, "embed", rows.size(), System.console() != null)) {
        vectors =
            new EmbeddingCache(model, embeddingCache)
                .embed(
                    rows.stream().map(LabeledText::text).toList(), done -> bar.update(done, done));
      }
    }
    TextClassifier classifier =
        new TextClassifierTrainer(
                seed,
                line -> System.err.println("train: " + line),
                embeddingsOnly,
                noTuning ? 0 : tunedLayers)
            .train(rows, vectors, embedder);
    Path target = out != null ? out : TextEngine.modelFile(config.dataPath(), task());
    writeModel(target, classifier::save);
    System.out.printf(
        Locale.ROOT,
        "%s model: labels %s, %,d n-gram features%s; written to %s%n",
        task(),
        classifier.labels(),
        classifier.vocabularySize(),
        embedder == null ? "" : ", with " + embedder + " embeddings",
        target);
    return 0;
  }

  /** What writes a model's bytes. */
  interface ModelWriter {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes a model file next to {@code target} and moves it into place atomically, so that a server
   * reading the file never sees half of it.
   */
  static void writeModel(Path target, ModelWriter writer) throws IOException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    try (OutputStream o = Files.newOutputStream(tmp)) {
      writer.write(o);
    }
    Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static List<LabeledText> concat(TextDataset d) {
    List<LabeledText> all = new java.util.ArrayList<>(d.rows());
    all.addAll(d.test());
    return all;
  }

  @Command(
      name = "sentiment",
      mixinStandardHelpOptions = true,
      description = {
        "Train the sentiment classifier on labeled texts (labels 1/0 or positive/negative) and",
        "install it: a server on the same data directory uses it within seconds instead of the",
        "zero-shot default. Formats as in eval text (docs/cli.md)."
      })
  static final class Sentiment extends TrainTextCommand {
    @Override
    String task() {
      return "sentiment";
    }
  }

  @Command(
      name = "topic",
      mixinStandardHelpOptions = true,
      description = {
        "Train the topic classifier on labeled texts (any label names) and install it in place",
        "of the zero-shot default taxonomy."
      })
  static final class Topic extends TrainTextCommand {
    @Override
    String task() {
      return "topic";
    }
  }
}
