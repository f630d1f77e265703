package dev.heed.text.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.QueryBuilder;

/**
 * The catalog's text index (Lucene): BM25 over title and body (CJK bigrams for Chinese, words for
 * Latin script), an HNSW graph over the item embeddings, a second one over the English items'
 * English embeddings ({@link Space#ENGLISH}), and a stored analysis per item. Hybrid search fuses
 * the keyword and the vector ranking by weighted reciprocal rank (Cormack et al. 2009, k = 60, the
 * vector ranking weighted {@link #VECTOR_WEIGHT}). Thread-safe; writes are visible to searches
 * after {@link #refresh}.
 */
public final class SearchIndex implements AutoCloseable {
  /** The constant of reciprocal-rank fusion: a document scores sum of 1 / (k + rank). */
  public static final int RRF_K = 60;

  /**
   * The vector ranking's weight in the fusion (the keyword ranking's is 1 − this), so that the
   * keyword ranking mostly reorders near neighbours: the best of 0.3-0.95 on LCSTS summaries and
   * Inspec titles (MRR@10 0.932 and 0.913, against 0.926 and 0.904 at 0.5 and 0.926 and 0.910 for
   * the vector ranking alone); see docs/evaluation.md.
   */
  public static final double VECTOR_WEIGHT = 0.95;

  private static final String ID = "id";
  private static final String TEXT = "text";
  private static final String CATEGORY = "category";
  private static final String VECTOR = "vector";
  private static final String VECTOR_EN = "vector_en";
  private static final String ANALYSIS = "analysis";
  private static final String STAMP = "stamp";

  private final Directory directory;
  private final Analyzer analyzer = new CJKAnalyzer();
  private final IndexWriter writer;
  private final SearcherManager searchers;

  /** Opens (or creates) the index in {@code directory}. */
  public SearchIndex(Directory directory) {
    try {
      this.directory = directory;
      this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
      this.searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An index held in memory only (for evaluations and tests). */
  public static SearchIndex inMemory() {
    return new SearchIndex(new org.apache.lucene.store.ByteBuffersDirectory());
  }

  /**
   * An item as indexed: its text, categories, embedding, English embedding (English items only,
   * else null), analysis JSON and content stamp.
   */
  public record Entry(
      String id,
      String text,
      List<String> categories,
      float[] vector,
      float[] englishVector,
      String analysis,
      String stamp) {}

  /**
   * The vectors a vector query is matched against: every item's embedding, or the English
   * embeddings of the English items.
   */
  public enum Space {
    ALL,
    ENGLISH
  }

  /** A search hit with its fused score and its ranks in each list (0: absent from it). */
  public record Hit(String id, double score, int keywordRank, int vectorRank) {}

  /** Adds or replaces an item. */
  public void put(Entry e) {
    Document d = new Document();
    d.add(new StringField(ID, e.id(), Field.Store.YES));
    d.add(new TextField(TEXT, e.text(), Field.Store.NO));
    for (String c : e.categories()) {
      d.add(new StringField(CATEGORY, c, Field.Store.NO));
    }
    if (e.vector() != null && norm(e.vector()) > 0) {
      d.add(new KnnFloatVectorField(VECTOR, e.vector(), VectorSimilarityFunction.DOT_PRODUCT));
      d.add(new StoredField(VECTOR, floatsToBytes(e.vector())));
    }
    if (e.englishVector() != null && norm(e.englishVector()) > 0) {
      d.add(
          new KnnFloatVectorField(
              VECTOR_EN, e.englishVector(), VectorSimilarityFunction.DOT_PRODUCT));
    }
    d.add(new StoredField(ANALYSIS, e.analysis()));
    d.add(new StoredField(STAMP, e.stamp()));
    try {
      writer.updateDocument(new Term(ID, e.id()), d);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Removes an item. */
  public void delete(String id) {
    try {
      writer.deleteDocuments(new Term(ID, id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes writes visible to searches (not yet durable: see {@link #commit}). */
  public void refresh() {
    try {
      searchers.maybeRefresh();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes writes durable on disk and visible to searches. */
  public void commit() {
    try {
      writer.commit();
      searchers.maybeRefresh();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ids of every indexed item (as of the last refresh). */
  public List<String> ids() {
    IndexSearcher s = acquire();
    try {
      List<String> out = new ArrayList<>();
      var reader = s.getIndexReader();
      var fields = s.storedFields();
      for (var leaf : reader.leaves()) {
        var live = leaf.reader().getLiveDocs();
        for (int d = 0; d < leaf.reader().maxDoc(); d++) {
          if (live == null || live.get(d)) {
            out.add(fields.document(leaf.docBase + d).get(ID));
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(s);
    }
  }

  /** The stored analysis JSON of an item, if indexed. */
  public Optional<String> analysis(String id) {
    return stored(id, ANALYSIS);
  }

  /** The content stamp an item was indexed with (to skip unchanged items on catch-up). */
  public Optional<String> stamp(String id) {
    return stored(id, STAMP);
  }

  /** The stored embedding of an item, if it has one. */
  public Optional<float[]> vector(String id) {
    return vector(id, Space.ALL);
  }

  /**
   * An item's embedding in {@code space}: its embedding, or its English embedding (empty for an
   * item that is not English).
   */
  public Optional<float[]> vector(String id, Space space) {
    IndexSearcher s = acquire();
    try {
      TopDocs top = s.search(new TermQuery(new Term(ID, id)), 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      int doc = top.scoreDocs[0].doc;
      if (space == Space.ALL) {
        var field = s.storedFields().document(doc).getBinaryValue(VECTOR);
        return field == null
            ? Optional.empty()
            : Optional.of(bytesToFloats(field.bytes, field.offset, field.length));
      }
      // The English embedding is not stored separately: read it from the vector index.
      var leaves = s.getIndexReader().leaves();
      var leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
      FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR_EN);
      if (values == null) {
        return Optional.empty();
      }
      var it = values.iterator();
      int local = doc - leaf.docBase;
      return it.advance(local) == local
          ? Optional.of(values.vectorValue(it.index()).clone())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(s);
    }
  }

  /** Whether any item has English embeddings (as of the last refresh). */
  public boolean hasEnglishVectors() {
    IndexSearcher s = acquire();
    try {
      return hasField(s, VECTOR_EN);
    } finally {
      release(s);
    }
  }

  private static boolean hasField(IndexSearcher s, String field) {
    for (var leaf : s.getIndexReader().leaves()) {
      var info = leaf.reader().getFieldInfos().fieldInfo(field);
      if (info != null && info.hasVectorValues()) {
        return true;
      }
    }
    return false;
  }

  /** The number of items indexed (as of the last refresh). */
  public int size() {
    IndexSearcher s = acquire();
    try {
      return s.getIndexReader().numDocs();
    } finally {
      release(s);
    }
  }

  /**
   * Hybrid search: the top {@code n} of the BM25 ranking of {@code query} and the vector ranking of
   * {@code vector} over every item's embedding (either may be null), fused by reciprocal rank;
   * {@code category} filters.
   */
  public List<Hit> search(String query, float[] vector, int n, String category) {
    return search(query, vector, Space.ALL, n, category);
  }

  /** As above, the vector matched against the embeddings of {@code space}. */
  public List<Hit> search(String query, float[] vector, Space space, int n, String category) {
    return search(query, vector, space, n, category, VECTOR_WEIGHT);
  }

  /**
   * As above, with the vector ranking weighted {@code vectorWeight} in [0, 1] and the keyword
   * ranking 1 − that: score = 2 ((1 − w) / (k + keyword rank) + w / (k + vector rank)), so that 0.5
   * is plain reciprocal-rank fusion.
   */
  public List<Hit> search(
      String query, float[] vector, Space space, int n, String category, double vectorWeight) {
    if (!(vectorWeight >= 0 && vectorWeight <= 1)) {
      throw new IllegalArgumentException("vector weight " + vectorWeight + " is not in [0, 1]");
    }
    int depth = Math.max(n * 4, 50);
    Query filter = category == null ? null : new TermQuery(new Term(CATEGORY, category));
    IndexSearcher s = acquire();
    try {
      Map<String, int[]> ranks = new LinkedHashMap<>();
      if (query != null && !query.isBlank()) {
        Query q = new QueryBuilder(analyzer).createBooleanQuery(TEXT, query);
        if (q != null) {
          rank(s, s.search(filtered(q, filter), depth), ranks, 0);
        }
      }
      if (vector != null && norm(vector) > 0) {
        String field = space == Space.ENGLISH ? VECTOR_EN : VECTOR;
        if (hasField(s, field)) {
          rank(s, s.search(new KnnFloatVectorQuery(field, vector, depth, filter), depth), ranks, 1);
        }
      }
      List<Hit> hits = new ArrayList<>(ranks.size());
      ranks.forEach(
          (id, r) -> {
            double score =
                2
                    * ((r[0] > 0 ? (1 - vectorWeight) / (RRF_K + r[0]) : 0)
                        + (r[1] > 0 ? vectorWeight / (RRF_K + r[1]) : 0));
            hits.add(new Hit(id, score, r[0], r[1]));
          });
      hits.sort(
          (a, b) ->
              a.score() != b.score()
                  ? Double.compare(b.score(), a.score())
                  : a.id().compareTo(b.id()));
      return List.copyOf(hits.subList(0, Math.min(n, hits.size())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(s);
    }
  }

  /**
   * The items nearest to item {@code id} by embedding, without it ({@code category} filters): an
   * English item's English embedding against the other English items' (bge-small-en ranks English
   * text better than the bilingual item embedding, see docs/evaluation.md), any other item's
   * embedding against every item's. Empty for an item without an embedding.
   */
  public List<Hit> similar(String id, int n, String category) {
    Space space = Space.ENGLISH;
    Optional<float[]> v = vector(id, space);
    if (v.isEmpty()) {
      space = Space.ALL;
      v = vector(id, space);
    }
    if (v.isEmpty()) {
      return List.of();
    }
    return search(null, v.get(), space, n + 1, category).stream()
        .filter(h -> !h.id().equals(id))
        .limit(n)
        .toList();
  }

  /**
   * The items nearest to the mean embedding of the {@code ids}, without them: in the English space
   * when every one of them that has an embedding is English, else in every item's.
   */
  public List<Hit> similarTo(List<String> ids, int n) {
    Space space = Space.ENGLISH;
    float[] sum = sumVector(ids, space);
    if (sum == null) {
      space = Space.ALL;
      sum = sumVector(ids, space);
    }
    if (sum == null) {
      return List.of();
    }
    Set<String> skip = Set.copyOf(ids);
    return search(null, sum, space, n + skip.size(), null).stream()
        .filter(h -> !skip.contains(h.id()))
        .limit(n)
        .toList();
  }

  /**
   * The sum of the {@code ids}' embeddings in {@code space} (a cosine query needs no division);
   * null when none has one, or, in the English space, when one has an embedding but no English one.
   */
  private float[] sumVector(List<String> ids, Space space) {
    float[] sum = null;
    for (String id : ids) {
      float[] v = vector(id, space).orElse(null);
      if (v == null && space == Space.ENGLISH && vector(id).isPresent()) {
        return null;
      }
      if (v != null) {
        if (sum == null) {
          sum = new float[v.length];
        }
        for (int j = 0; j < v.length; j++) {
          sum[j] += v[j];
        }
      }
    }
    return sum;
  }

  private static Query filtered(Query q, Query filter) {
    if (filter == null) {
      return q;
    }
    return new BooleanQuery.Builder()
        .add(q, BooleanClause.Occur.MUST)
        .add(filter, BooleanClause.Occur.FILTER)
        .build();
  }

  private static void rank(IndexSearcher s, TopDocs top, Map<String, int[]> ranks, int list)
      throws IOException {
    int r = 0;
    for (ScoreDoc sd : top.scoreDocs) {
      String id = s.storedFields().document(sd.doc).get(ID);
      ranks.computeIfAbsent(id, k -> new int[2])[list] = ++r;
    }
  }

  private Optional<String> stored(String id, String field) {
    IndexSearcher s = acquire();
    try {
      TopDocs top = s.search(new TermQuery(new Term(ID, id)), 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      return Optional.ofNullable(s.storedFields().document(top.scoreDocs[0].doc).get(field));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(s);
    }
  }

  private IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void release(IndexSearcher s) {
    try {
      searchers.release(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return s;
  }

  private static byte[] floatsToBytes(float[] v) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * v.length);
    for (float x : v) {
      b.putFloat(x);
    }
    return b.array();
  }

  private static float[] bytesToFloats(byte[] bytes, int offset, int length) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes, offset, length);
    float[] v = new float[length / 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getFloat();
    }
    return v;
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
