package dev.heed.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.api.Experiment;
import dev.heed.core.ingest.EventCodec;
import dev.heed.core.ingest.FieldError;
import dev.heed.core.ingest.InvalidInputException;
import dev.heed.core.ingest.Validation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads and writes the JSON form of an {@link Experiment} and checks its rules, naming every
 * offending field ({@code variants[1].weight}). Reading fills the defaults: salt = id, control =
 * the first variant, metric = {@code ctr}, status = running, createdAt = now.
 */
public final class ExperimentCodec {
  public static final int MIN_VARIANTS = 2;
  public static final int MAX_VARIANTS = 10;

  /** Weights are integers up to this, so that any split of up to 10 arms is expressible. */
  public static final int MAX_WEIGHT = 1_000_000;

  public static final int MAX_SALT_CHARS = 256;
  public static final int MAX_DESCRIPTION_CHARS = 2_000;

  private static final List<String> FIELDS =
      List.of(
          "id",
          "salt",
          "description",
          "variants",
          "control",
          "metric",
          "guardrails",
          "status",
          "createdAt");

  private ExperimentCodec() {}

  /**
   * Reads and checks a definition.
   *
   * @throws InvalidInputException listing every field that breaks a rule
   */
  public static Experiment read(JsonNode node, Supplier<Instant> now) {
    List<FieldError> errors = new ArrayList<>();
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(
          "", "an experiment must be a JSON object, was " + EventCodec.typeName(node));
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        errors.add(new FieldError(name, "unknown field; allowed: " + String.join(", ", FIELDS)));
      }
    }
    String id = string(node, "id", errors);
    if (id == null) {
      if (!node.hasNonNull("id")) {
        errors.add(new FieldError("id", "is required"));
      }
    } else if (!Validation.validId(id)) {
      errors.add(new FieldError("id", Validation.ID_RULE + ", was '" + shorten(id) + "'"));
    }
    String salt = string(node, "salt", errors);
    if (salt != null && (salt.isEmpty() || salt.length() > MAX_SALT_CHARS)) {
      errors.add(new FieldError("salt", "must be 1-" + MAX_SALT_CHARS + " characters"));
    }
    String description = string(node, "description", errors);
    if (description != null && description.length() > MAX_DESCRIPTION_CHARS) {
      errors.add(
          new FieldError(
              "description",
              "at most " + MAX_DESCRIPTION_CHARS + " characters, was " + description.length()));
    }
    List<Experiment.Variant> variants = variants(node.get("variants"), errors);
    Set<String> names = new HashSet<>();
    variants.forEach(v -> names.add(v.name()));
    String control = string(node, "control", errors);
    if (control != null && !variants.isEmpty() && !names.contains(control)) {
      errors.add(
          new FieldError(
              "control",
              "must name one of the variants "
                  + variants.stream().map(Experiment.Variant::name).toList()
                  + ", was '"
                  + shorten(control)
                  + "'"));
    }
    String metric = string(node, "metric", errors);
    if (metric == null) {
      metric = node.hasNonNull("metric") ? null : ExperimentMetric.CTR.wireName();
    } else if (ExperimentMetric.fromWireName(metric).isEmpty()) {
      errors.add(new FieldError("metric", unknownMetric(metric)));
    }
    List<String> guardrails = guardrails(node.get("guardrails"), metric, errors);
    Experiment.Status status = null;
    String statusName = string(node, "status", errors);
    if (statusName != null) {
      switch (statusName) {
        case "running" -> status = Experiment.Status.RUNNING;
        case "stopped" -> status = Experiment.Status.STOPPED;
        default ->
            errors.add(
                new FieldError(
                    "status", "must be running or stopped, was '" + shorten(statusName) + "'"));
      }
    }
    Instant createdAt = instant(node, "createdAt", errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new Experiment(
        id,
        salt,
        description,
        variants,
        control,
        metric,
        guardrails,
        status,
        createdAt == null ? now.get() : createdAt);
  }

  /** The JSON form; {@link #read} reads it back to an equal experiment. */
  public static ObjectNode write(Experiment e) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("id", e.id());
    n.put("salt", e.salt());
    if (e.description() != null) {
      n.put("description", e.description());
    }
    var array = n.putArray("variants");
    for (Experiment.Variant v : e.variants()) {
      array.addObject().put("name", v.name()).put("weight", v.weight());
    }
    n.put("control", e.control());
    n.put("metric", e.metric());
    var guardrails = n.putArray("guardrails");
    e.guardrails().forEach(guardrails::add);
    n.put("status", e.status().wireName());
    n.put("createdAt", e.createdAt().toString());
    return n;
  }

  /** The experiment's deterministic assignment of users to its variants. */
  public static Assignment assignment(Experiment e) {
    return new Assignment(
        e.salt(),
        e.variants().stream().map(v -> new Assignment.Variant(v.name(), v.weight())).toList());
  }

  private static List<Experiment.Variant> variants(JsonNode v, List<FieldError> errors) {
    if (v == null || v.isNull()) {
      errors.add(
          new FieldError(
              "variants",
              "is required: "
                  + MIN_VARIANTS
                  + "-"
                  + MAX_VARIANTS
                  + " objects like {\"name\":\"A\",\"weight\":50}"));
      return List.of();
    }
    if (!v.isArray()) {
      errors.add(new FieldError("variants", "must be an array, was " + EventCodec.typeName(v)));
      return List.of();
    }
    if (v.size() < MIN_VARIANTS || v.size() > MAX_VARIANTS) {
      errors.add(
          new FieldError(
              "variants",
              "must have " + MIN_VARIANTS + " to " + MAX_VARIANTS + " variants, has " + v.size()));
    }
    List<Experiment.Variant> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < v.size(); i++) {
      String at = "variants[" + i + "]";
      JsonNode o = v.get(i);
      if (!o.isObject()) {
        errors.add(
            new FieldError(
                at,
                "must be an object like {\"name\":\"A\",\"weight\":50}, was "
                    + EventCodec.typeName(o)));
        continue;
      }
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!name.equals("name") && !name.equals("weight")) {
          errors.add(new FieldError(at + "." + name, "unknown field; allowed: name, weight"));
        }
      }
      List<FieldError> mine = new ArrayList<>();
      String name = string(o, "name", mine);
      if (name == null) {
        if (!o.hasNonNull("name")) {
          mine.add(new FieldError("name", "is required"));
        }
      } else if (!Validation.validId(name)) {
        mine.add(new FieldError("name", Validation.ID_RULE + ", was '" + shorten(name) + "'"));
      } else if (!seen.add(name)) {
        mine.add(new FieldError("name", "'" + name + "' appears twice; names must be unique"));
      }
      JsonNode w = o.get("weight");
      int weight = 0;
      if (w == null || w.isNull()) {
        mine.add(new FieldError("weight", "is required: a positive integer"));
      } else if (!w.isIntegralNumber() || !w.canConvertToInt()) {
        mine.add(
            new FieldError(
                "weight", "must be an integer from 1 to " + MAX_WEIGHT + ", was " + describe(w)));
      } else if (w.intValue() < 1 || w.intValue() > MAX_WEIGHT) {
        mine.add(
            new FieldError(
                "weight", "must be an integer from 1 to " + MAX_WEIGHT + ", was " + w.intValue()));
      } else {
        weight = w.intValue();
      }
      mine.forEach(e -> errors.add(e.under(at)));
      if (mine.isEmpty()) {
        out.add(new Experiment.Variant(name, weight));
      }
    }
    return out;
  }

  private static List<String> guardrails(JsonNode g, String metric, List<FieldError> errors) {
    if (g == null || g.isNull()) {
      return List.of();
    }
    if (!g.isArray()) {
      errors.add(
          new FieldError(
              "guardrails", "must be an array of metric names, was " + EventCodec.typeName(g)));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < g.size(); i++) {
      String at = "guardrails[" + i + "]";
      JsonNode n = g.get(i);
      if (!n.isTextual()) {
        errors.add(new FieldError(at, "must be a metric name, was " + EventCodec.typeName(n)));
      } else if (ExperimentMetric.fromWireName(n.textValue()).isEmpty()) {
        errors.add(new FieldError(at, unknownMetric(n.textValue())));
      } else if (n.textValue().equals(metric)) {
        errors.add(new FieldError(at, "'" + metric + "' is already the experiment's metric"));
      } else if (out.contains(n.textValue())) {
        errors.add(new FieldError(at, "'" + n.textValue() + "' appears twice"));
      } else {
        out.add(n.textValue());
      }
    }
    return out;
  }

  private static String unknownMetric(String name) {
    return "unknown metric '" + shorten(name) + "'; one of " + ExperimentMetric.wireNames();
  }

  private static String string(JsonNode node, String field, List<FieldError> errors) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      errors.add(new FieldError(field, "must be a string, was " + EventCodec.typeName(v)));
      return null;
    }
    return v.textValue();
  }

  private static Instant instant(JsonNode node, String field, List<FieldError> errors) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return Instant.ofEpochMilli(v.longValue());
    }
    if (v.isTextual()) {
      try {
        return Instant.ofEpochMilli(Instant.parse(v.textValue()).toEpochMilli());
      } catch (DateTimeParseException | ArithmeticException e) {
        // fall through to the error
      }
    }
    errors.add(
        new FieldError(
            field,
            "must be ISO-8601 like 2026-01-31T12:00:00Z or epoch milliseconds, was "
                + describe(v)));
    return null;
  }

  private static String describe(JsonNode v) {
    return v.isTextual()
        ? "'" + shorten(v.textValue()) + "'"
        : v.isNumber() ? v.asText() : EventCodec.typeName(v);
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
