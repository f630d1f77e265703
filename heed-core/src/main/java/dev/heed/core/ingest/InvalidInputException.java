package dev.heed.core.ingest;

import java.util.List;

/** Input that breaks a rule; carries every field-level error found, not just the first. */
public final class InvalidInputException extends RuntimeException {
  private final List<FieldError> errors;

  public InvalidInputException(List<FieldError> errors) {
    super(summary(errors));
    this.errors = List.copyOf(errors);
  }

  public InvalidInputException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String summary(List<FieldError> errors) {
    StringBuilder sb = new StringBuilder();
    for (FieldError e : errors) {
      if (!sb.isEmpty()) {
        sb.append("; ");
      }
      sb.append(e.field().isEmpty() ? "" : e.field() + ": ").append(e.message());
    }
    return sb.toString();
  }
}
