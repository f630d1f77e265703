package dev.heed.core.recommend.feed;

import java.util.List;

/**
 * The content-based candidate source: items similar in content to the ones a user engaged with, so
 * that items nobody has engaged with yet (cold-start items) can reach feeds. Implemented over the
 * text index's embeddings by the server; thread-safe.
 */
public interface ContentCandidates {
  /** A candidate with its similarity (higher is closer). */
  record Candidate(String itemId, double score) {}

  /**
   * Up to {@code n} items most similar to {@code engaged} (which are never returned), best first.
   */
  List<Candidate> similarTo(List<String> engaged, int n);
}
