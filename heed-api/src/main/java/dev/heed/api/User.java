package dev.heed.api;

import java.time.Instant;
import java.util.Map;

/**
 * A person whose attention Heed measures. {@code consent} holds named consent flags (for example
 * {@code personalization}, {@code analytics}); {@code attributes} is free-form.
 */
public record User(
    String id, Map<String, Object> attributes, Map<String, Boolean> consent, Instant createdAt) {

  public User {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    consent = consent == null ? Map.of() : Map.copyOf(consent);
  }
}
