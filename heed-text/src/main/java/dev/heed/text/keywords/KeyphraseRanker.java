package dev.heed.text.keywords;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A learned ranking of English key-phrase candidates (supervised extraction in the manner of KEA,
 * Frank et al. 1999): logistic regression on each candidate's {@link KeywordExtractor.Signals}
 * (TF-IDF, TextRank, position, idf, frequency, length, nesting among the text's candidates) and on
 * its "keyphraseness", the number of catalog documents tagged with the phrase. Two weight vectors
 * are fitted: one with keyphraseness, used when the catalog has tagged documents, and one without
 * it (its features held at 0 in training), used when it has none. Trained on documents with gold
 * key phrases; the engine ships one trained on Inspec's training abstracts ({@link #SHIPPED};
 * recipe in docs/evaluation.md). Immutable and thread-safe.
 */
public final class KeyphraseRanker {
  /** The ranker the engine ships (class path resource). */
  public static final String SHIPPED = "/dev/heed/text/models/keyphrase.ranker";

  private static final String FORMAT = "heed-keyphrase-ranker-1";

  /** The features, in the order of the weights. */
  public static final List<String> FEATURES =
      List.of(
          "tfidf",
          "textrank",
          "position",
          "idf",
          "log_count",
          "words_1",
          "words_2",
          "words_3",
          "words_4_plus",
          "relative_first",
          "textrank_per_word",
          "log_within",
          "log_contains",
          "first_word",
          "log_tagged",
          "tagged");

  private static volatile KeyphraseRanker shipped;

  static {
    Linear.disableDebugOutput();
  }

  /** The features that read the catalog's tags. */
  private static final Set<String> TAG_FEATURES = Set.of("log_tagged", "tagged");

  // One weight per feature, then the bias.
  private final double[] tagged;
  private final double[] untagged;

  private KeyphraseRanker(double[] tagged, double[] untagged) {
    for (double[] w : List.of(tagged, untagged)) {
      if (w.length != FEATURES.size() + 1) {
        throw new IllegalArgumentException(
            "a ranker has " + (FEATURES.size() + 1) + " weights, got " + w.length);
      }
    }
    this.tagged = tagged.clone();
    this.untagged = untagged.clone();
  }

  /** The shipped ranker, loaded once. */
  public static KeyphraseRanker shipped() {
    if (shipped == null) {
      synchronized (KeyphraseRanker.class) {
        if (shipped == null) {
          try (InputStream in = KeyphraseRanker.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
              throw new IllegalStateException(SHIPPED + " is not on the class path");
            }
            shipped = load(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return shipped;
  }

  /**
   * The weight of each feature and of the bias: of the model for a catalog with tags ({@code
   * withTags}) or without.
   */
  public Map<String, Double> weights(boolean withTags) {
    double[] w = withTags ? tagged : untagged;
    Map<String, Double> out = new LinkedHashMap<>();
    for (int j = 0; j < FEATURES.size(); j++) {
      out.put(FEATURES.get(j), w[j]);
    }
    out.put("bias", w[FEATURES.size()]);
    return out;
  }

  /** The probability of each candidate being a key phrase, aligned with {@code signals}. */
  public double[] scores(List<KeywordExtractor.Signals> signals, DocumentFrequencies catalog) {
    double[] weights = catalog.taggedDocuments() > 0 ? tagged : untagged;
    double[][] x = features(signals, catalog);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = weights[FEATURES.size()];
      for (int j = 0; j < x[i].length; j++) {
        s += weights[j] * x[i][j];
      }
      out[i] = 1 / (1 + Math.exp(-s));
    }
    return out;
  }

  /** The feature vector of each candidate of one text ({@link #FEATURES}). */
  static double[][] features(List<KeywordExtractor.Signals> signals, DocumentFrequencies catalog) {
    double maxIdf = Math.log(catalog.documents() + 1.0) + 1;
    double[][] out = new double[signals.size()][];
    String[] padded = new String[signals.size()]; // " key ": whole words match inside others
    for (int i = 0; i < padded.length; i++) {
      padded[i] = " " + signals.get(i).candidate().key() + " ";
    }
    for (int i = 0; i < out.length; i++) {
      KeywordExtractor.Signals s = signals.get(i);
      KeywordExtractor.Candidate c = s.candidate();
      int words = c.words().size();
      int within = 0; // longer candidates this one is part of
      int contains = 0; // shorter candidates inside this one
      for (int o = 0; o < padded.length; o++) {
        if (o != i) {
          within += padded[o].contains(padded[i]) ? 1 : 0;
          contains += padded[i].contains(padded[o]) ? 1 : 0;
        }
      }
      long tagged = catalog.tagged(c.key());
      out[i] =
          new double[] {
            s.tfidf(),
            s.textRank(),
            s.position(),
            s.idf() / maxIdf,
            Math.log1p(c.count()),
            words == 1 ? 1 : 0,
            words == 2 ? 1 : 0,
            words == 3 ? 1 : 0,
            words >= 4 ? 1 : 0,
            (double) c.first() / Math.max(1, s.textWords()),
            s.textRank() / words,
            Math.log1p(within),
            Math.log1p(contains),
            c.first() == 0 ? 1 : 0,
            Math.log1p(tagged),
            tagged > 0 ? 1 : 0
          };
    }
    return out;
  }

  /** A training document: its id, English text and gold key phrases (its tags). */
  public record Example(String id, String text, Collection<String> keyPhrases) {}

  /**
   * Fits a ranker on {@code examples} with L2-regularized logistic regression (LIBLINEAR, cost
   * {@code c}); a candidate is positive when its key matches a gold phrase's. The catalog the
   * features read is the examples themselves (their phrases and gold tags), each text's own counts
   * left out while its candidates are made, as a new document would see it.
   */
  public static KeyphraseRanker train(List<Example> examples, double c, Consumer<String> log) {
    DocumentFrequencies catalog = catalog(examples);
    KeywordExtractor extractor = new KeywordExtractor(catalog, 0.3);
    List<Feature[]> rows = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    int positives = 0;
    for (Example e : examples) {
      Set<String> keys = KeywordExtractor.keys(e.text(), "en");
      Set<String> gold = goldKeys(e);
      catalog.remove(e.id());
      List<KeywordExtractor.Signals> signals = extractor.signals(e.text(), "en");
      double[][] x = features(signals, catalog);
      catalog.put(e.id(), keys, gold);
      for (int i = 0; i < x.length; i++) {
        Feature[] row = new Feature[x[i].length + 1];
        for (int j = 0; j < x[i].length; j++) {
          row[j] = new FeatureNode(j + 1, x[i][j]);
        }
        row[x[i].length] = new FeatureNode(x[i].length + 1, 1); // the intercept's feature
        rows.add(row);
        boolean hit = gold.contains(signals.get(i).candidate().key());
        y.add(hit ? 1.0 : 0.0);
        positives += hit ? 1 : 0;
      }
    }
    if (positives == 0 || positives == rows.size()) {
      throw new IllegalArgumentException(
          "training needs candidates that are key phrases and ones that are not; "
              + positives
              + " of "
              + rows.size()
              + " are");
    }
    log.accept(
        String.format(
            Locale.ROOT,
            "%,d candidates of %,d documents, %,d of them key phrases",
            rows.size(),
            examples.size(),
            positives));
    double[] labels = y.stream().mapToDouble(Double::doubleValue).toArray();
    List<Feature[]> withoutTags = new ArrayList<>(rows.size());
    for (Feature[] row : rows) {
      Feature[] copy = new Feature[row.length];
      for (int j = 0; j < row.length; j++) {
        boolean tag = j < FEATURES.size() && TAG_FEATURES.contains(FEATURES.get(j));
        copy[j] = new FeatureNode(j + 1, tag ? 0 : row[j].getValue());
      }
      withoutTags.add(copy);
    }
    double[] untagged = fit(withoutTags, labels, c);
    for (int j = 0; j < FEATURES.size(); j++) {
      if (TAG_FEATURES.contains(FEATURES.get(j))) {
        untagged[j] = 0; // the features were 0: their weights are (LIBLINEAR leaves a -0.0)
      }
    }
    return new KeyphraseRanker(fit(rows, labels, c), untagged);
  }

  private static double[] fit(List<Feature[]> rows, double[] y, double c) {
    Problem problem = new Problem();
    problem.l = rows.size();
    problem.n = FEATURES.size() + 1;
    problem.x = rows.toArray(new Feature[0][]);
    problem.bias = -1; // the rows carry the intercept's feature already
    problem.y = y;
    Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, 0.001));
    double[] raw = model.getFeatureWeights();
    // LIBLINEAR orders the two labels by first appearance; its weights score labels[0].
    double sign = model.getLabels()[0] == 1 ? 1 : -1;
    double[] w = new double[FEATURES.size() + 1];
    for (int j = 0; j < w.length; j++) {
      w[j] = sign * raw[j];
    }
    return w;
  }

  /** The catalog of {@code examples}: their candidate keys, tagged with their gold phrases. */
  public static DocumentFrequencies catalog(List<Example> examples) {
    DocumentFrequencies catalog = new DocumentFrequencies();
    for (Example e : examples) {
      catalog.put(e.id(), KeywordExtractor.keys(e.text(), "en"), goldKeys(e));
    }
    return catalog;
  }

  private static Set<String> goldKeys(Example e) {
    Set<String> gold = new HashSet<>();
    for (String g : e.keyPhrases()) {
      String k = KeywordExtractor.key(g, "en");
      if (!k.isEmpty()) {
        gold.add(k);
      }
    }
    return gold;
  }

  /**
   * Writes the ranker as text: a format line, then per feature (and the bias) a line "name
   * weight-with-tags weight-without-tags".
   */
  public void save(OutputStream out) throws IOException {
    StringBuilder s = new StringBuilder(FORMAT).append('\n');
    for (int j = 0; j <= FEATURES.size(); j++) {
      s.append(j < FEATURES.size() ? FEATURES.get(j) : "bias")
          .append(' ')
          .append(tagged[j])
          .append(' ')
          .append(untagged[j])
          .append('\n');
    }
    out.write(s.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a ranker written by {@link #save}. */
  public static KeyphraseRanker load(InputStream in) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String first = r.readLine();
    if (!FORMAT.equals(first)) {
      throw new IOException("not a keyphrase ranker (expected " + FORMAT + ", got " + first + ")");
    }
    Map<String, double[]> byName = new LinkedHashMap<>();
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.strip().split(" ");
      if (parts.length != 3) {
        throw new IOException("bad ranker line: " + line);
      }
      try {
        byName.put(
            parts[0], new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2])});
      } catch (NumberFormatException e) {
        throw new IOException("bad ranker weight: " + line, e);
      }
    }
    double[] tagged = new double[FEATURES.size() + 1];
    double[] untagged = new double[FEATURES.size() + 1];
    for (int j = 0; j <= FEATURES.size(); j++) {
      String name = j < FEATURES.size() ? FEATURES.get(j) : "bias";
      double[] v = byName.get(name);
      if (v == null) {
        throw new IOException("the ranker has no weight for " + name);
      }
      tagged[j] = v[0];
      untagged[j] = v[1];
    }
    return new KeyphraseRanker(tagged, untagged);
  }
}
