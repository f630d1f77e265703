package dev.heed.text.keywords;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * In how many documents of the catalog each candidate phrase occurs: the IDF half of TF-IDF. Kept
 * up to date per document id, so that an updated item replaces its old phrases and a deleted one
 * stops counting; phrases are held as 64-bit hashes to keep a large catalog small. Thread-safe.
 */
public final class DocumentFrequencies {
  private final ConcurrentHashMap<Long, LongAdder> counts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, long[]> documents = new ConcurrentHashMap<>();

  /** Counts (or re-counts) document {@code id} as containing these distinct phrase keys. */
  public void put(String id, Collection<String> keys) {
    long[] hashes = keys.stream().mapToLong(DocumentFrequencies::hash).distinct().toArray();
    long[] old = documents.put(id, hashes);
    if (old != null) {
      change(old, -1);
    }
    change(hashes, 1);
  }

  /** Stops counting document {@code id}. */
  public void remove(String id) {
    long[] old = documents.remove(id);
    if (old != null) {
      change(old, -1);
    }
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

  private void change(long[] hashes, int delta) {
    for (long h : hashes) {
      counts.computeIfAbsent(h, x -> new LongAdder()).add(delta);
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
