package dev.heed.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.api.store.ApiKey.Scope;
import dev.heed.api.store.AttentionCounts;
import dev.heed.api.store.RollupKey.Dimension;
import dev.heed.api.store.RollupKey.Granularity;
import dev.heed.core.attention.AttentionMetrics;
import dev.heed.core.attention.AttentionQueries;
import dev.heed.core.attention.AttentionQueries.Metric;
import dev.heed.core.ingest.InvalidInputException;
import dev.heed.core.ingest.Validation;
import dev.heed.server.Heed;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Attention metrics over the rollups: one item's series of buckets, and top lists by a metric.
 * Formulas: {@link AttentionMetrics}, {@code Trending}, docs/api.md.
 */
final class MetricsRoutes {
  private static final int MAX_N = 500;
  private static final int MAX_BUCKETS = 5_000;
  private static final Duration DEFAULT_RANGE = Duration.ofDays(7);
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

  private final Heed heed;
  private final HttpApi http;
  private final AttentionQueries queries;

  MetricsRoutes(Heed heed, HttpApi http) {
    this.heed = heed;
    this.http = http;
    this.queries = new AttentionQueries(heed.store().attention());
  }

  void register() {
    http.route(HandlerType.GET, "/v1/metrics/items/{id}", Scope.READ, this::item);
    http.route(HandlerType.GET, "/v1/metrics/top", Scope.READ, this::top);
    http.route(HandlerType.GET, "/v1/metrics/overall", Scope.READ, this::overall);
  }

  private void item(Context ctx) {
    String id = ctx.pathParam("id");
    Validation.requireId("id", id);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("item", id);
    series(
        ctx,
        out,
        Dimension.ITEM,
        "",
        id,
        totals -> {
          if (totals.equals(AttentionCounts.ZERO) && heed.store().items().get(id).isEmpty()) {
            throw ProblemException.notFound(
                "item '" + id + "' (not in the catalog, no events in range)");
          }
        });
    ctx.json(out);
  }

  /** Every event's series (or those on one category's items): the population the priors use. */
  private void overall(Context ctx) {
    String category = category(ctx);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (category != null) {
      out.put("category", category);
    }
    if (category == null) {
      series(ctx, out, Dimension.ALL, "", "", totals -> {});
    } else {
      series(ctx, out, Dimension.CATEGORY, "", category, totals -> {});
    }
    ctx.json(out);
  }

  private void series(
      Context ctx,
      ObjectNode out,
      Dimension dimension,
      String scope,
      String key,
      java.util.function.Consumer<AttentionCounts> checkTotals) {
    Granularity g =
        choice(ctx, "bucket", Granularity.DAY, Granularity.values(), Granularity::wireName);
    Instant[] range = range(ctx);
    long from = range[0].toEpochMilli();
    long to = range[1].toEpochMilli();
    if (AttentionQueries.bucketCount(g, from, to) > MAX_BUCKETS) {
      throw new InvalidInputException(
          "from", "the range holds more than " + MAX_BUCKETS + " " + g.wireName() + " buckets");
    }
    requireRollups();
    var series = queries.series(dimension, scope, key, g, from, to);
    checkTotals.accept(series.totals());
    out.put("bucket", g.wireName());
    out.put("from", Instant.ofEpochMilli(series.from()).toString());
    out.put("to", Instant.ofEpochMilli(series.to()).toString());
    out.set("prior", prior(series.prior()));
    out.set("totals", metrics(AttentionMetrics.of(series.totals(), series.prior())));
    ArrayNode buckets = out.putArray("series");
    for (var b : series.buckets()) {
      ObjectNode o = metrics(AttentionMetrics.of(b.counts(), series.prior()));
      o.put("start", Instant.ofEpochMilli(b.start()).toString());
      buckets.add(o);
    }
    out.put("rolled_up_to_seq", heed.store().attention().cursor());
  }

  private static String category(Context ctx) {
    String category = ctx.queryParam("category");
    if (category != null && (category.isEmpty() || category.length() > 200)) {
      throw new InvalidInputException("category", "must be 1 to 200 characters");
    }
    return category;
  }

  private void top(Context ctx) {
    Metric metric = choice(ctx, "metric", Metric.ATTENTION, Metric.values(), Metric::wireName);
    Dimension dimension =
        choice(
            ctx,
            "dimension",
            Dimension.ITEM,
            new Dimension[] {
              Dimension.ITEM, Dimension.CREATOR, Dimension.CATEGORY, Dimension.TOPIC
            },
            Dimension::wireName);
    String category = category(ctx);
    if (category != null && dimension == Dimension.CATEGORY) {
      throw new InvalidInputException(
          "category", "does not apply to dimension=category (read that category's own row)");
    }
    int n = QueryParams.intParam(ctx, "n", 20, 1, MAX_N);
    Instant[] range = range(ctx);
    requireRollups();
    var top =
        queries.top(
            metric, dimension, category, range[0].toEpochMilli(), range[1].toEpochMilli(), n);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("metric", metric.wireName());
    out.put("dimension", dimension.wireName());
    if (category != null) {
      out.put("category", category);
    }
    out.put("from", Instant.ofEpochMilli(top.from()).toString());
    out.put("to", Instant.ofEpochMilli(top.to()).toString());
    out.set("prior", prior(top.prior()));
    ArrayNode entries = out.putArray("entries");
    for (var r : top.entries()) {
      ObjectNode o = entries.addObject();
      o.put("key", r.key());
      number(o, "value", r.value());
      o.set("metrics", metrics(AttentionMetrics.of(r.counts(), top.prior())));
    }
    out.put("rolled_up_to_seq", heed.store().attention().cursor());
    ctx.json(out);
  }

  private void requireRollups() {
    if (!heed.config().attention().rollups()) {
      throw new ProblemException(
          409,
          "rollups-off",
          "attention rollups are turned off (attention.rollups: false); turn them on and they"
              + " catch up from the event log");
    }
  }

  /** [from, to): to defaults to now, from to 7 days before to. */
  private static Instant[] range(Context ctx) {
    Instant to = QueryParams.instantParam(ctx, "to");
    Instant from = QueryParams.instantParam(ctx, "from");
    if (to == null) {
      to = Instant.now();
    }
    if (from == null) {
      from = to.minus(DEFAULT_RANGE);
    }
    for (var e : new Object[][] {{"from", from}, {"to", to}}) {
      Instant t = (Instant) e[1];
      if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
        throw new InvalidInputException((String) e[0], "must lie between 1970 and 9999");
      }
    }
    if (!from.isBefore(to)) {
      throw new InvalidInputException("from", "must be before to");
    }
    return new Instant[] {from, to};
  }

  private static <T> T choice(
      Context ctx, String name, T def, T[] values, java.util.function.Function<T, String> wire) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return def;
    }
    for (T t : values) {
      if (wire.apply(t).equals(v)) {
        return t;
      }
    }
    throw new InvalidInputException(
        name,
        "must be one of "
            + String.join(", ", Arrays.stream(values).map(wire).toList())
            + ", was '"
            + v
            + "'");
  }

  private static ObjectNode prior(AttentionMetrics.Prior p) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    number(o, "ctr", p.ctr());
    number(o, "attention_seconds", p.attentionSeconds());
    o.put("weight_impressions", AttentionMetrics.PRIOR_IMPRESSIONS);
    return o;
  }

  static ObjectNode metrics(AttentionMetrics m) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("impressions", m.impressions());
    o.put("clicks", m.clicks());
    number(o, "ctr", m.ctr());
    number(o, "ctr_smoothed", m.ctrSmoothed());
    ArrayNode interval = o.putArray("ctr_interval");
    interval.add(round(m.ctrLow()));
    interval.add(round(m.ctrHigh()));
    o.put("dwells", m.dwells());
    number(o, "mean_dwell_seconds", m.meanDwellSeconds());
    number(o, "median_dwell_seconds", m.medianDwellSeconds());
    o.put("completes", m.completes());
    number(o, "completion_rate", m.completionRate());
    o.put("shares", m.shares());
    o.put("likes", m.likes());
    number(o, "engaged_seconds", m.engagedSeconds());
    number(o, "engaged_seconds_per_impression", m.engagedSecondsPerImpression());
    number(o, "attention", m.attention());
    return o;
  }

  /** A number rounded to 6 significant digits; null when undefined (NaN). */
  private static void number(ObjectNode o, String name, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      o.putNull(name);
    } else {
      o.put(name, round(v));
    }
  }

  private static double round(double v) {
    if (v == 0 || Double.isNaN(v)) {
      return v;
    }
    return new java.math.BigDecimal(v)
        .round(new java.math.MathContext(6, java.math.RoundingMode.HALF_EVEN))
        .doubleValue();
  }
}
