package dev.heed.core.ingest;

import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.api.User;
import dev.heed.core.experiment.bandit.HeadlineVariants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The semantic rules for items, users and events, with precise field-level messages. */
public final class Validation {
  /** Ids are URL-safe so they can stand in a path unescaped. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:@-]{0,127}");

  public static final String ID_RULE =
      "must be 1-128 characters of A-Z a-z 0-9 _ . : @ - and start with a letter, digit or _";

  private static final int MAX_KEY_CHARS = 64;
  private static final int MAX_VALUE_CHARS = 1_024;
  private static final int MAX_LABELS = 64;

  private final IngestLimits limits;

  public Validation(IngestLimits limits) {
    this.limits = limits;
  }

  public IngestLimits limits() {
    return limits;
  }

  public static boolean validId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  public static void requireId(String field, String id) {
    if (!validId(id)) {
      throw new InvalidInputException(field, idMessage(id));
    }
  }

  public List<FieldError> check(Item item) {
    List<FieldError> errors = new ArrayList<>();
    id(errors, "id", item.id());
    text(errors, "title", item.title(), limits.maxTitleChars());
    text(errors, "body", item.body(), limits.maxBodyChars());
    text(errors, "author", item.author(), MAX_VALUE_CHARS);
    if (item.language() != null && !item.language().matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
      errors.add(
          new FieldError(
              "language",
              "must be a BCP 47 tag such as en, zh or zh-Hant, was '" + item.language() + "'"));
    }
    labels(errors, "categories", item.categories());
    labels(errors, "tags", item.tags());
    if (item.attributes().size() > limits.maxContextEntries()) {
      errors.add(
          new FieldError("attributes", "at most " + limits.maxContextEntries() + " entries"));
    }
    Object variants = item.attributes().get(HeadlineVariants.ATTRIBUTE);
    if (variants != null) {
      HeadlineVariants.check(variants)
          .forEach(e -> errors.add(e.under("attributes." + HeadlineVariants.ATTRIBUTE)));
    }
    if (item.expiresAt() != null
        && item.publishedAt() != null
        && item.expiresAt().isBefore(item.publishedAt())) {
      errors.add(new FieldError("expiresAt", "must not be before publishedAt"));
    }
    return errors;
  }

  public List<FieldError> check(User user) {
    List<FieldError> errors = new ArrayList<>();
    id(errors, "id", user.id());
    if (user.attributes().size() > limits.maxContextEntries()) {
      errors.add(
          new FieldError("attributes", "at most " + limits.maxContextEntries() + " entries"));
    }
    for (String k : user.consent().keySet()) {
      if (k.isEmpty() || k.length() > MAX_KEY_CHARS) {
        errors.add(new FieldError("consent", "keys must be 1-" + MAX_KEY_CHARS + " characters"));
      }
    }
    return errors;
  }

  /** Checks an event against the rules at server time {@code now}. */
  public List<FieldError> check(Event event, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    id(errors, "id", event.id());
    id(errors, "userId", event.userId());
    if (event.itemId() != null || needsItem(event)) {
      id(errors, "itemId", event.itemId());
    }
    Instant ts = event.timestamp();
    if (ts == null) {
      errors.add(new FieldError("timestamp", "is required"));
    } else if (ts.isAfter(now.plus(limits.maxFutureSkew()))) {
      errors.add(
          new FieldError(
              "timestamp",
              "lies in the future: "
                  + ts
                  + " is more than "
                  + limits.maxFutureSkew()
                  + " after the server clock "
                  + now));
    } else if (ts.isBefore(limits.earliestTimestamp())) {
      errors.add(
          new FieldError(
              "timestamp",
              "is before the earliest accepted " + limits.earliestTimestamp() + ": " + ts));
    }
    context(errors, event.context());
    switch (event) {
      case Event.Impression e -> {
        text(errors, "surface", e.surface(), MAX_VALUE_CHARS);
        text(errors, "experiment", e.experiment(), MAX_VALUE_CHARS);
        text(errors, "variant", e.variant(), MAX_VALUE_CHARS);
        if (e.position() != null && e.position() < 0) {
          errors.add(new FieldError("position", "must be >= 0"));
        }
        if ((e.experiment() == null) != (e.variant() == null)) {
          errors.add(new FieldError("variant", "experiment and variant go together"));
        }
      }
      case Event.Dwell e -> {
        if (e.dwellMs() < 0 || e.dwellMs() > 86_400_000L) {
          errors.add(
              new FieldError(
                  "dwellMs", "must be between 0 and 86400000 (one day), was " + e.dwellMs()));
        }
      }
      case Event.Rating e -> finite(errors, "value", e.value());
      case Event.Purchase e -> {
        finite(errors, "value", e.value());
        if (e.value() < 0) {
          errors.add(new FieldError("value", "must be >= 0"));
        }
      }
      case Event.Search e -> {
        if (e.query() == null || e.query().isBlank()) {
          errors.add(new FieldError("query", "is required"));
        }
        text(errors, "query", e.query(), limits.maxTextChars());
      }
      case Event.Review e -> {
        if (e.text() == null || e.text().isBlank()) {
          errors.add(new FieldError("text", "is required"));
        }
        text(errors, "text", e.text(), limits.maxTextChars());
        if (e.rating() != null) {
          finite(errors, "rating", e.rating());
        }
      }
      case Event.Click e -> {}
      case Event.Complete e -> {}
      case Event.Like e -> {}
      case Event.Dislike e -> {}
      case Event.Share e -> {}
    }
    return errors;
  }

  private static boolean needsItem(Event event) {
    return dev.heed.api.EventKind.of(event).needsItem();
  }

  private static void id(List<FieldError> errors, String field, String id) {
    if (!validId(id)) {
      errors.add(new FieldError(field, idMessage(id)));
    }
  }

  private static String idMessage(String id) {
    if (id == null) {
      return "is required";
    }
    String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
    return ID_RULE + ", was '" + shown + "' (" + id.length() + " characters)";
  }

  private static void text(List<FieldError> errors, String field, String value, int max) {
    if (value != null && value.length() > max) {
      errors.add(new FieldError(field, "at most " + max + " characters, was " + value.length()));
    }
  }

  private static void finite(List<FieldError> errors, String field, double v) {
    if (!Double.isFinite(v)) {
      errors.add(new FieldError(field, "must be a finite number"));
    }
  }

  private static void labels(List<FieldError> errors, String field, List<String> labels) {
    if (labels.size() > MAX_LABELS) {
      errors.add(new FieldError(field, "at most " + MAX_LABELS + " entries, was " + labels.size()));
    }
    for (int i = 0; i < labels.size(); i++) {
      String l = labels.get(i);
      if (l == null || l.isBlank() || l.length() > MAX_KEY_CHARS * 2) {
        errors.add(
            new FieldError(
                field + "[" + i + "]", "must be 1-" + MAX_KEY_CHARS * 2 + " non-blank characters"));
      }
    }
  }

  private void context(List<FieldError> errors, Map<String, String> context) {
    if (context.size() > limits.maxContextEntries()) {
      errors.add(
          new FieldError(
              "context",
              "at most " + limits.maxContextEntries() + " entries, was " + context.size()));
    }
    for (var e : context.entrySet()) {
      if (e.getKey().isEmpty() || e.getKey().length() > MAX_KEY_CHARS) {
        errors.add(new FieldError("context", "keys must be 1-" + MAX_KEY_CHARS + " characters"));
      } else if (e.getValue() != null && e.getValue().length() > MAX_VALUE_CHARS) {
        errors.add(
            new FieldError("context." + e.getKey(), "at most " + MAX_VALUE_CHARS + " characters"));
      }
    }
  }
}
