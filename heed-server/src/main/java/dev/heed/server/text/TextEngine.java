package dev.heed.server.text;

import dev.heed.api.Item;
import dev.heed.api.store.ItemStore;
import dev.heed.text.analyze.TextAnalysis;
import dev.heed.text.analyze.TextPipeline;
import dev.heed.text.embed.BgeSmallZhEmbedder;
import dev.heed.text.keywords.DocumentFrequencies;
import dev.heed.text.keywords.KeywordExtractor;
import dev.heed.text.lang.LanguageDetector;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's text analysis: a {@link TextPipeline} made on first use (loading the embedding model
 * takes a second or two and ~100 MB), whose keyword document frequencies are learned from the
 * catalog then and kept up to date as items are written and deleted through the API.
 */
public final class TextEngine {
  private static final Logger log = LoggerFactory.getLogger(TextEngine.class);

  private final ItemStore items;
  private final LanguageDetector languages = new LanguageDetector();
  private volatile TextPipeline pipeline;

  public TextEngine(ItemStore items) {
    this.items = items;
  }

  /** Analyzes a text (see {@link TextPipeline#analyze}). */
  public TextAnalysis analyze(String text, String language, Set<String> tasks) {
    return pipeline().analyze(text, language, tasks);
  }

  /** Counts a written item's phrases (only once the pipeline exists; it reads the catalog then). */
  public void observe(Item item) {
    TextPipeline p = pipeline;
    if (p != null) {
      count(p.frequencies(), item);
    }
  }

  /** Forgets a deleted item's phrases. */
  public void observeDeleted(String itemId) {
    TextPipeline p = pipeline;
    if (p != null) {
      p.frequencies().remove(itemId);
    }
  }

  private TextPipeline pipeline() {
    TextPipeline p = pipeline;
    if (p == null) {
      synchronized (this) {
        p = pipeline;
        if (p == null) {
          long start = System.nanoTime();
          DocumentFrequencies df = new DocumentFrequencies();
          for (Item item : items.all()) {
            count(df, item);
          }
          p = new TextPipeline(BgeSmallZhEmbedder.shared(), df, null, null);
          pipeline = p;
          log.info(
              "text analysis ready: document frequencies of {} items, {} ms",
              df.documents(),
              (System.nanoTime() - start) / 1_000_000);
        }
      }
    }
    return p;
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
    df.put(item.id(), KeywordExtractor.keys(text, language));
  }

  private static String textOf(Item item) {
    String title = item.title() == null ? "" : item.title();
    String body = item.body() == null ? "" : item.body();
    return (title + "\n" + body).strip();
  }
}
