package dev.heed.server.text;

import dev.heed.api.Item;
import dev.heed.api.store.ItemStore;
import dev.heed.core.json.Json;
import dev.heed.core.recommend.feed.ContentCandidates;
import dev.heed.text.analyze.EntityTagger;
import dev.heed.text.analyze.TextAnalysis;
import dev.heed.text.analyze.TextPipeline;
import dev.heed.text.classify.TextClassifier;
import dev.heed.text.embed.BgeEmbedder;
import dev.heed.text.keywords.DocumentFrequencies;
import dev.heed.text.keywords.KeywordExtractor;
import dev.heed.text.lang.LanguageDetector;
import dev.heed.text.search.SearchEmbeddings;
import dev.heed.text.search.SearchIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's text analysis: a {@link TextPipeline} made on first use (loading the embedding model
 * takes a second or two and ~100 MB), whose keyword document frequencies are learned from the
 * catalog then and kept up to date as items are written and deleted through the API.
 */
public final class TextEngine {
  /**
   * The version of what an index entry holds: entries made before a change (here: the English
   * vectors of English items) are re-analyzed once.
   */
  private static final String ENTRY_LAYOUT = "2";

  /** The entity tagger's file under {@code <data-dir>/models}. */
  private static final String ENTITY_MODEL = "ner.tagger";

  private static final Logger log = LoggerFactory.getLogger(TextEngine.class);

  private static final long RECHECK_NANOS = 5_000_000_000L;

  private final ItemStore items;
  private final Path models;
  private final Path indexDir;
  private final ExecutorService indexer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "heed-text-index");
            t.setDaemon(true);
            return t;
          });
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger writes = new AtomicInteger();
  private volatile SearchIndex index;
  private final LanguageDetector languages = new LanguageDetector();
  private volatile TextPipeline pipeline;
  private volatile String modelStamp = "";

  /** The entity tagger file's stamp: a change reloads the pipeline but re-indexes nothing. */
  private volatile String entityStamp = "";

  private volatile long checkedAt;

  public TextEngine(ItemStore items, Path models, Path indexDir) {
    this.items = items;
    this.models = models;
    this.indexDir = indexDir;
  }

  /**
   * Opens the search index and analyzes, in the background, every catalog item that is not yet
   * indexed with its current content; afterwards items written through the API are analyzed as they
   * arrive. Called by the server, not by one-shot commands.
   */
  public synchronized void startIndexing() {
    if (index != null) {
      return;
    }
    try {
      index = new SearchIndex(FSDirectory.open(indexDir));
    } catch (IOException | UncheckedIOException e) {
      // Another server on the same data directory holds the index: serve without search.
      log.warn(
          "text index {} unavailable ({}); search and content candidates are off", indexDir, e);
      return;
    }
    catchUp();
  }

  /**
   * Re-analyzes, in the background, every catalog item whose content or models changed since it was
   * indexed, and drops indexed items no longer in the catalog (a delete lost to a crash).
   */
  private void catchUp() {
    submit(
        () -> {
          pipeline(); // loads the models, so that stamps carry them
          int analyzed = 0;
          java.util.Set<String> catalog = new java.util.HashSet<>();
          for (Item item : items.all()) {
            catalog.add(item.id());
            if (!stampOf(item).equals(index.stamp(item.id()).orElse(""))) {
              indexNow(item);
              if (++analyzed % 100 == 0) {
                index.commit();
                log.info("text index catch-up: {} items analyzed", analyzed);
              }
            }
          }
          int dropped = 0;
          for (String id : index.ids()) {
            if (!catalog.contains(id)) {
              index.delete(id);
              dropped++;
            }
          }
          index.commit();
          if (analyzed + dropped > 0) {
            log.info("text index catch-up done: {} items analyzed, {} dropped", analyzed, dropped);
          }
        });
  }

  /** Runs index work on the indexer thread, counted in {@link #pending()} until done. */
  private void submit(Runnable work) {
    pending.incrementAndGet();
    try {
      indexer.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              log.warn("text indexing failed: {}", e.toString());
            } finally {
              pending.decrementAndGet();
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      pending.decrementAndGet(); // shutting down: the next start's catch-up redoes it
    }
  }

  /** Items written but not yet analyzed and indexed (0 when idle). */
  public int pending() {
    return pending.get();
  }

  /** The stored analysis of an item: empty when it is not indexed (yet). */
  public Optional<String> itemAnalysis(Item item) {
    SearchIndex i = index;
    if (i == null || !stampOf(item).equals(i.stamp(item.id()).orElse(""))) {
      return Optional.empty();
    }
    return i.analysis(item.id());
  }

  /** Hybrid keyword + vector search of the catalog; empty before indexing starts. */
  public List<SearchIndex.Hit> search(String query, int n, String category) {
    SearchIndex i = index;
    if (i == null) {
      return List.of();
    }
    SearchIndex.Space space = SearchEmbeddings.space(query, i.hasEnglishVectors());
    var model =
        space == SearchIndex.Space.ENGLISH
            ? SearchEmbeddings.englishModel()
            : pipeline().embedder();
    String instruction = model instanceof BgeEmbedder bge ? bge.searchQueryInstruction() : "";
    return i.search(query, model.embed(instruction + query), space, n, category);
  }

  /**
   * The content-based candidates of the feeds: items nearest to the {@code engaged} ones (which are
   * left out, see {@link SearchIndex#similarTo}); empty before indexing starts.
   */
  public List<ContentCandidates.Candidate> similarTo(List<String> engaged, int n) {
    SearchIndex i = index;
    if (i == null) {
      return List.of();
    }
    return i.similarTo(engaged, n).stream()
        .map(h -> new ContentCandidates.Candidate(h.id(), h.score()))
        .toList();
  }

  /** Items nearest to an item by embedding ({@link SearchIndex#similar}); empty before indexing. */
  public List<SearchIndex.Hit> similar(String itemId, int n, String category) {
    SearchIndex i = index;
    return i == null ? List.of() : i.similar(itemId, n, category);
  }

  /** Where {@code ./heed train <task>} installs a classifier for a data directory. */
  public static Path modelFile(Path dataDir, String task) {
    return dataDir.resolve("models").resolve(task + ".classifier");
  }

  /** Where {@code ./heed train ner} installs the entity tagger for a data directory. */
  public static Path entityModelFile(Path dataDir) {
    return dataDir.resolve("models").resolve(ENTITY_MODEL);
  }

  /** Analyzes a text (see {@link TextPipeline#analyze}). */
  public TextAnalysis analyze(String text, String language, Set<String> tasks) {
    return pipeline().analyze(text, language, tasks);
  }

  /**
   * A written item: its phrases count for keyword extraction (once the pipeline exists; it reads
   * the catalog then), and it is analyzed and indexed in the background.
   */
  public void observe(Item item) {
    TextPipeline p = pipeline;
    if (p != null) {
      count(p.frequencies(), item);
    }
    if (index != null) {
      reindex(item.id());
    }
  }

  /**
   * Brings one item's index entry in line with the store. The task re-reads the item, so that
   * writes racing each other (two updates, an update and a delete) end as the store ended.
   */
  private void reindex(String id) {
    submit(
        () -> {
          Optional<Item> now = items.get(id);
          if (now.isPresent()) {
            if (!stampOf(now.get()).equals(index.stamp(id).orElse(""))) {
              indexNow(now.get());
            }
          } else {
            index.delete(id);
          }
          index.refresh();
          if (writes.incrementAndGet() % 100 == 0) {
            index.commit();
          }
        });
  }

  /** A deleted item: its phrases stop counting and it leaves the index. */
  public void observeDeleted(String itemId) {
    TextPipeline p = pipeline;
    if (p != null) {
      p.frequencies().remove(itemId);
    }
    if (index != null) {
      reindex(itemId);
    }
  }

  /** Stops the indexer and closes the index. */
  public void close() {
    indexer.shutdown();
    try {
      if (!indexer.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("text indexer still busy after 30 s; closing the index anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    SearchIndex i = index;
    if (i != null) {
      i.commit();
      i.close();
    }
  }

  private static final Set<String> ITEM_TASKS =
      Set.of("language", "keywords", "sentiment", "topics", "embedding");

  private void indexNow(Item item) {
    index.put(entry(pipeline(), item, stampOf(item)));
  }

  /**
   * What an item is indexed as: the analysis of its title and body by {@code pipeline} (language,
   * keywords, sentiment, topics, embedding), stored without the vector, and, for an English item,
   * its bge-small-en vector too.
   */
  public static SearchIndex.Entry entry(TextPipeline pipeline, Item item, String stamp) {
    String text = textOf(item);
    TextAnalysis a = pipeline.analyze(text, item.language(), ITEM_TASKS);
    TextAnalysis stored =
        new TextAnalysis(
            a.language(), a.keywords(), null, a.sentiment(), a.topics(), null, a.embedder(), null);
    String json;
    try {
      json = Json.mapper().writeValueAsString(stored);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new SearchIndex.Entry(
        item.id(),
        text,
        item.categories() == null ? List.of() : item.categories(),
        a.embedding(),
        SearchEmbeddings.hasEnglishVector(a.language())
            ? SearchEmbeddings.englishModel().embed(text)
            : null,
        json,
        stamp);
  }

  /**
   * What an item's index entry depends on: its title, body, language and categories, the trained
   * models in use and the entry's layout ({@link #ENTRY_LAYOUT}); a change to any re-analyzes it.
   */
  String stampOf(Item item) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      for (Object part :
          new Object[] {
            item.title(), item.body(), item.language(), item.categories(), modelStamp, ENTRY_LAYOUT
          }) {
        sha.update(String.valueOf(part).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return java.util.HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private TextPipeline pipeline() {
    TextPipeline p = pipeline;
    long now = System.nanoTime();
    if (p != null && now - checkedAt < RECHECK_NANOS) {
      return p;
    }
    synchronized (this) {
      checkedAt = now;
      String stamp = stamp("sentiment.classifier", "topic.classifier");
      String entities = stamp(ENTITY_MODEL);
      if (pipeline != null && stamp.equals(modelStamp) && entities.equals(entityStamp)) {
        return pipeline;
      }
      long start = System.nanoTime();
      DocumentFrequencies df;
      if (pipeline != null) {
        df = pipeline.frequencies();
      } else {
        df = new DocumentFrequencies();
        for (Item item : items.all()) {
          count(df, item);
        }
      }
      TextClassifier sentiment = load("sentiment");
      TextClassifier topic = load("topic");
      EntityTagger entityTagger = loadEntityTagger();
      // Indexed entries hold no entities: a new tagger alone does not re-analyze them.
      boolean reload = pipeline != null && !stamp.equals(modelStamp);
      pipeline = new TextPipeline(BgeEmbedder.smallZh(), df, sentiment, topic, entityTagger);
      modelStamp = stamp;
      entityStamp = entities;
      if (reload && index != null) {
        catchUp(); // stored analyses were made with the previous models
      }
      log.info(
          "text analysis ready: document frequencies of {} items; sentiment {}, topics {}, Chinese"
              + " entities {}; {} ms",
          df.documents(),
          sentiment == null ? "the shipped model" : "trained " + sentiment.labels(),
          topic == null ? "zero-shot" : "trained " + topic.labels(),
          entityTagger == null ? "HanLP" : "trained " + entityTagger.types(),
          (System.nanoTime() - start) / 1_000_000);
      return pipeline;
    }
  }

  /** The model files' sizes and modification times: a change means reload. */
  private String stamp(String... files) {
    StringBuilder s = new StringBuilder();
    for (String file : files) {
      Path f = models.resolve(file);
      try {
        s.append(Files.size(f)).append('@').append(Files.getLastModifiedTime(f)).append(';');
      } catch (IOException e) {
        s.append("none;");
      }
    }
    return s.toString();
  }

  private TextClassifier load(String task) {
    Path f = models.resolve(task + ".classifier");
    if (!Files.exists(f)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(f)) {
      return TextClassifier.load(in);
    } catch (IOException | RuntimeException e) {
      log.warn("cannot read the {} classifier {}: {}; using zero-shot", task, f, e.toString());
      return null;
    }
  }

  private EntityTagger loadEntityTagger() {
    Path f = models.resolve(ENTITY_MODEL);
    if (!Files.exists(f)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(f)) {
      return EntityTagger.load(in);
    } catch (IOException | RuntimeException e) {
      log.warn("cannot read the entity tagger {}: {}; using HanLP's", f, e.toString());
      return null;
    }
  }

  private void count(DocumentFrequencies df, Item item) {
    String text = textOf(item);
    if (text.isBlank()) {
      df.remove(item.id());
      return;
    }
    String language =
        item.language() != null && !item.language().isBlank()
            ? item.language()
            : languages.detect(text);
    List<String> tags = new ArrayList<>(item.tags().size());
    for (String tag : item.tags()) {
      String key = KeywordExtractor.key(tag, language);
      if (!key.isEmpty()) {
        tags.add(key);
      }
    }
    df.put(item.id(), KeywordExtractor.keys(text, language), tags);
  }

  private static String textOf(Item item) {
    String title = item.title() == null ? "" : item.title();
    String body = item.body() == null ? "" : item.body();
    return (title + "\n" + body).strip();
  }
}
