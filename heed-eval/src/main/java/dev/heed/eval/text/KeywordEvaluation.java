package dev.heed.eval.text;

import dev.heed.text.embed.TextEmbedder;
import dev.heed.text.keywords.DocumentFrequencies;
import dev.heed.text.keywords.KeyphraseRanker;
import dev.heed.text.keywords.Keyword;
import dev.heed.text.keywords.KeywordExtractor;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Scores extracted key phrases against gold ones as the pke toolkit does: both sides reduced to
 * matching keys (Porter-stemmed words for English, the exact words for Chinese); per document P@k =
 * hits / number predicted (at most k), R@k = hits / number of gold keys, F1 of the two; averaged
 * over documents. Document frequencies are learned from the data set's catalog (Inspec: the
 * training split, never the scored one); so is the learned ranker, and with {@code catalogTags} the
 * catalog's gold phrases count as its tags (when the catalog is not the scored split).
 */
public final class KeywordEvaluation {
  private KeywordEvaluation() {}

  /**
   * {"precision@k", "recall@k", "f1@k"} for each k in {@code ks}, as fractions, over the {@code
   * scored} documents of {@code data}.
   */
  public static Map<String, Double> run(
      KeywordDataset data,
      List<KeywordDataset.Doc> scored,
      double tfidfShare,
      TextEmbedder embedder,
      double embeddingShare,
      KeyphraseRanker ranker,
      boolean catalogTags,
      int[] ks,
      IntConsumer progress) {
    DocumentFrequencies df = new DocumentFrequencies();
    boolean tags = catalogTags && data.catalog() != scored && data.catalog() != data.test();
    for (KeywordDataset.Doc d : data.catalog()) {
      df.put(
          d.id(),
          KeywordExtractor.keys(d.text(), data.language()),
          tags ? keys(d, data.language()) : Set.of());
    }
    KeywordExtractor extractor =
        new KeywordExtractor(df, tfidfShare, embedder, embeddingShare, ranker);
    int maxK = java.util.Arrays.stream(ks).max().orElse(10);
    double[][] sums = new double[ks.length][3];
    int done = 0;
    for (KeywordDataset.Doc d : scored) {
      Set<String> gold = keys(d, data.language());
      List<String> predicted = new java.util.ArrayList<>();
      for (Keyword k : extractor.extract(d.text(), data.language(), maxK * 2)) {
        String key = KeywordExtractor.key(k.text(), data.language());
        if (!predicted.contains(key)) {
          predicted.add(key);
        }
      }
      for (int i = 0; i < ks.length; i++) {
        List<String> top = predicted.subList(0, Math.min(ks[i], predicted.size()));
        long hits = top.stream().filter(gold::contains).count();
        double p = top.isEmpty() ? 0 : (double) hits / top.size();
        double r = gold.isEmpty() ? 0 : (double) hits / gold.size();
        sums[i][0] += p;
        sums[i][1] += r;
        sums[i][2] += p + r == 0 ? 0 : 2 * p * r / (p + r);
      }
      progress.accept(++done);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    int n = Math.max(1, scored.size());
    for (int i = 0; i < ks.length; i++) {
      out.put("f1@" + ks[i], sums[i][2] / n);
      out.put("precision@" + ks[i], sums[i][0] / n);
      out.put("recall@" + ks[i], sums[i][1] / n);
    }
    return out;
  }

  /**
   * A ranker learned from the catalog's gold phrases (KeyphraseRanker.train, cost {@code c}); the
   * catalog must not be the scored split.
   */
  public static KeyphraseRanker trainRanker(
      KeywordDataset data, double c, java.util.function.Consumer<String> log) {
    if (data.catalog() == data.test()) {
      throw new IllegalArgumentException(
          data.name() + " has no training split apart from the scored one: a ranker cannot learn");
    }
    if ("zh".equals(data.language())) {
      throw new IllegalArgumentException("the learned ranker is for English key phrases");
    }
    List<KeyphraseRanker.Example> examples = new java.util.ArrayList<>();
    for (KeywordDataset.Doc d : data.catalog()) {
      examples.add(new KeyphraseRanker.Example(d.id(), d.text(), d.keys()));
    }
    return KeyphraseRanker.train(examples, c, log);
  }

  private static Set<String> keys(KeywordDataset.Doc d, String language) {
    Set<String> gold = new LinkedHashSet<>();
    for (String g : d.keys()) {
      gold.add(KeywordExtractor.key(g, language));
    }
    return gold;
  }
}
