package dev.heed.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.api.User;
import dev.heed.api.store.ApiKey;
import dev.heed.api.store.ApiKey.Scope;
import dev.heed.api.store.Erasure;
import dev.heed.api.store.EventQuery;
import dev.heed.api.store.EventStore.AppendStatus;
import dev.heed.api.store.StoredEvent;
import dev.heed.api.store.UserData;
import dev.heed.core.ingest.EventCodec;
import dev.heed.core.ingest.FieldError;
import dev.heed.core.ingest.InvalidInputException;
import dev.heed.core.ingest.Validation;
import dev.heed.core.json.Json;
import dev.heed.server.Heed;
import dev.heed.server.transfer.Exporter;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The /v1 routes: items, users, events, stats and API keys. */
final class ApiRoutes {
  private static final int MAX_PAGE = 1_000;
  private static final int DEFAULT_PAGE = 100;
  private static final long COMMIT_TIMEOUT_SECONDS = 60;

  private final Heed heed;
  private final HttpApi http;
  private final Counter accepted;
  private final Counter duplicates;
  private final Counter rejected;

  ApiRoutes(Heed heed, HttpApi http) {
    this.heed = heed;
    this.http = http;
    this.accepted = http.counter("heed_events_total", "status", "accepted");
    this.duplicates = http.counter("heed_events_total", "status", "duplicate");
    this.rejected = http.counter("heed_events_total", "status", "rejected");
  }

  void register() {
    http.route(HandlerType.PUT, "/v1/items/{id}", Scope.INGEST, this::putItem);
    http.route(HandlerType.GET, "/v1/items/{id}", Scope.READ, this::getItem);
    http.route(HandlerType.DELETE, "/v1/items/{id}", Scope.INGEST, this::deleteItem);
    http.route(HandlerType.POST, "/v1/items", Scope.INGEST, this::postItems);
    http.route(HandlerType.GET, "/v1/items", Scope.READ, this::listItems);
    http.route(HandlerType.PUT, "/v1/users/{id}", Scope.INGEST, this::putUser);
    http.route(HandlerType.GET, "/v1/users/{id}", Scope.READ, this::getUser);
    http.route(HandlerType.DELETE, "/v1/users/{id}", Scope.ADMIN, this::eraseUser);
    http.route(HandlerType.GET, "/v1/users/{id}/export", Scope.ADMIN, this::exportUser);
    http.route(HandlerType.POST, "/v1/events", Scope.INGEST, this::postEvents);
    http.route(HandlerType.GET, "/v1/events", Scope.READ, this::listEvents);
    http.route(HandlerType.GET, "/v1/stats", Scope.READ, ctx -> ctx.json(heed.store().counts()));
    http.route(HandlerType.POST, "/v1/admin/keys", Scope.ADMIN, this::createKey);
    http.route(HandlerType.GET, "/v1/admin/keys", Scope.ADMIN, this::listKeys);
    http.route(HandlerType.DELETE, "/v1/admin/keys/{id}", Scope.ADMIN, this::deleteKey);
  }

  // ---- items

  private void putItem(Context ctx) {
    String id = pathId(ctx);
    Item item = http.withJsonBody(ctx, body -> bindWithId(body, id, Item.class));
    item = withCreatedAt(item);
    requireValid(heed.validation().check(item));
    heed.store().items().upsert(List.of(item));
    heed.feeds().observe(item);
    heed.text().observe(item);
    heed.bandits().observe(item);
    ctx.json(item);
  }

  private void postItems(Context ctx) {
    List<Item> items =
        http.withJsonBody(
            ctx,
            body -> {
              JsonNode array = body.isObject() && body.has("items") ? body.get("items") : body;
              if (!array.isArray()) {
                throw new InvalidInputException(
                    "", "must be a JSON array of items (or {\"items\": [...]})");
              }
              checkCount(array.size(), heed.config().ingest().maxEventsPerRequest(), "items");
              List<Item> out = new ArrayList<>(array.size());
              List<FieldError> errors = new ArrayList<>();
              for (int i = 0; i < array.size(); i++) {
                String prefix = "[" + i + "]";
                try {
                  Item item = withCreatedAt(Json.bind(array.get(i), Item.class));
                  heed.validation().check(item).forEach(e -> errors.add(e.under(prefix)));
                  out.add(item);
                } catch (InvalidInputException e) {
                  e.errors().forEach(fe -> errors.add(fe.under(prefix)));
                }
              }
              requireValid(errors);
              return out;
            });
    heed.store().items().upsert(items);
    items.forEach(heed.feeds()::observe);
    items.forEach(heed.text()::observe);
    items.forEach(heed.bandits()::observe);
    ctx.json(Map.of("upserted", items.size()));
  }

  private void getItem(Context ctx) {
    String id = pathId(ctx);
    ctx.json(
        heed.store()
            .items()
            .get(id)
            .orElseThrow(() -> ProblemException.notFound("item '" + id + "'")));
  }

  private void deleteItem(Context ctx) {
    String id = pathId(ctx);
    if (!heed.store().items().delete(id)) {
      throw ProblemException.notFound("item '" + id + "'");
    }
    heed.feeds().observeDeleted(id);
    heed.text().observeDeleted(id);
    heed.bandits().observeDeleted(id);
    ctx.status(204);
  }

  private void listItems(Context ctx) {
    int limit = limit(ctx);
    String cursor = ctx.queryParam("cursor");
    List<Item> page =
        heed.store().items().page(cursor == null || cursor.isEmpty() ? null : cursor, limit);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", page);
    out.put("nextCursor", page.size() == limit ? page.getLast().id() : null);
    ctx.json(out);
  }

  private Item withCreatedAt(Item i) {
    if (i.createdAt() != null) {
      return i;
    }
    return new Item(
        i.id(),
        i.title(),
        i.body(),
        i.language(),
        i.categories(),
        i.tags(),
        i.author(),
        now(),
        i.publishedAt(),
        i.expiresAt(),
        i.hidden(),
        i.attributes());
  }

  // ---- users

  private void putUser(Context ctx) {
    String id = pathId(ctx);
    User user = http.withJsonBody(ctx, body -> bindWithId(body, id, User.class));
    if (user.createdAt() == null) {
      user = new User(user.id(), user.attributes(), user.consent(), now());
    }
    requireValid(heed.validation().check(user));
    heed.store().users().upsert(List.of(user));
    ctx.json(user);
  }

  private void getUser(Context ctx) {
    String id = pathId(ctx);
    ctx.json(
        heed.store()
            .users()
            .get(id)
            .orElseThrow(() -> ProblemException.notFound("user '" + id + "'")));
  }

  private void eraseUser(Context ctx) {
    String id = pathId(ctx);
    Erasure erasure = heed.store().erase(id);
    heed.feeds().observeErased(id);
    ctx.json(erasure);
  }

  private void exportUser(Context ctx) {
    String id = pathId(ctx);
    UserData data = heed.store().export(id);
    if (data.user() == null && data.events().isEmpty()) {
      throw ProblemException.notFound("user '" + id + "'");
    }
    ctx.json(Exporter.userDocument(data));
  }

  // ---- events

  private void postEvents(Context ctx) {
    Instant now = now();
    record Slot(int index, Event event, List<FieldError> errors) {}
    List<Slot> slots =
        http.withJsonBody(
            ctx,
            body -> {
              List<JsonNode> nodes = new ArrayList<>();
              if (body.isArray()) {
                body.forEach(nodes::add);
              } else {
                nodes.add(body);
              }
              if (nodes.isEmpty()) {
                throw new InvalidInputException("", "the array of events is empty");
              }
              checkCount(nodes.size(), heed.config().ingest().maxEventsPerRequest(), "events");
              List<Slot> out = new ArrayList<>(nodes.size());
              for (int i = 0; i < nodes.size(); i++) {
                EventCodec.Parsed p = EventCodec.read(nodes.get(i), () -> now);
                List<FieldError> errors =
                    p.ok() ? heed.validation().check(p.event(), now) : p.errors();
                out.add(new Slot(i, errors.isEmpty() ? p.event() : null, errors));
              }
              return out;
            });
    List<Event> valid = slots.stream().filter(s -> s.event() != null).map(Slot::event).toList();
    rejected.increment(slots.size() - valid.size());
    if (valid.isEmpty()) {
      List<FieldError> all = new ArrayList<>();
      boolean batch = slots.size() > 1;
      for (Slot s : slots) {
        s.errors().forEach(e -> all.add(batch ? e.under("[" + s.index() + "]") : e));
      }
      throw new ProblemException(
          400, "invalid-input", "no event was accepted: " + summary(all), all);
    }
    List<AppendStatus> statuses = commit(valid);
    ArrayNode results = JsonNodeFactory.instance.arrayNode();
    int acc = 0;
    int dup = 0;
    int k = 0;
    for (Slot s : slots) {
      ObjectNode r = results.addObject();
      r.put("index", s.index());
      if (s.event() == null) {
        r.put("status", "rejected");
        r.set("errors", Json.mapper().valueToTree(s.errors()));
      } else {
        AppendStatus st = statuses.get(k++);
        r.put("id", s.event().id());
        r.put("status", st.name().toLowerCase(Locale.ROOT));
        if (st == AppendStatus.ACCEPTED) {
          heed.feeds().observe(s.event());
          acc++;
        } else {
          dup++;
        }
      }
    }
    accepted.increment(acc);
    duplicates.increment(dup);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("accepted", acc);
    out.put("duplicates", dup);
    out.put("rejected", slots.size() - valid.size());
    out.set("results", results);
    ctx.json(out);
  }

  private List<AppendStatus> commit(List<Event> events) {
    try {
      return heed.ingest().submit(events).get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProblemException(503, "interrupted", "the server is shutting down; retry");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re
          ? re
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new ProblemException(
          503,
          "commit-timeout",
          "the store did not commit within "
              + COMMIT_TIMEOUT_SECONDS
              + " s; retry (re-sending is safe)");
    }
  }

  private void listEvents(Context ctx) {
    int limit = limit(ctx);
    long after = 0;
    String cursor = ctx.queryParam("cursor");
    if (cursor != null && !cursor.isEmpty()) {
      try {
        after = Long.parseLong(cursor);
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            "cursor", "must be a cursor returned as nextCursor, was '" + cursor + "'");
      }
    }
    EventQuery q =
        new EventQuery(
            optionalId(ctx, "userId"),
            optionalId(ctx, "itemId"),
            QueryParams.instantParam(ctx, "from"),
            QueryParams.instantParam(ctx, "to"),
            after,
            limit);
    List<StoredEvent> page = heed.store().events().scan(q);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode events = out.putArray("events");
    page.forEach(se -> events.add(EventCodec.write(se.event())));
    out.put("nextCursor", page.size() == limit ? Long.toString(page.getLast().seq()) : null);
    ctx.json(out);
  }

  // ---- API keys

  private void createKey(Context ctx) {
    record KeyRequest(String name, List<String> scopes) {}
    KeyRequest req = http.withJsonBody(ctx, body -> Json.bind(body, KeyRequest.class));
    List<FieldError> errors = new ArrayList<>();
    if (req.name() == null || req.name().isBlank() || req.name().length() > 200) {
      errors.add(new FieldError("name", "is required (1-200 characters)"));
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    if (req.scopes() == null || req.scopes().isEmpty()) {
      errors.add(new FieldError("scopes", "is required: one or more of admin, ingest, read"));
    } else {
      for (int i = 0; i < req.scopes().size(); i++) {
        String s = req.scopes().get(i);
        try {
          scopes.add(Scope.valueOf(String.valueOf(s).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          errors.add(
              new FieldError(
                  "scopes[" + i + "]", "unknown scope '" + s + "'; one of admin, ingest, read"));
        }
      }
    }
    requireValid(errors);
    var issued = heed.apiKeys().issue(req.name(), scopes);
    Map<String, Object> out = keyView(issued.key());
    out.put("key", issued.token());
    ctx.status(201).json(out);
  }

  private void listKeys(Context ctx) {
    ctx.json(
        Map.of("keys", heed.store().apiKeys().list().stream().map(ApiRoutes::keyView).toList()));
  }

  private void deleteKey(Context ctx) {
    String id = pathId(ctx);
    if (!heed.apiKeys().revoke(id)) {
      throw ProblemException.notFound("API key '" + id + "'");
    }
    ctx.status(204);
  }

  private static Map<String, Object> keyView(ApiKey k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.id());
    m.put("name", k.name());
    m.put("scopes", k.scopes().stream().map(Scope::wireName).sorted().toList());
    m.put("createdAt", k.createdAt());
    return m;
  }

  // ---- helpers

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String pathId(Context ctx) {
    String id = ctx.pathParam("id");
    Validation.requireId("id", id);
    return id;
  }

  private static <T> T bindWithId(JsonNode body, String id, Class<T> type) {
    if (!body.isObject()) {
      throw new InvalidInputException("", "must be a JSON object");
    }
    JsonNode bodyId = body.get("id");
    if (bodyId != null && !bodyId.isNull() && !bodyId.asText().equals(id)) {
      throw new ProblemException(
          409,
          "id-conflict",
          "the body's id '" + bodyId.asText() + "' differs from the path's '" + id + "'");
    }
    ((ObjectNode) body).put("id", id);
    return Json.bind(body, type);
  }

  private static void requireValid(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  private static void checkCount(int n, int max, String what) {
    if (n > max) {
      throw new ProblemException(
          413,
          "too-large",
          n + " " + what + " in one request; at most " + max + " (ingest.maxEventsPerRequest)");
    }
  }

  private static int limit(Context ctx) {
    return QueryParams.intParam(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
  }

  private static String optionalId(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    Validation.requireId(name, v);
    return v;
  }

  private static String summary(List<FieldError> errors) {
    return new InvalidInputException(errors.subList(0, Math.min(3, errors.size()))).getMessage()
        + (errors.size() > 3 ? " (and " + (errors.size() - 3) + " more)" : "");
  }
}
