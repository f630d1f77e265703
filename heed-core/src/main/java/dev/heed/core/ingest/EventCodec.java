package dev.heed.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.api.Event;
import dev.heed.api.EventKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads and writes the JSON form of events: {@code {"id", "kind", "userId", "itemId", "timestamp",
 * "context", ...kind-specific fields}}. Reading checks structure and types and names every
 * offending field; {@link Validation} then checks the values.
 */
public final class EventCodec {
  private static final Set<String> COMMON =
      Set.of("id", "kind", "userId", "itemId", "timestamp", "context");
  private static final Map<EventKind, Set<String>> EXTRA =
      Map.ofEntries(
          Map.entry(EventKind.IMPRESSION, Set.of("surface", "position", "experiment", "variant")),
          Map.entry(EventKind.CLICK, Set.of()),
          Map.entry(EventKind.DWELL, Set.of("dwellMs")),
          Map.entry(EventKind.COMPLETE, Set.of()),
          Map.entry(EventKind.LIKE, Set.of()),
          Map.entry(EventKind.DISLIKE, Set.of()),
          Map.entry(EventKind.SHARE, Set.of()),
          Map.entry(EventKind.RATING, Set.of("value")),
          Map.entry(EventKind.PURCHASE, Set.of("value")),
          Map.entry(EventKind.SEARCH, Set.of("query")),
          Map.entry(EventKind.REVIEW, Set.of("text", "rating")));

  private EventCodec() {}

  /** The outcome of reading one event: either the event or the errors. */
  public record Parsed(Event event, List<FieldError> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /**
   * Reads an event. A missing id is generated (such an event cannot be recognised if re-sent); a
   * missing timestamp becomes {@code now}.
   */
  public static Parsed read(JsonNode node, Supplier<Instant> now) {
    List<FieldError> errors = new ArrayList<>();
    if (node == null || !node.isObject()) {
      errors.add(new FieldError("", "an event must be a JSON object, was " + typeName(node)));
      return new Parsed(null, errors);
    }
    Fields f = new Fields(node, errors);
    String kindName = f.string("kind");
    if (kindName == null) {
      if (!node.has("kind")) {
        errors.add(new FieldError("kind", "is required; one of " + EventKind.wireNames()));
      }
      return new Parsed(null, errors);
    }
    var kind = EventKind.fromWireName(kindName);
    if (kind.isEmpty()) {
      errors.add(
          new FieldError(
              "kind", "unknown kind '" + kindName + "'; one of " + EventKind.wireNames()));
      return new Parsed(null, errors);
    }
    Set<String> extra = EXTRA.get(kind.get());
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!COMMON.contains(name) && !extra.contains(name)) {
        errors.add(
            new FieldError(
                name, "unknown field for kind '" + kindName + "'; allowed: " + allowed(extra)));
      }
    }
    String id = f.string("id");
    if (id == null && !node.hasNonNull("id")) {
      id = UUID.randomUUID().toString();
    }
    String userId = f.string("userId");
    String itemId = f.string("itemId");
    Instant ts = f.instant("timestamp");
    if (ts == null && !node.hasNonNull("timestamp")) {
      ts = now.get();
    }
    Map<String, String> context = f.context();
    Event event =
        switch (kind.get()) {
          case IMPRESSION ->
              new Event.Impression(
                  id,
                  userId,
                  itemId,
                  ts,
                  f.string("surface"),
                  f.integer("position"),
                  f.string("experiment"),
                  f.string("variant"),
                  context);
          case CLICK -> new Event.Click(id, userId, itemId, ts, context);
          case DWELL -> new Event.Dwell(id, userId, itemId, ts, f.requiredLong("dwellMs"), context);
          case COMPLETE -> new Event.Complete(id, userId, itemId, ts, context);
          case LIKE -> new Event.Like(id, userId, itemId, ts, context);
          case DISLIKE -> new Event.Dislike(id, userId, itemId, ts, context);
          case SHARE -> new Event.Share(id, userId, itemId, ts, context);
          case RATING ->
              new Event.Rating(id, userId, itemId, ts, f.requiredDouble("value"), context);
          case PURCHASE -> {
            Double v = f.number("value");
            yield new Event.Purchase(id, userId, itemId, ts, v == null ? 0 : v, context);
          }
          case SEARCH -> {
            if (itemId != null) {
              errors.add(new FieldError("itemId", "a search event has no item"));
            }
            yield new Event.Search(id, userId, ts, f.string("query"), context);
          }
          case REVIEW ->
              new Event.Review(
                  id, userId, itemId, ts, f.string("text"), f.number("rating"), context);
        };
    return errors.isEmpty() ? new Parsed(event, List.of()) : new Parsed(null, errors);
  }

  /** The JSON form of an event; {@link #read} reads it back to an equal event. */
  public static ObjectNode write(Event event) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("id", event.id());
    n.put("kind", event.kind());
    n.put("userId", event.userId());
    if (event.itemId() != null) {
      n.put("itemId", event.itemId());
    }
    n.put("timestamp", event.timestamp().toString());
    switch (event) {
      case Event.Impression e -> {
        putIfSet(n, "surface", e.surface());
        if (e.position() != null) {
          n.put("position", e.position());
        }
        putIfSet(n, "experiment", e.experiment());
        putIfSet(n, "variant", e.variant());
      }
      case Event.Dwell e -> n.put("dwellMs", e.dwellMs());
      case Event.Rating e -> n.put("value", e.value());
      case Event.Purchase e -> n.put("value", e.value());
      case Event.Search e -> n.put("query", e.query());
      case Event.Review e -> {
        n.put("text", e.text());
        if (e.rating() != null) {
          n.put("rating", e.rating());
        }
      }
      case Event.Click e -> {}
      case Event.Complete e -> {}
      case Event.Like e -> {}
      case Event.Dislike e -> {}
      case Event.Share e -> {}
    }
    if (!event.context().isEmpty()) {
      ObjectNode c = n.putObject("context");
      new java.util.TreeMap<>(event.context()).forEach(c::put);
    }
    return n;
  }

  private static void putIfSet(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  private static String allowed(Set<String> extra) {
    List<String> names =
        new ArrayList<>(List.of("id", "kind", "userId", "itemId", "timestamp", "context"));
    names.addAll(new java.util.TreeSet<>(extra));
    return String.join(", ", names);
  }

  /** How an error message names a JSON value's type ("a string", "an array", "missing"). */
  public static String typeName(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Typed access to an object's fields that records an error instead of throwing. */
  private record Fields(JsonNode node, List<FieldError> errors) {
    String string(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isTextual()) {
        errors.add(new FieldError(field, "must be a string, was " + typeName(v)));
        return null;
      }
      return v.textValue();
    }

    Double number(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isNumber()) {
        errors.add(new FieldError(field, "must be a number, was " + typeName(v)));
        return null;
      }
      return v.doubleValue();
    }

    double requiredDouble(String field) {
      if (!node.hasNonNull(field)) {
        errors.add(new FieldError(field, "is required"));
        return 0;
      }
      Double v = number(field);
      return v == null ? 0 : v;
    }

    Integer integer(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        errors.add(new FieldError(field, "must be an integer, was " + typeName(v)));
        return null;
      }
      return v.intValue();
    }

    long requiredLong(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        errors.add(new FieldError(field, "is required"));
        return 0;
      }
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        errors.add(new FieldError(field, "must be an integer, was " + typeName(v)));
        return 0;
      }
      return v.longValue();
    }

    Instant instant(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return null;
      }
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return Instant.ofEpochMilli(v.longValue());
      }
      if (v.isTextual()) {
        try {
          return Instant.parse(v.textValue());
        } catch (DateTimeParseException e) {
          errors.add(
              new FieldError(
                  field,
                  "must be ISO-8601 like 2026-01-31T12:00:00Z or epoch milliseconds, was '"
                      + v.textValue()
                      + "'"));
          return null;
        }
      }
      errors.add(
          new FieldError(
              field, "must be an ISO-8601 string or epoch milliseconds, was " + typeName(v)));
      return null;
    }

    Map<String, String> context() {
      JsonNode v = node.get("context");
      if (v == null || v.isNull()) {
        return Map.of();
      }
      if (!v.isObject()) {
        errors.add(new FieldError("context", "must be an object of strings, was " + typeName(v)));
        return Map.of();
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (var it = v.fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode val = e.getValue();
        if (val.isTextual()) {
          out.put(e.getKey(), val.textValue());
        } else if (val.isNumber() || val.isBoolean()) {
          out.put(e.getKey(), val.asText());
        } else {
          errors.add(
              new FieldError(
                  "context." + e.getKey(),
                  "must be a string, number or boolean, was " + typeName(val)));
        }
      }
      return out;
    }
  }
}
