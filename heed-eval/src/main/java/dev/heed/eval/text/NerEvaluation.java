package dev.heed.eval.text;

import dev.heed.eval.text.NerDataset.Sentence;
import dev.heed.eval.text.NerDataset.Span;
import dev.heed.text.analyze.Entity;
import dev.heed.text.analyze.EntityRecognizer;
import dev.heed.text.analyze.EntityTagger;
import dev.heed.text.analyze.TextDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Scores heed-text's {@link EntityRecognizer} on Chinese sentences with gold entities: each test
 * sentence is recognized on its own, PERSON, PLACE and ORGANIZATION become PER, LOC and ORG spans,
 * and {@link EntityMetrics} counts exact span and type matches. The recognizer is an {@link
 * EntityTagger} trained on the training part of the split ({@link #train}), or HanLP's as shipped
 * (not trained on the data; the training part is then only counted).
 */
public final class NerEvaluation {
  /** The sentences of each side of a split and its name ({@code given} or {@code seeded-80-20}). */
  public record Split(List<Sentence> train, List<Sentence> test, String name) {}

  /** Figures of one evaluation. */
  public record Result(
      int nTrain,
      int nTest,
      String split,
      Map<String, Double> metrics,
      int gold,
      int predicted,
      int correct,
      double seconds) {}

  private NerEvaluation() {}

  /**
   * {@code test} when given (then {@code data} is the training set), else the seeded 80/20 split of
   * {@link SeededPermutation} over the data's sentences.
   */
  public static Split split(NerDataset data, NerDataset test, long seed) {
    if (test != null) {
      return new Split(data.sentences(), test.sentences(), "given");
    }
    List<Sentence> rows = data.sentences();
    int[] perm = SeededPermutation.of(rows.size(), seed);
    int cut = (int) Math.floor(0.8 * perm.length);
    List<Sentence> train = new ArrayList<>(cut);
    List<Sentence> held = new ArrayList<>(perm.length - cut);
    for (int i = 0; i < perm.length; i++) {
      (i < cut ? train : held).add(rows.get(perm[i]));
    }
    return new Split(train, held, "seeded-80-20");
  }

  /** The engine's entity type of each gold type. */
  private static final Map<String, String> ENGINE_TYPES =
      Map.of("PER", "PERSON", "LOC", "PLACE", "ORG", "ORGANIZATION");

  /** The sentences as training examples of {@link EntityTagger}, in the engine's type names. */
  public static List<EntityTagger.Example> examples(List<Sentence> sentences) {
    List<EntityTagger.Example> out = new ArrayList<>(sentences.size());
    for (Sentence s : sentences) {
      List<Entity> entities = new ArrayList<>(s.entities().size());
      for (Span span : s.entities()) {
        entities.add(
            new Entity(
                s.text().substring(span.start(), span.end()),
                ENGINE_TYPES.get(span.type()),
                span.start()));
      }
      out.add(new EntityTagger.Example(s.text(), entities));
    }
    return out;
  }

  /** A tagger trained on {@code sentences}; {@code afterEpoch} gets each pass done. */
  public static EntityTagger train(
      List<Sentence> sentences, int epochs, long seed, IntConsumer afterEpoch) {
    return EntityTagger.train(examples(sentences), epochs, seed, afterEpoch);
  }

  /** HanLP's recognizers: scores every test sentence; reports sentences done. */
  public static EntityMetrics score(List<Sentence> test, IntConsumer progress) {
    return score(test, new EntityRecognizer(), progress);
  }

  /** Recognizes the entities of each sentence and counts matches; reports sentences done. */
  public static EntityMetrics score(
      List<Sentence> test, EntityRecognizer recognizer, IntConsumer progress) {
    EntityMetrics metrics = new EntityMetrics();
    int done = 0;
    for (Sentence s : test) {
      metrics.add(s.entities(), predict(recognizer, s.text()));
      progress.accept(++done);
    }
    return metrics;
  }

  /** Scores HanLP's recognizers on the test side of a split and times it. */
  public static Result run(Split split, IntConsumer progress) {
    return run(split, new EntityRecognizer(), progress);
  }

  /** Scores {@code recognizer} on the test side of a split and times the scoring. */
  public static Result run(Split split, EntityRecognizer recognizer, IntConsumer progress) {
    long start = System.nanoTime();
    if (split.test().isEmpty()) {
      throw new IllegalArgumentException("the test set has no sentences");
    }
    EntityMetrics m = score(split.test(), recognizer, progress);
    return new Result(
        split.train().size(),
        split.test().size(),
        split.name(),
        m.metrics(),
        m.gold(),
        m.predicted(),
        m.correct(),
        (System.nanoTime() - start) / 1e9);
  }

  static List<Span> predict(EntityRecognizer recognizer, String text) {
    List<Span> out = new ArrayList<>();
    for (Entity e : recognizer.mentions(new TextDocument(text, "zh", null))) {
      String type =
          switch (e.type()) {
            case "PERSON" -> "PER";
            case "PLACE" -> "LOC";
            case "ORGANIZATION" -> "ORG";
            default -> null; // untyped English NAME spans have no gold counterpart here
          };
      if (type != null) {
        out.add(new Span(e.start(), e.start() + e.text().length(), type));
      }
    }
    return out;
  }
}
