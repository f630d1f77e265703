package dev.heed.core.recommend.feed;

import java.util.Set;

/**
 * A page of a feed: {@code n} items after skipping {@code offset}, only of {@code category} when
 * set, never the {@code exclude}d ids, at most {@code maxPerCategory} items of one category when
 * positive (the diversity knob), with explanations when {@code explain}.
 */
public record FeedRequest(
    int n, int offset, String category, Set<String> exclude, int maxPerCategory, boolean explain) {
  public FeedRequest {
    exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
  }

  public static FeedRequest of(int n) {
    return new FeedRequest(n, 0, null, Set.of(), 0, false);
  }
}
