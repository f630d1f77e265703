package dev.heed.core.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * The validation rules for incoming data.
 *
 * @param maxFutureSkew how far past the server clock an event timestamp may lie
 * @param earliestTimestamp the earliest timestamp accepted (older ones are surely mistakes)
 * @param maxTitleChars longest item title
 * @param maxBodyChars longest item body
 * @param maxTextChars longest free text in an event (review text, search query)
 * @param maxContextEntries most entries in an event's context or an item's attributes
 */
public record IngestLimits(
    Duration maxFutureSkew,
    Instant earliestTimestamp,
    int maxTitleChars,
    int maxBodyChars,
    int maxTextChars,
    int maxContextEntries) {

  public static IngestLimits defaults() {
    return new IngestLimits(
        Duration.ofHours(1), Instant.parse("1990-01-01T00:00:00Z"), 1_000, 1_000_000, 20_000, 64);
  }
}
