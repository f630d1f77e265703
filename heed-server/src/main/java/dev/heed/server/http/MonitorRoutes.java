package dev.heed.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.api.store.ApiKey.Scope;
import dev.heed.api.store.MonitorAlert;
import dev.heed.core.ingest.FieldError;
import dev.heed.core.ingest.InvalidInputException;
import dev.heed.core.json.Json;
import dev.heed.core.monitor.Bucket;
import dev.heed.server.monitor.MonitorEngine;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Opinion monitoring: documents in, per-topic hourly series and alerts out. */
final class MonitorRoutes {
  static final int MAX_BATCH = 100;
  static final int MAX_TOPIC_CHARS = 100;
  static final int MAX_RANGE_HOURS = 31 * 24;

  private final MonitorEngine monitor;
  private final int maxTextChars;
  private final HttpApi http;

  MonitorRoutes(MonitorEngine monitor, int maxTextChars, HttpApi http) {
    this.monitor = monitor;
    this.maxTextChars = maxTextChars;
    this.http = http;
  }

  void register() {
    http.route(HandlerType.POST, "/v1/monitor/documents", Scope.INGEST, this::documents);
    http.route(HandlerType.GET, "/v1/monitor/topics", Scope.READ, this::topics);
    http.route(HandlerType.GET, "/v1/monitor/alerts", Scope.READ, this::alerts);
  }

  private void documents(Context ctx) {
    JsonNode body = http.withJsonBody(ctx, b -> b);
    List<JsonNode> nodes = new ArrayList<>();
    boolean batch = body.isArray();
    if (batch) {
      if (body.isEmpty()) {
        throw new InvalidInputException("", "must be a document or a non-empty array of them");
      }
      if (body.size() > MAX_BATCH) {
        throw new ProblemException(
            413, "too-large", body.size() + " documents in one request; at most " + MAX_BATCH);
      }
      body.forEach(nodes::add);
    } else {
      nodes.add(body);
    }
    List<MonitorEngine.Document> docs = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      try {
        docs.add(document(nodes.get(i)));
      } catch (InvalidInputException e) {
        String prefix = batch ? "[" + i + "]" : null;
        e.errors().forEach(fe -> errors.add(prefix == null ? fe : fe.under(prefix)));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode results = out.putArray("results");
    List<MonitorEngine.Recorded> recorded = monitor.record(docs);
    for (int i = 0; i < docs.size(); i++) {
      MonitorEngine.Recorded r = recorded.get(i);
      ObjectNode o = results.addObject();
      if (nodes.get(i).hasNonNull("id")) {
        o.set("id", nodes.get(i).get("id"));
      }
      o.put("topic", r.topic());
      o.put("sentiment", r.sentiment());
      o.put("bucket", r.bucket().toString());
      o.put("counted", r.counted());
    }
    ctx.json(out);
  }

  private MonitorEngine.Document document(JsonNode node) {
    if (!node.isObject()) {
      throw new InvalidInputException("", "must be a JSON object with a text");
    }
    List<FieldError> errors = new ArrayList<>();
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual() || text.asText().isBlank()) {
      errors.add(new FieldError("text", "is required and must be a non-empty string"));
    } else if (text.asText().length() > maxTextChars) {
      errors.add(
          new FieldError(
              "text", "is longer than " + maxTextChars + " characters (ingest.maxTextChars)"));
    }
    String topic = null;
    JsonNode t = node.get("topic");
    if (t != null && !t.isNull()) {
      if (!t.isTextual() || t.asText().isBlank() || t.asText().length() > MAX_TOPIC_CHARS) {
        errors.add(
            new FieldError(
                "topic",
                "must be a non-empty string of at most " + MAX_TOPIC_CHARS + " characters"));
      } else {
        topic = t.asText().trim();
      }
    }
    for (String field : new String[] {"id", "source"}) {
      JsonNode v = node.get(field);
      if (v != null && !v.isNull() && (!v.isTextual() || v.asText().length() > 256)) {
        errors.add(new FieldError(field, "must be a string of at most 256 characters"));
      }
    }
    Instant timestamp = null;
    JsonNode ts = node.get("timestamp");
    if (ts != null && !ts.isNull()) {
      try {
        timestamp = Instant.parse(ts.asText());
      } catch (DateTimeParseException e) {
        errors.add(
            new FieldError("timestamp", "must be ISO-8601 like 2026-01-31T08:00:00Z, was " + ts));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new MonitorEngine.Document(text.asText(), topic, timestamp);
  }

  private void topics(Context ctx) {
    Instant to = QueryParams.instantParam(ctx, "to");
    Instant from = QueryParams.instantParam(ctx, "from");
    long toHour = to == null ? Bucket.hourOf(Instant.now()) + 1 : Bucket.hourOf(to);
    long fromHour = from == null ? toHour - 24 : Bucket.hourOf(from);
    if (fromHour >= toHour) {
      throw new InvalidInputException("from", "must be at least an hour before to");
    }
    if (toHour - fromHour > MAX_RANGE_HOURS) {
      throw new InvalidInputException(
          "from", "the range spans more than " + MAX_RANGE_HOURS + " hours");
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("from", Instant.ofEpochSecond(fromHour * 3600).toString());
    out.put("to", Instant.ofEpochSecond(toHour * 3600).toString());
    ArrayNode topics = out.putArray("topics");
    for (String topic : monitor.series().topics()) {
      List<Bucket> buckets = monitor.series().range(topic, fromHour, toHour);
      if (buckets.isEmpty()) {
        continue;
      }
      ObjectNode o = topics.addObject();
      o.put("topic", topic);
      ArrayNode series = o.putArray("series");
      for (Bucket b : buckets) {
        series
            .addObject()
            .put("bucket", b.start().toString())
            .put("documents", b.documents())
            .put("negative", b.negative())
            .put("negative_share", b.negativeShare());
      }
    }
    ctx.json(out);
  }

  private void alerts(Context ctx) {
    int limit = QueryParams.intParam(ctx, "limit", 100, 1, MonitorEngine.MAX_ALERTS);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode array = out.putArray("alerts");
    for (MonitorAlert r : monitor.alerts(limit)) {
      ObjectNode o = Json.mapper().valueToTree(MonitorEngine.json(r));
      o.put("delivery", r.delivery());
      array.add(o);
    }
    ctx.json(out);
  }
}
