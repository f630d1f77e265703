package dev.heed.core.ingest;

/**
 * One thing wrong with an input, located by a JSON-pointer-like field path ("title", "[2].kind").
 */
public record FieldError(String field, String message) {

  /** The same error located inside {@code prefix} (an array index or an enclosing field). */
  public FieldError under(String prefix) {
    if (prefix.isEmpty()) {
      return this;
    }
    return new FieldError(
        field.isEmpty() || field.startsWith("[") ? prefix + field : prefix + "." + field, message);
  }
}
