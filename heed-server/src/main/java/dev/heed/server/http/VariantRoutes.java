package dev.heed.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.api.Item;
import dev.heed.api.store.ApiKey.Scope;
import dev.heed.core.experiment.bandit.ArmStats;
import dev.heed.core.experiment.bandit.HeadlineVariants;
import dev.heed.core.ingest.FieldError;
import dev.heed.core.ingest.InvalidInputException;
import dev.heed.core.ingest.Validation;
import dev.heed.core.json.Json;
import dev.heed.server.Heed;
import dev.heed.server.bandit.BanditEngine;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.BetaDistribution;

/** Headline/thumbnail variants of an item: define them, read their bandit statistics. */
final class VariantRoutes {
  private final Heed heed;
  private final HttpApi http;

  VariantRoutes(Heed heed, HttpApi http) {
    this.heed = heed;
    this.http = http;
  }

  void register() {
    http.route(HandlerType.PUT, "/v1/items/{id}/variants", Scope.INGEST, this::put);
    http.route(HandlerType.GET, "/v1/items/{id}/variants", Scope.READ, this::get);
  }

  private void put(Context ctx) {
    String id = ctx.pathParam("id");
    Validation.requireId("id", id);
    Object variants =
        http.withJsonBody(
            ctx,
            body -> {
              if (!body.isObject()) {
                throw new InvalidInputException("", "must be a JSON object {\"variants\": [...]}");
              }
              for (var names = body.fieldNames(); names.hasNext(); ) {
                String f = names.next();
                if (!f.equals("variants")) {
                  throw new InvalidInputException(f, "is not a field of a variants definition");
                }
              }
              JsonNode list = body.get("variants");
              if (list == null || !list.isArray()) {
                throw new InvalidInputException("variants", "is required and must be a list");
              }
              Object value = Json.mapper().convertValue(list, Object.class);
              List<FieldError> errors =
                  HeadlineVariants.check(value).stream().map(e -> e.under("variants")).toList();
              if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
              }
              return value;
            });
    Item item =
        heed.store()
            .items()
            .get(id)
            .orElseThrow(() -> ProblemException.notFound("item '" + id + "'"));
    Map<String, Object> attributes = new HashMap<>(item.attributes());
    if (((List<?>) variants).isEmpty()) {
      attributes.remove(HeadlineVariants.ATTRIBUTE);
    } else {
      attributes.put(HeadlineVariants.ATTRIBUTE, variants);
    }
    Item updated =
        new Item(
            item.id(),
            item.title(),
            item.body(),
            item.language(),
            item.categories(),
            item.tags(),
            item.author(),
            item.createdAt(),
            item.publishedAt(),
            item.expiresAt(),
            item.hidden(),
            attributes);
    List<FieldError> errors = heed.validation().check(updated);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    heed.store().items().upsert(List.of(updated));
    heed.feeds().observe(updated);
    heed.bandits().observe(updated);
    ctx.json(stats(id));
  }

  private void get(Context ctx) {
    String id = ctx.pathParam("id");
    Validation.requireId("id", id);
    if (heed.store().items().get(id).isEmpty()) {
      throw ProblemException.notFound("item '" + id + "'");
    }
    ctx.json(stats(id));
  }

  /**
   * Per variant: impressions, clicks, the observed CTR and the Beta posterior's mean and central
   * 95% interval under the sampler's prior.
   */
  private ObjectNode stats(String id) {
    BanditEngine bandits = heed.bandits();
    double alpha = bandits.sampler().alpha();
    double beta = bandits.sampler().beta();
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("item", id);
    out.put("policy", "thompson");
    out.putObject("prior").put("alpha", alpha).put("beta", beta);
    ArrayNode array = out.putArray("variants");
    for (BanditEngine.VariantStats v : bandits.variants(id)) {
      ArmStats.Counts c = v.counts();
      ObjectNode o = array.addObject();
      o.put("name", v.variant().name());
      o.put("title", v.variant().title());
      if (v.variant().thumbnail() != null) {
        o.put("thumbnail", v.variant().thumbnail());
      }
      o.put("impressions", c.impressions());
      o.put("clicks", c.clicks());
      if (c.impressions() > 0) {
        o.put("ctr", c.rate());
      } else {
        o.putNull("ctr");
      }
      BetaDistribution posterior = BetaDistribution.of(alpha + c.clicks(), beta + c.misses());
      o.put("posterior_mean", posterior.getMean());
      o.putArray("ci95")
          .add(posterior.inverseCumulativeProbability(0.025))
          .add(posterior.inverseCumulativeProbability(0.975));
    }
    out.put("counted_to_seq", bandits.cursor());
    return out;
  }
}
