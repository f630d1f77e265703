package dev.heed.server.http;

import dev.heed.core.ingest.FieldError;
import java.util.List;

/** Ends a request with a problem document; thrown by handlers, rendered by {@link HttpApi}. */
public final class ProblemException extends RuntimeException {
  private final int status;
  private final String type;
  private final List<FieldError> errors;

  public ProblemException(int status, String type, String detail) {
    this(status, type, detail, List.of());
  }

  public ProblemException(int status, String type, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.type = type;
    this.errors = List.copyOf(errors);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(404, "not-found", what + " not found");
  }
}
