package dev.heed.server.cli;

import dev.heed.eval.text.KeywordDataset;
import dev.heed.eval.text.KeywordEvaluation;
import dev.heed.text.keywords.KeyphraseRanker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train keywords}: fit the English key-phrase ranker on documents with gold phrases. */
@Command(
    name = "keywords",
    mixinStandardHelpOptions = true,
    description = {
      "Train the English key-phrase ranker (logistic regression over each candidate's TF-IDF,",
      "TextRank, position, length and keyphraseness) on the training split of a key-phrase data",
      "set (Inspec's Hulth2003.tar.gz) and write it to --out; the engine's shipped ranker is made",
      "this way (docs/evaluation.md)."
    })
final class TrainKeywordsCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "Documents with gold key phrases: Hulth2003.tar.gz (its Training split)")
  String data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the ranker")
  Path out;

  @Option(
      names = "--c",
      defaultValue = "1",
      description = "Regularization cost C of the logistic regression (default: ${DEFAULT-VALUE})")
  double c;

  @Override
  public Integer call() throws IOException {
    KeywordDataset dataset = KeywordDataset.load(data);
    KeyphraseRanker ranker =
        KeywordEvaluation.trainRanker(dataset, c, line -> System.err.println("train: " + line));
    Path target = out.toAbsolutePath();
    TrainTextCommand.writeModel(target, ranker::save);
    System.out.printf(
        Locale.ROOT,
        "keyphrase ranker: %d features, trained on %,d %s documents; written to %s%n",
        KeyphraseRanker.FEATURES.size(),
        dataset.catalog().size(),
        dataset.name(),
        target);
    return 0;
  }
}
