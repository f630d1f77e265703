package dev.heed.server.http;

import dev.heed.core.ingest.InvalidInputException;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters read with field-level errors (a 400 naming the parameter). */
final class QueryParams {
  private QueryParams() {}

  /** An integer in [min, max], {@code def} when absent. */
  static int intParam(Context ctx, String name, int def, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return def;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // fall through to the error
    }
    throw new InvalidInputException(
        name, "must be an integer from " + min + " to " + max + ", was '" + v + "'");
  }

  /** true or false, false when absent. */
  static boolean boolParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty() || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw new InvalidInputException(name, "must be true or false, was '" + v + "'");
  }

  /** An ISO-8601 instant, null when absent. */
  static Instant instantParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          name, "must be ISO-8601 like 2026-01-31T00:00:00Z, was '" + v + "'");
    }
  }
}
