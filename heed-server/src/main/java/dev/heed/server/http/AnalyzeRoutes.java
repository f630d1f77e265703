package dev.heed.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.api.Item;
import dev.heed.api.store.ApiKey.Scope;
import dev.heed.core.ingest.FieldError;
import dev.heed.core.ingest.InvalidInputException;
import dev.heed.core.ingest.Validation;
import dev.heed.core.json.Json;
import dev.heed.server.Heed;
import dev.heed.text.analyze.TextAnalysis;
import dev.heed.text.analyze.TextPipeline;
import dev.heed.text.search.SearchIndex;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Text: POST /v1/analyze (one text or a batch), an item's stored analysis, hybrid search. */
final class AnalyzeRoutes {
  static final int MAX_BATCH = 100;

  private final Heed heed;
  private final HttpApi http;

  AnalyzeRoutes(Heed heed, HttpApi http) {
    this.heed = heed;
    this.http = http;
  }

  void register() {
    http.route(HandlerType.POST, "/v1/analyze", Scope.READ, this::analyze);
    http.route(HandlerType.GET, "/v1/items/{id}/analysis", Scope.READ, this::itemAnalysis);
    http.route(HandlerType.GET, "/v1/search", Scope.READ, this::search);
  }

  private void itemAnalysis(Context ctx) {
    String id = ctx.pathParam("id");
    Validation.requireId("id", id);
    Item item =
        heed.store()
            .items()
            .get(id)
            .orElseThrow(() -> ProblemException.notFound("item '" + id + "'"));
    var analysis = heed.text().itemAnalysis(item);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("id", id);
    if (analysis.isEmpty()) {
      out.put("status", "pending");
      ctx.status(202).json(out);
      return;
    }
    out.put("status", "done");
    try {
      out.set("analysis", Json.mapper().readTree(analysis.get()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ctx.json(out);
  }

  private void search(Context ctx) {
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank()) {
      throw new InvalidInputException("q", "is required: the words to search for");
    }
    if (q.length() > 1000) {
      throw new InvalidInputException("q", "is longer than 1000 characters");
    }
    int n = QueryParams.intParam(ctx, "n", 10, 1, 100);
    String category = ctx.queryParam("category");
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode array = out.putArray("items");
    for (SearchIndex.Hit h :
        heed.text().search(q, n, category == null || category.isEmpty() ? null : category)) {
      Optional<Item> item = heed.store().items().get(h.id());
      if (item.isEmpty() || item.get().hidden()) {
        continue;
      }
      ObjectNode o = array.addObject();
      o.put("id", h.id());
      if (item.get().title() != null) {
        o.put("title", item.get().title());
      }
      o.put("score", h.score());
      o.put("keyword_rank", h.keywordRank());
      o.put("vector_rank", h.vectorRank());
    }
    out.put("indexing", heed.text().pending() > 0);
    ctx.json(out);
  }

  /** One request: the text, its language or null, and the tasks (empty: all but embedding). */
  private record Request(String text, String language, Set<String> tasks) {}

  private void analyze(Context ctx) {
    JsonNode body = http.withJsonBody(ctx, b -> b);
    if (body.isObject() && body.has("documents")) {
      JsonNode docs = body.get("documents");
      if (!docs.isArray() || docs.isEmpty()) {
        throw new InvalidInputException("documents", "must be a non-empty array");
      }
      if (docs.size() > MAX_BATCH) {
        throw new ProblemException(
            413, "too-large", docs.size() + " documents in one request; at most " + MAX_BATCH);
      }
      List<Request> requests = new ArrayList<>();
      List<FieldError> errors = new ArrayList<>();
      for (int i = 0; i < docs.size(); i++) {
        String prefix = "documents[" + i + "]";
        try {
          requests.add(request(docs.get(i)));
        } catch (InvalidInputException e) {
          e.errors().forEach(fe -> errors.add(fe.under(prefix)));
        }
      }
      if (!errors.isEmpty()) {
        throw new InvalidInputException(errors);
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      ArrayNode results = out.putArray("results");
      for (int i = 0; i < requests.size(); i++) {
        ObjectNode r = toJson(run(requests.get(i)));
        if (docs.get(i).hasNonNull("id")) {
          r.set("id", docs.get(i).get("id"));
        }
        results.add(r);
      }
      ctx.json(out);
      return;
    }
    ctx.json(toJson(run(request(body))));
  }

  private TextAnalysis run(Request r) {
    return heed.text().analyze(r.text(), r.language(), r.tasks());
  }

  private Request request(JsonNode node) {
    if (!node.isObject()) {
      throw new InvalidInputException("", "must be a JSON object with a text");
    }
    List<FieldError> errors = new ArrayList<>();
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual()) {
      errors.add(new FieldError("text", "is required and must be a string"));
    } else if (text.asText().length() > heed.config().ingest().limits().maxBodyChars()) {
      errors.add(
          new FieldError(
              "text",
              "is longer than "
                  + heed.config().ingest().limits().maxBodyChars()
                  + " characters (ingest.maxBodyChars)"));
    }
    String language = null;
    JsonNode lang = node.get("language");
    if (lang != null && !lang.isNull()) {
      if (!lang.isTextual() || !lang.asText().matches("[a-z]{2,3}")) {
        errors.add(new FieldError("language", "must be an ISO 639 code like zh or en"));
      } else {
        language = lang.asText();
      }
    }
    Set<String> tasks = new LinkedHashSet<>();
    JsonNode t = node.get("tasks");
    if (t != null && !t.isNull()) {
      if (!t.isArray()) {
        errors.add(new FieldError("tasks", "must be an array of task names"));
      } else {
        for (int i = 0; i < t.size(); i++) {
          String name = t.get(i).asText("");
          if (!TextPipeline.TASKS.contains(name)) {
            errors.add(
                new FieldError(
                    "tasks[" + i + "]",
                    "unknown task '"
                        + name
                        + "'; known: "
                        + String.join(", ", TextPipeline.TASKS)));
          }
          tasks.add(name);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new Request(text.asText(), language, tasks);
  }

  private static ObjectNode toJson(TextAnalysis a) {
    return Json.mapper().valueToTree(a);
  }
}
