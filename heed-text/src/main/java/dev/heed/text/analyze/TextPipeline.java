package dev.heed.text.analyze;

import dev.heed.text.classify.TextClassifier;
import dev.heed.text.classify.ZeroShotClassifier;
import dev.heed.text.embed.BgeEmbedder;
import dev.heed.text.embed.TextEmbedder;
import dev.heed.text.keywords.DocumentFrequencies;
import dev.heed.text.keywords.KeyphraseRanker;
import dev.heed.text.keywords.Keyword;
import dev.heed.text.keywords.KeywordExtractor;
import dev.heed.text.lang.LanguageDetector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the requested analyses over a text: detects the language unless given, then keywords,
 * summary, sentiment, topics, entities and the embedding. Sentiment comes from a trained classifier
 * when set, else from the shipped model ({@link #DEFAULT_SENTIMENT_MODEL}); topics from a trained
 * classifier, else zero-shot from label descriptions. A trained classifier reads the vectors of the
 * embedder it names ({@link BgeEmbedder#named}: bge-small-en for English models), the rest of the
 * pipeline those of the pipeline's embedder. Thread-safe.
 */
public final class TextPipeline {
  /** Every task name, in the order results are reported. */
  public static final List<String> TASKS =
      List.of("language", "keywords", "summary", "sentiment", "topics", "entities", "embedding");

  /**
   * The sentiment model the engine ships (class path resource): logistic regression on
   * bge-small-zh-v1.5 embeddings, holding no words of its training data; recipe and provenance in
   * docs/evaluation.md.
   */
  public static final String DEFAULT_SENTIMENT_MODEL = "/dev/heed/text/models/sentiment.classifier";

  private final TextEmbedder embedder;
  private final LanguageDetector languages = new LanguageDetector();
  private final DocumentFrequencies frequencies;
  private final Analyzer<List<Keyword>> keywords;
  private final Analyzer<List<String>> summary;
  private final Analyzer<Sentiment> sentiment;
  private final Analyzer<List<Topic>> topics;
  private final Analyzer<List<Entity>> entities;

  /**
   * A pipeline on {@code embedder}; {@code sentimentModel} and {@code topicModel} may be null
   * (zero-shot then).
   */
  public TextPipeline(
      TextEmbedder embedder,
      DocumentFrequencies frequencies,
      TextClassifier sentimentModel,
      TextClassifier topicModel) {
    this(embedder, frequencies, sentimentModel, topicModel, null);
  }

  /**
   * A pipeline on {@code embedder}; {@code sentimentModel} and {@code topicModel} may be null
   * (zero-shot then), {@code entityModel} too (HanLP's recognizers for Chinese then).
   */
  public TextPipeline(
      TextEmbedder embedder,
      DocumentFrequencies frequencies,
      TextClassifier sentimentModel,
      TextClassifier topicModel,
      EntityTagger entityModel) {
    this.embedder = embedder;
    this.entities = new EntityRecognizer(entityModel);
    this.frequencies = frequencies;
    KeywordExtractor extractor = new KeywordExtractor(frequencies, KeyphraseRanker.shipped());
    this.keywords = analyzer("keywords", d -> extractor.extract(d.text(), d.language(), 10));
    this.summary = Summarizer.engine();
    this.sentiment = sentimentAnalyzer(sentimentModel);
    this.topics = topicAnalyzer(topicModel);
  }

  /** The catalog's document frequencies that keyword extraction reads. */
  public DocumentFrequencies frequencies() {
    return frequencies;
  }

  /** The embedding model. */
  public TextEmbedder embedder() {
    return embedder;
  }

  /**
   * Analyzes {@code text}; {@code language} null detects it; {@code tasks} empty means every task
   * but the embedding.
   */
  public TextAnalysis analyze(String text, String language, Set<String> tasks) {
    Set<String> wanted = new LinkedHashSet<>(tasks);
    for (String t : wanted) {
      if (!TASKS.contains(t)) {
        throw new IllegalArgumentException("unknown task '" + t + "' (tasks: " + TASKS + ")");
      }
    }
    if (wanted.isEmpty()) {
      wanted.addAll(TASKS);
      wanted.remove("embedding");
    }
    String lang = language == null || language.isBlank() ? languages.detect(text) : language;
    TextDocument doc = new TextDocument(text, lang, embedder);
    return new TextAnalysis(
        lang,
        wanted.contains("keywords") ? keywords.analyze(doc) : null,
        wanted.contains("summary") ? summary.analyze(doc) : null,
        wanted.contains("sentiment") ? sentiment.analyze(doc) : null,
        wanted.contains("topics") ? topics.analyze(doc) : null,
        wanted.contains("entities") ? entities.analyze(doc) : null,
        wanted.contains("embedding") ? embedder.name() : null,
        wanted.contains("embedding") ? doc.embedding() : null);
  }

  /** The analyzers, for conformance testing. */
  public List<Analyzer<?>> analyzers() {
    return List.of(keywords, summary, sentiment, topics, entities);
  }

  private Analyzer<Sentiment> sentimentAnalyzer(TextClassifier trained) {
    TextClassifier model = trained != null ? trained : shippedSentimentModel();
    if (model == null) {
      ZeroShotClassifier zeroShot = new ZeroShotClassifier(embedder, DefaultLabels.sentiment());
      return analyzer(
          "sentiment",
          d -> {
            if (d.text().isBlank()) {
              return new Sentiment(0, "neutral");
            }
            double[] p = zeroShot.probabilities(d.embedding());
            return Sentiment.of(p[1], p[0]);
          });
    }
    int positive = positiveIndex(model.labels());
    TextEmbedder reads = embedderOf(model);
    return analyzer(
        "sentiment",
        d -> {
          if (d.text().isBlank()) {
            return new Sentiment(0, "neutral");
          }
          double[] p = model.probabilities(d.text(), reads == null ? null : d.embedding(reads));
          return Sentiment.of(p[positive], 1 - p[positive]);
        });
  }

  private Analyzer<List<Topic>> topicAnalyzer(TextClassifier model) {
    ZeroShotClassifier zeroShot =
        model == null ? new ZeroShotClassifier(embedder, DefaultLabels.topics()) : null;
    TextEmbedder reads = model == null ? null : embedderOf(model);
    return analyzer(
        "topics",
        d -> {
          if (d.text().isBlank()) {
            return List.of();
          }
          List<String> labels = model == null ? zeroShot.labels() : model.labels();
          double[] p =
              model == null
                  ? zeroShot.probabilities(d.embedding())
                  : model.probabilities(d.text(), reads == null ? null : d.embedding(reads));
          List<Topic> out = new ArrayList<>();
          for (int k = 0; k < p.length; k++) {
            out.add(new Topic(labels.get(k), p[k]));
          }
          out.sort(Comparator.comparingDouble(Topic::probability).reversed());
          return List.copyOf(out.subList(0, Math.min(3, out.size())));
        });
  }

  /** The embedder whose vectors {@code model} reads, or null for an n-gram-only model. */
  private TextEmbedder embedderOf(TextClassifier model) {
    String name = model.embedderName();
    if (name == null || model.ngramShare() >= 1) {
      return null;
    }
    return name.equals(embedder.name()) ? embedder : BgeEmbedder.named(name);
  }

  private static TextClassifier shippedSentimentModel() {
    try (java.io.InputStream in = TextPipeline.class.getResourceAsStream(DEFAULT_SENTIMENT_MODEL)) {
      return in == null ? null : TextClassifier.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("the shipped sentiment model is unreadable", e);
    }
  }

  /** The label that means positive: "1", "positive", "pos" (else the last label). */
  static int positiveIndex(List<String> labels) {
    for (String name : List.of("1", "positive", "pos")) {
      int i = labels.indexOf(name);
      if (i >= 0) {
        return i;
      }
    }
    return labels.size() - 1;
  }

  private static <R> Analyzer<R> analyzer(
      String task, java.util.function.Function<TextDocument, R> f) {
    return new Analyzer<>() {
      @Override
      public String task() {
        return task;
      }

      @Override
      public R analyze(TextDocument document) {
        return f.apply(document);
      }
    };
  }
}
