package dev.heed.text.keywords;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * In how many documents of the catalog each candidate phrase occurs (the IDF half of TF-IDF), and
 * how many documents carry it as a tag (an editor's key phrase: what {@link KeyphraseRanker} learns
 * "keyphraseness" from, as KEA does). Kept up to date per document id, so that an updated item
 * replaces its old phrases and a deleted one stops counting; phrases are held as 64-bit hashes to
 * keep a large catalog small. Thread-safe.
 */
public final class DocumentFrequencies {
  private static final long[] NONE = {};

  private final ConcurrentHashMap<Long, LongAdder> counts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, LongAdder> tagCounts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counted> documents = new ConcurrentHashMap<>();
  private final LongAdder taggedDocuments = new LongAdder();

  /** The hashed phrase keys and tag keys a document was counted with. */
  private record Counted(long[] keys, long[] tags) {}

  /** Counts (or re-counts) document {@code id} as containing these distinct phrase keys. */
  public void put(String id, Collection<String> keys) {
    put(id, keys, List.of());
  }

  /**
   * Counts (or re-counts) document {@code id} as containing these phrase keys and tagged with these
   * (keys as made by {@link KeywordExtractor#key}).
   */
  public synchronized void put(String id, Collection<String> keys, Collection<String> tags) {
    Counted now = new Counted(hashes(keys), tags.isEmpty() ? NONE : hashes(tags));
    Counted old = documents.put(id, now);
    if (old != null) {
      forget(old);
    }
    change(counts, now.keys(), 1);
    change(tagCounts, now.tags(), 1);
    taggedDocuments.add(now.tags().length > 0 ? 1 : 0);
  }

  /** Stops counting document {@code id}. */
  public synchronized void remove(String id) {
    Counted old = documents.remove(id);
    if (old != null) {
      forget(old);
    }
  }

  private void forget(Counted old) {
    change(counts, old.keys(), -1);
    change(tagCounts, old.tags(), -1);
    taggedDocuments.add(old.tags().length > 0 ? -1 : 0);
  }

  /** In how many documents {@code key} is a tag. */
  public long tagged(String key) {
    LongAdder a = tagCounts.get(hash(key));
    return a == null ? 0 : Math.max(0, a.sum());
  }

  /** The number of documents counted with at least one tag. */
  public long taggedDocuments() {
    return taggedDocuments.sum();
  }

  /** The number of documents counted. */
  public long documents() {
    return documents.size();
  }

  /** Smoothed inverse document frequency: ln((N + 1) / (df + 1)) + 1, at least 1. */
  public double idf(String key) {
    LongAdder a = counts.get(hash(key));
    long df = a == null ? 0 : Math.max(0, a.sum());
    return Math.log((documents.size() + 1.0) / (df + 1.0)) + 1;
  }

  private static long[] hashes(Collection<String> keys) {
    return keys.stream().mapToLong(DocumentFrequencies::hash).distinct().toArray();
  }

  private static void change(ConcurrentHashMap<Long, LongAdder> map, long[] hashes, int delta) {
    for (long h : hashes) {
      map.computeIfAbsent(h, x -> new LongAdder()).add(delta);
    }
  }

  /** FNV-1a over the UTF-16 code units; 64 bits make collisions negligible at catalog sizes. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
