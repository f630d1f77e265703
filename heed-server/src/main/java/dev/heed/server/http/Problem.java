package dev.heed.server.http;

import dev.heed.core.ingest.FieldError;
import java.util.List;

/**
 * An RFC 7807 problem document: {@code type} names the problem class, {@code errors} lists
 * field-level details when the input was at fault.
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {
  public static final String CONTENT_TYPE = "application/problem+json";
}
