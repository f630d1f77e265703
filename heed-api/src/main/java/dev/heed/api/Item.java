package dev.heed.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A piece of content that competes for attention: an article, video, product or lesson. Optional
 * fields are null; lists and maps are never null.
 */
public record Item(
    String id,
    String title,
    String body,
    String language,
    List<String> categories,
    List<String> tags,
    String author,
    Instant createdAt,
    Instant publishedAt,
    Instant expiresAt,
    boolean hidden,
    Map<String, Object> attributes) {

  public Item {
    categories = categories == null ? List.of() : List.copyOf(categories);
    tags = tags == null ? List.of() : List.copyOf(tags);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** Whether the item may be shown at {@code now}: not hidden and not expired. */
  public boolean visibleAt(Instant now) {
    return !hidden && (expiresAt == null || expiresAt.isAfter(now));
  }
}
