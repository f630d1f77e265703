package dev.heed.eval.text;

import dev.heed.text.embed.BgeEmbedder;
import dev.heed.text.lang.LanguageDetector;
import dev.heed.text.search.SearchEmbeddings;
import dev.heed.text.search.SearchIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;

/**
 * Scores the engine's {@link SearchIndex} on a {@link RetrievalDataset}: every document is indexed
 * with its embeddings, as the engine indexes items, and each query is searched three ways — BM25
 * alone, the vector alone, and both fused by reciprocal rank (what {@code GET /v1/search} does, and
 * at each of the {@link #WEIGHTS}) — for its top {@link #DEPTH}. Metrics per way, averaged over
 * queries: MRR@10, recall@1, @5 and @10 (the share of the query's relevant documents found) and
 * nDCG@10 with binary relevance.
 */
public final class SearchEvaluation {
  /** How many hits are scored per query. */
  public static final int DEPTH = 10;

  /** The ways of searching, in the order they are reported. */
  public static final List<String> MODES = List.of("keyword", "vector", "hybrid");

  /**
   * The vector weights of the fusion also reported (as modes "hybrid w=W"), to choose {@link
   * SearchIndex#VECTOR_WEIGHT} by.
   */
  public static final double[] WEIGHTS = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};

  private SearchEvaluation() {}

  /**
   * Metrics of each mode, with the engine's embeddings ({@link SearchEmbeddings}): {@code embed}
   * embeds texts with a model (it may cache); with {@code englishVectors} false the English items
   * get no English vectors, so every query is matched against bge-small-zh, as before they existed.
   * {@code progress} gets the queries searched.
   */
  public static Map<String, Map<String, Double>> run(
      RetrievalDataset data,
      BiFunction<BgeEmbedder, List<String>, List<float[]>> embed,
      boolean englishVectors,
      IntConsumer progress) {
    if (data.queries().isEmpty()) {
      throw new IllegalArgumentException(data.name() + ": no queries");
    }
    BgeEmbedder items = BgeEmbedder.smallZh();
    BgeEmbedder english = SearchEmbeddings.englishModel();
    List<String> texts = data.documents().stream().map(RetrievalDataset.Document::text).toList();
    List<float[]> vectors = embed.apply(items, texts);
    LanguageDetector languages = new LanguageDetector();
    float[][] byItem =
        embedWhere(
            embed,
            english,
            texts,
            i ->
                englishVectors
                    && SearchEmbeddings.hasEnglishVector(languages.detect(texts.get(i))));
    Map<String, Metrics> metrics = new LinkedHashMap<>();
    for (String mode : MODES) {
      metrics.put(mode, new Metrics());
    }
    for (double w : WEIGHTS) {
      metrics.put(weighted(w), new Metrics());
    }
    try (SearchIndex index = SearchIndex.inMemory()) {
      for (int i = 0; i < texts.size(); i++) {
        RetrievalDataset.Document d = data.documents().get(i);
        index.put(
            new SearchIndex.Entry(
                d.id(), d.text(), List.of(), vectors.get(i), byItem[i], "{}", ""));
      }
      index.refresh();
      boolean hasEnglish = index.hasEnglishVectors();
      // Each query embedded by the model of the space it is matched in, as the engine does.
      List<SearchIndex.Space> spaces = new ArrayList<>();
      for (RetrievalDataset.Query q : data.queries()) {
        spaces.add(SearchEmbeddings.space(q.text(), hasEnglish));
      }
      float[][] zhQueries =
          queryVectors(embed, items, data, q -> spaces.get(q) == SearchIndex.Space.ALL);
      float[][] enQueries =
          queryVectors(embed, english, data, q -> spaces.get(q) == SearchIndex.Space.ENGLISH);
      for (int q = 0; q < data.queries().size(); q++) {
        RetrievalDataset.Query query = data.queries().get(q);
        SearchIndex.Space space = spaces.get(q);
        float[] v = space == SearchIndex.Space.ENGLISH ? enQueries[q] : zhQueries[q];
        metrics.get("keyword").add(ids(index.search(query.text(), null, DEPTH, null)), query);
        metrics.get("vector").add(ids(index.search(null, v, space, DEPTH, null)), query);
        metrics.get("hybrid").add(ids(index.search(query.text(), v, space, DEPTH, null)), query);
        for (double w : WEIGHTS) {
          metrics
              .get(weighted(w))
              .add(ids(index.search(query.text(), v, space, DEPTH, null, w)), query);
        }
        progress.accept(q + 1);
      }
    }
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    metrics.forEach((mode, m) -> out.put(mode, m.averages()));
    return out;
  }

  /** The name of the fusion at vector weight {@code w}. */
  public static String weighted(double w) {
    return "hybrid w=" + java.math.BigDecimal.valueOf(w).stripTrailingZeros().toPlainString();
  }

  /** The queries chosen by {@code which}, embedded by {@code model} with its instruction. */
  private static float[][] queryVectors(
      BiFunction<BgeEmbedder, List<String>, List<float[]>> embed,
      BgeEmbedder model,
      RetrievalDataset data,
      IntPredicate which) {
    List<String> texts =
        data.queries().stream().map(q -> model.searchQueryInstruction() + q.text()).toList();
    return embedWhere(embed, model, texts, which);
  }

  /** The vectors by {@code model} of the texts chosen by {@code which} (null for the others). */
  static float[][] embedWhere(
      BiFunction<BgeEmbedder, List<String>, List<float[]>> embed,
      BgeEmbedder model,
      List<String> texts,
      IntPredicate which) {
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      if (which.test(i)) {
        chosen.add(i);
      }
    }
    List<float[]> vectors = embed.apply(model, chosen.stream().map(texts::get).toList());
    float[][] out = new float[texts.size()][];
    for (int k = 0; k < chosen.size(); k++) {
      out[chosen.get(k)] = vectors.get(k);
    }
    return out;
  }

  private static List<String> ids(List<SearchIndex.Hit> hits) {
    List<String> ids = new ArrayList<>(hits.size());
    for (SearchIndex.Hit h : hits) {
      ids.add(h.id());
    }
    return ids;
  }

  /** Sums of the per-query metrics. */
  static final class Metrics {
    private double mrr;
    private double recall1;
    private double recall5;
    private double recall10;
    private double ndcg;
    private int queries;

    /** Adds the ranking {@code ids} (best first) of {@code query}. */
    void add(List<String> ids, RetrievalDataset.Query query) {
      int relevant = query.relevant().size();
      int found1 = 0;
      int found5 = 0;
      int found10 = 0;
      double dcg = 0;
      double rr = 0;
      for (int r = 0; r < Math.min(DEPTH, ids.size()); r++) {
        if (!query.relevant().contains(ids.get(r))) {
          continue;
        }
        if (rr == 0) {
          rr = 1.0 / (r + 1);
        }
        dcg += 1 / log2(r + 2);
        found1 += r < 1 ? 1 : 0;
        found5 += r < 5 ? 1 : 0;
        found10++;
      }
      double ideal = 0;
      for (int r = 0; r < Math.min(DEPTH, relevant); r++) {
        ideal += 1 / log2(r + 2);
      }
      mrr += rr;
      recall1 += found1 / (double) relevant;
      recall5 += found5 / (double) relevant;
      recall10 += found10 / (double) relevant;
      ndcg += dcg / ideal;
      queries++;
    }

    Map<String, Double> averages() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("mrr@10", mrr / queries);
      m.put("recall@1", recall1 / queries);
      m.put("recall@5", recall5 / queries);
      m.put("recall@10", recall10 / queries);
      m.put("ndcg@10", ndcg / queries);
      return m;
    }

    private static double log2(double x) {
      return Math.log(x) / Math.log(2);
    }
  }
}
