package dev.heed.eval.text;

import dev.heed.text.classify.LabeledText;
import dev.heed.text.embed.BgeEmbedder;
import dev.heed.text.lang.LanguageDetector;
import dev.heed.text.search.SearchEmbeddings;
import dev.heed.text.search.SearchIndex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;

/**
 * Scores "similar items" ({@link SearchIndex#similar}, what {@code GET /v1/items/{id}/similar} and
 * the feeds' content candidates use) on labeled texts: every text is indexed as the engine indexes
 * items, and each one's {@link #DEPTH} nearest items are counted as right when they carry its label
 * (a topic, say). Two ways: the engine's (English items by their bge-small-en vectors, others by
 * the item embedding) and the item embedding (bge-small-zh) for every item. Metric per way,
 * averaged over the texts: precision@10, the share of the neighbours with the text's label.
 */
public final class SimilarEvaluation {
  /** How many neighbours are scored per text. */
  public static final int DEPTH = 10;

  /** The ways, in the order they are reported. */
  public static final List<String> MODES = List.of("engine", "item_embedding");

  private SimilarEvaluation() {}

  /**
   * precision@10 per way; {@code embed} embeds texts with a model (it may cache), {@code progress}
   * gets the texts done.
   */
  public static Map<String, Double> run(
      List<LabeledText> rows,
      BiFunction<BgeEmbedder, List<String>, List<float[]>> embed,
      IntConsumer progress) {
    if (rows.size() <= DEPTH) {
      throw new IllegalArgumentException(
          "similar needs more than " + DEPTH + " texts, got " + rows.size());
    }
    List<String> texts = rows.stream().map(LabeledText::text).toList();
    List<float[]> vectors = embed.apply(BgeEmbedder.smallZh(), texts);
    LanguageDetector languages = new LanguageDetector();
    float[][] english =
        SearchEvaluation.embedWhere(
            embed,
            SearchEmbeddings.englishModel(),
            texts,
            i -> SearchEmbeddings.hasEnglishVector(languages.detect(texts.get(i))));
    double[] sums = new double[MODES.size()];
    try (SearchIndex index = SearchIndex.inMemory()) {
      for (int i = 0; i < texts.size(); i++) {
        index.put(
            new SearchIndex.Entry(
                Integer.toString(i),
                texts.get(i),
                List.of(),
                vectors.get(i),
                english[i],
                "{}",
                ""));
      }
      index.refresh();
      for (int i = 0; i < texts.size(); i++) {
        String id = Integer.toString(i);
        String label = rows.get(i).label();
        sums[0] += precision(index.similar(id, DEPTH, null), rows, label);
        List<SearchIndex.Hit> byItemEmbedding =
            index.search(null, vectors.get(i), DEPTH + 1, null).stream()
                .filter(h -> !h.id().equals(id))
                .limit(DEPTH)
                .toList();
        sums[1] += precision(byItemEmbedding, rows, label);
        progress.accept(i + 1);
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (int m = 0; m < MODES.size(); m++) {
      out.put(MODES.get(m), sums[m] / texts.size());
    }
    return out;
  }

  /** The share of {@link #DEPTH} places held by hits labeled {@code label}. */
  private static double precision(
      List<SearchIndex.Hit> hits, List<LabeledText> rows, String label) {
    int right = 0;
    for (SearchIndex.Hit h : hits) {
      if (rows.get(Integer.parseInt(h.id())).label().equals(label)) {
        right++;
      }
    }
    return right / (double) DEPTH;
  }
}
