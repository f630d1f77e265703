package dev.heed.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.api.store.ApiKey.Scope;
import dev.heed.core.experiment.bandit.HeadlineVariants;
import dev.heed.core.ingest.InvalidInputException;
import dev.heed.core.ingest.Validation;
import dev.heed.core.json.Json;
import dev.heed.core.recommend.feed.FeedItem;
import dev.heed.core.recommend.feed.FeedRequest;
import dev.heed.core.recommend.feed.FeedSnapshot;
import dev.heed.server.Heed;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** Feeds: recommendations, similar, popular, trending, latest; training and model status. */
final class FeedRoutes {
  private static final int MAX_N = 500;
  private static final int MAX_OFFSET = 10_000;

  private final Heed heed;
  private final HttpApi http;

  FeedRoutes(Heed heed, HttpApi http) {
    this.heed = heed;
    this.http = http;
  }

  void register() {
    http.route(
        HandlerType.GET, "/v1/users/{id}/recommendations", Scope.READ, this::recommendations);
    http.route(HandlerType.GET, "/v1/items/{id}/similar", Scope.READ, this::similar);
    http.route(HandlerType.GET, "/v1/popular", Scope.READ, ctx -> ranking(ctx, "popular"));
    http.route(HandlerType.GET, "/v1/trending", Scope.READ, ctx -> ranking(ctx, "trending"));
    http.route(HandlerType.GET, "/v1/latest", Scope.READ, ctx -> ranking(ctx, "latest"));
    http.route(HandlerType.POST, "/v1/admin/train", Scope.ADMIN, this::train);
    http.route(HandlerType.GET, "/v1/admin/models", Scope.ADMIN, this::models);
  }

  private void recommendations(Context ctx) {
    String user = ctx.pathParam("id");
    Validation.requireId("id", user);
    FeedRequest r = request(ctx);
    respond(ctx, heed.feeds().service().recommend(user, r));
  }

  private void similar(Context ctx) {
    String item = ctx.pathParam("id");
    Validation.requireId("id", item);
    FeedRequest r = request(ctx);
    List<FeedItem> items = heed.feeds().service().similar(item, r);
    if (items == null && heed.store().items().get(item).isEmpty()) {
      throw ProblemException.notFound("item '" + item + "'");
    }
    if (items == null || items.isEmpty()) {
      // No engagement to go on (a new item): similar content by embedding instead.
      items = new java.util.ArrayList<>();
      for (var hit : heed.text().similar(item, r.n() + r.offset(), r.category())) {
        var other = heed.store().items().get(hit.id());
        if (other.isPresent() && !other.get().hidden() && !r.exclude().contains(hit.id())) {
          items.add(
              new FeedItem(
                  hit.id(),
                  other.get().title(),
                  hit.score(),
                  "content",
                  r.explain() ? "similar in content" : null,
                  null));
        }
      }
      items = items.subList(Math.min(r.offset(), items.size()), items.size());
    }
    respond(ctx, items);
  }

  private void ranking(Context ctx, String source) {
    respond(ctx, heed.feeds().service().ranking(source, request(ctx)));
  }

  /**
   * Renders a feed. An item with headline variants shows the one Thompson sampling picks now, named
   * in {@code variant} so the client can tag the impression and click with it.
   */
  private void respond(Context ctx, List<FeedItem> items) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode array = out.putArray("items");
    UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create();
    for (FeedItem f : items) {
      ObjectNode o = array.addObject();
      o.put("id", f.id());
      HeadlineVariants.Variant variant = heed.bandits().choose(f.id(), random);
      if (variant != null) {
        o.put("title", variant.title());
        o.put("variant", variant.name());
        if (variant.thumbnail() != null) {
          o.put("thumbnail", variant.thumbnail());
        }
      } else if (f.title() != null) {
        o.put("title", f.title());
      }
      o.put("score", f.score());
      o.put("source", f.source());
      if (f.explanation() != null) {
        o.put("explanation", f.explanation());
      }
      if (f.because() != null) {
        o.put("because", f.because());
      }
    }
    out.put(
        "snapshot",
        Instant.ofEpochMilli(heed.feeds().service().snapshot().info().builtAtMillis()).toString());
    ctx.json(out);
  }

  private static FeedRequest request(Context ctx) {
    int n = QueryParams.intParam(ctx, "n", 20, 1, MAX_N);
    int offset = QueryParams.intParam(ctx, "offset", 0, 0, MAX_OFFSET);
    int cap = QueryParams.intParam(ctx, "max_per_category", 0, 0, MAX_N);
    String category = ctx.queryParam("category");
    if (category != null && (category.isEmpty() || category.length() > 200)) {
      throw new InvalidInputException("category", "must be 1 to 200 characters");
    }
    Set<String> exclude = new LinkedHashSet<>();
    String raw = ctx.queryParam("exclude");
    if (raw != null && !raw.isEmpty()) {
      List<String> ids = Arrays.stream(raw.split(",")).map(String::trim).toList();
      if (ids.size() > 1000) {
        throw new InvalidInputException("exclude", "at most 1000 ids");
      }
      for (String id : ids) {
        Validation.requireId("exclude", id);
        exclude.add(id);
      }
    }
    return new FeedRequest(
        n, offset, category, exclude, cap, QueryParams.boolParam(ctx, "explain"));
  }

  private void train(Context ctx) {
    boolean wait = QueryParams.boolParam(ctx, "wait");
    boolean already = heed.feeds().building();
    var future = heed.feeds().train((stage, done, total) -> {});
    if (!wait) {
      ctx.status(202);
      ctx.json(java.util.Map.of("status", already ? "already running" : "started"));
      return;
    }
    try {
      FeedSnapshot.Info info = future.get(1, TimeUnit.HOURS);
      ctx.json(java.util.Map.of("status", "built", "snapshot", info(info)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProblemException(503, "interrupted", "the server is shutting down");
    } catch (TimeoutException e) {
      throw new ProblemException(
          503, "train-timeout", "training is still running; poll /v1/admin/models");
    } catch (ExecutionException e) {
      throw new ProblemException(
          500, "train-failed", "training failed: " + e.getCause().getMessage());
    }
  }

  private void models(Context ctx) {
    var engine = heed.feeds();
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("building", engine.building());
    out.set("snapshot", info(engine.service().snapshot().info()));
    ObjectNode live = out.putObject("since_snapshot");
    live.put("events", engine.service().live().eventsSinceBuild());
    live.put("items_changed", engine.service().live().items().size());
    ObjectNode schedule = out.putObject("schedule");
    schedule.put("retrain_events", engine.config().retrainEvents());
    schedule.put("retrain_interval", engine.config().retrainInterval().toString());
    if (engine.lastError() != null) {
      out.put("last_error", engine.lastError());
    }
    ctx.json(out);
  }

  private static ObjectNode info(FeedSnapshot.Info i) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("built_at", Instant.ofEpochMilli(i.builtAtMillis()).toString());
    o.put("build_seconds", Math.round(i.buildSeconds() * 1000) / 1000.0);
    o.put("algorithm", i.algorithm());
    o.set("params", Json.mapper().valueToTree(new java.util.TreeMap<>(i.params())));
    o.put("events", i.events());
    o.put("last_event_seq", i.lastEventSeq());
    o.put("users", i.users());
    o.put("items", i.items());
    o.put("catalog_items", i.catalogItems());
    o.put("interactions", i.interactions());
    o.set("offline_metrics", Json.mapper().valueToTree(i.metrics()));
    return o;
  }
}
