package dev.heed.server.cli;

import dev.heed.eval.text.NerDataset;
import dev.heed.eval.text.NerEvaluation;
import dev.heed.server.config.HeedConfig;
import dev.heed.server.text.TextEngine;
import dev.heed.text.analyze.EntityTagger;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train ner}: fit the Chinese entity tagger on character-level BIO and install it. */
@Command(
    name = "ner",
    mixinStandardHelpOptions = true,
    description = {
      "Train the Chinese named-entity tagger (an averaged perceptron over characters, BIO tags)",
      "on sentences in character-level BIO (MSRA's form, as in eval text --task ner) and install",
      "it: a server on the same data directory uses it within seconds instead of HanLP's",
      "recognizers."
    })
final class TrainNerCommand implements Callable<Integer> {
  /** Training passes unless told otherwise. */
  static final int DEFAULT_EPOCHS = 30;

  @Mixin ConfigOptions options;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description =
          "Sentences in character-level BIO (a file, or a zip holding one .txt); repeat"
              + " to train on several")
  List<String> data;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the tagger (default: <data-dir>/models/ner.tagger)")
  Path out;

  @Option(
      names = "--train-split",
      description =
          "Train only on the seeded 80% that eval text --task ner does not test (--seed), so that"
              + " eval text --model can measure the tagger fairly")
  boolean trainSplit;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of --train-split and of the training order (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--epochs",
      defaultValue = "" + DEFAULT_EPOCHS,
      description = "Training passes over the sentences (default: ${DEFAULT-VALUE})")
  int epochs;

  @Override
  public Integer call() throws IOException {
    HeedConfig config = options.load(Map.of());
    List<NerDataset.Sentence> sentences = new ArrayList<>();
    for (String path : data) {
      NerDataset dataset = NerDataset.load(path);
      List<NerDataset.Sentence> part =
          trainSplit ? NerEvaluation.split(dataset, null, seed).train() : dataset.sentences();
      System.err.printf(Locale.ROOT, "train ner: %,d sentences from %s%n", part.size(), path);
      sentences.addAll(part);
    }
    EntityTagger tagger = train(sentences, epochs, seed, System.err);
    Path target = out != null ? out : TextEngine.entityModelFile(config.dataPath());
    TrainTextCommand.writeModel(target, tagger::save);
    System.out.printf(
        Locale.ROOT,
        "entity tagger: types %s, %,d features, %d epochs on %,d sentences; written to %s%n",
        tagger.types(),
        tagger.features(),
        epochs,
        sentences.size(),
        target);
    return 0;
  }

  /** Trains a tagger, printing a line per pass to {@code err}. */
  static EntityTagger train(
      List<NerDataset.Sentence> sentences, int epochs, long seed, PrintStream err) {
    if (sentences.isEmpty()) {
      throw new IllegalArgumentException("no sentences to train on");
    }
    long start = System.nanoTime();
    return NerEvaluation.train(
        sentences,
        epochs,
        seed,
        epoch ->
            err.printf(
                Locale.ROOT,
                "train ner: epoch %d/%d (%.1f s)%n",
                epoch,
                epochs,
                (System.nanoTime() - start) / 1e9));
  }
}
