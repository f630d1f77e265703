package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /v1/metrics/... end to end on a real server over SQLite. */
class MetricsApiTest {
  @TempDir Path dir;
  TestServer s;

  @AfterEach
  void stop() {
    if (s != null) {
      s.close();
    }
  }

  static void awaitRollups(TestServer s) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!s.heed.rollups().caughtUp()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("rollups did not catch up: " + s.heed.rollups().lastError());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static String event(String id, String kind, String item, String ts, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"kind\":\""
        + kind
        + "\",\"userId\":\"u1\",\"itemId\":\""
        + item
        + "\",\"timestamp\":\""
        + ts
        + "\""
        + extra
        + "}";
  }

  private void seed() {
    s = new TestServer(dir);
    s.put(
        "/v1/items/a",
        "{\"author\":\"ann\",\"categories\":[\"news\"],\"attributes\":{\"topic\":\"ai\"}}");
    s.put("/v1/items/b", "{\"author\":\"bob\",\"categories\":[\"sport\"]}");
    List<String> ev = new ArrayList<>();
    // item a, 2026-03-01 10:xx: 10 impressions, 2 clicks, dwells of 10 s and 30 s, 1 complete
    for (int i = 0; i < 10; i++) {
      ev.add(event("a-imp" + i, "impression", "a", "2026-03-01T10:0" + (i % 6) + ":00Z", ""));
    }
    ev.add(event("a-c1", "click", "a", "2026-03-01T10:10:00Z", ""));
    ev.add(event("a-c2", "click", "a", "2026-03-01T11:10:00Z", ""));
    ev.add(event("a-d1", "dwell", "a", "2026-03-01T10:11:00Z", ",\"dwellMs\":10000"));
    ev.add(event("a-d2", "dwell", "a", "2026-03-01T11:11:00Z", ",\"dwellMs\":30000"));
    ev.add(event("a-done", "complete", "a", "2026-03-01T11:12:00Z", ""));
    ev.add(event("a-like", "like", "a", "2026-03-02T09:00:00Z", ""));
    ev.add(event("a-share", "share", "a", "2026-03-02T09:00:00Z", ""));
    // item b: 10 impressions and 5 clicks on 03-02
    for (int i = 0; i < 10; i++) {
      ev.add(event("b-imp" + i, "impression", "b", "2026-03-02T08:00:00Z", ""));
    }
    for (int i = 0; i < 5; i++) {
      ev.add(event("b-c" + i, "click", "b", "2026-03-02T08:30:00Z", ""));
    }
    JsonNode r = s.post("/v1/events", "[" + String.join(",", ev) + "]").json();
    assertThat(r.get("accepted").asInt()).isEqualTo(ev.size());
    // re-sent events are duplicates and must not count again
    JsonNode again = s.post("/v1/events", "[" + ev.get(0) + "," + ev.get(10) + "]").json();
    assertThat(again.get("duplicates").asInt()).isEqualTo(2);
    awaitRollups(s);
  }

  @Test
  void anItemsSeriesHasEveryBucketWithItsMetrics() {
    seed();
    var r =
        s.get("/v1/metrics/items/a?from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z&bucket=day");
    assertThat(r.status()).isEqualTo(200);
    JsonNode j = r.json();
    assertThat(j.get("bucket").asText()).isEqualTo("day");
    JsonNode totals = j.get("totals");
    assertThat(totals.get("impressions").asLong()).isEqualTo(10);
    assertThat(totals.get("clicks").asLong()).isEqualTo(2);
    assertThat(totals.get("ctr").asDouble()).isCloseTo(0.2, within(1e-9));
    // population: 20 impressions, 7 clicks -> prior (7 + 1) / 22; smoothed (2 + 20p) / 30
    double p = 8 / 22.0;
    assertThat(j.get("prior").get("ctr").asDouble()).isCloseTo(p, within(1e-6));
    assertThat(totals.get("ctr_smoothed").asDouble()).isCloseTo((2 + 20 * p) / 30, within(1e-6));
    assertThat(totals.get("ctr_interval").get(0).asDouble())
        .isLessThan(totals.get("ctr_smoothed").asDouble());
    assertThat(totals.get("mean_dwell_seconds").asDouble()).isCloseTo(20.0, within(1e-9));
    // the lower median, 10 s, lies in the bucket [8000, 10079) ms: sqrt(8000 * 10079) ms
    assertThat(totals.get("median_dwell_seconds").asDouble())
        .isCloseTo(Math.sqrt(8000.0 * 10079) / 1000, within(1e-4));
    assertThat(totals.get("completion_rate").asDouble()).isCloseTo(0.5, within(1e-9));
    assertThat(totals.get("likes").asLong()).isEqualTo(1);
    assertThat(totals.get("shares").asLong()).isEqualTo(1);
    assertThat(totals.get("engaged_seconds_per_impression").asDouble())
        .isCloseTo(4.0, within(1e-9));
    // attention: (40 s + 20 * prior) / (10 + 20), prior = 40 s over 20 impressions = 2 s
    assertThat(totals.get("attention").asDouble()).isCloseTo(80 / 30.0, within(1e-5));
    assertThat(j.get("series")).hasSize(2);
    assertThat(j.get("series").get(0).get("start").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(j.get("series").get(1).get("likes").asLong()).isEqualTo(1);

    JsonNode hours =
        s.get("/v1/metrics/items/a?from=2026-03-01T10:30:00Z&to=2026-03-01T12:00:00Z&bucket=hour")
            .json();
    assertThat(hours.get("from").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(hours.get("series").findValuesAsText("clicks")).containsExactly("1", "1");
    JsonNode empty =
        s.get("/v1/metrics/items/a?from=2026-04-01T00:00:00Z&to=2026-04-02T00:00:00Z").json();
    assertThat(empty.get("totals").get("ctr").isNull()).isTrue();
    assertThat(empty.get("totals").get("impressions").asLong()).isZero();
  }

  @Test
  void theOverallSeriesIsEveryItemsSumAndACategorysOwn() {
    seed();
    String range = "?from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z&bucket=day";
    JsonNode all = s.get("/v1/metrics/overall" + range).json();
    JsonNode a = s.get("/v1/metrics/items/a" + range).json();
    JsonNode b = s.get("/v1/metrics/items/b" + range).json();
    for (String f : List.of("impressions", "clicks", "dwells", "completes", "likes", "shares")) {
      assertThat(all.at("/totals/" + f).asLong())
          .as(f)
          .isEqualTo(a.at("/totals/" + f).asLong() + b.at("/totals/" + f).asLong());
      for (int day = 0; day < 2; day++) {
        assertThat(all.at("/series/" + day + "/" + f).asLong())
            .as(f + " on day " + day)
            .isEqualTo(
                a.at("/series/" + day + "/" + f).asLong()
                    + b.at("/series/" + day + "/" + f).asLong());
      }
    }
    assertThat(all.has("item")).isFalse();
    JsonNode news = s.get("/v1/metrics/overall" + range + "&category=news").json();
    assertThat(news.get("category").asText()).isEqualTo("news");
    assertThat(news.get("totals")).isEqualTo(a.get("totals"));
    JsonNode none = s.get("/v1/metrics/overall" + range + "&category=weather").json();
    assertThat(none.at("/totals/impressions").asLong()).isZero();
  }

  @Test
  void topListsRankByMetricDimensionAndCategory() {
    seed();
    String range = "&from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z";
    JsonNode clicks = s.get("/v1/metrics/top?metric=clicks" + range).json();
    assertThat(clicks.get("entries").findValuesAsText("key")).containsExactly("b", "a");
    assertThat(clicks.get("entries").get(0).get("value").asDouble()).isEqualTo(5);
    JsonNode ctr = s.get("/v1/metrics/top?metric=ctr&n=1" + range).json();
    assertThat(ctr.get("entries").findValuesAsText("key")).containsExactly("b");
    JsonNode attention = s.get("/v1/metrics/top?metric=attention" + range).json();
    assertThat(attention.get("entries").findValuesAsText("key")).containsExactly("a", "b");
    JsonNode creators =
        s.get("/v1/metrics/top?metric=impressions&dimension=creator" + range).json();
    assertThat(creators.get("entries").findValuesAsText("key")).containsExactly("ann", "bob");
    JsonNode news = s.get("/v1/metrics/top?metric=clicks&category=news" + range).json();
    assertThat(news.get("entries").findValuesAsText("key")).containsExactly("a");
    JsonNode topics = s.get("/v1/metrics/top?metric=clicks&dimension=topic" + range).json();
    assertThat(topics.get("entries").findValuesAsText("key")).containsExactly("ai");
    JsonNode categories = s.get("/v1/metrics/top?metric=dwell&dimension=category" + range).json();
    assertThat(categories.get("entries").findValuesAsText("key")).containsExactly("news");
    // Ranked on scalar sums, each entry still carries the full row: its median dwell as the
    // item's own series has it.
    JsonNode dwell = s.get("/v1/metrics/top?metric=dwell" + range).json().at("/entries/0");
    assertThat(dwell.get("key").asText()).isEqualTo("a");
    assertThat(dwell.at("/metrics/median_dwell_seconds").isNumber()).isTrue();
    assertThat(dwell.at("/metrics/median_dwell_seconds"))
        .isEqualTo(
            s.get("/v1/metrics/items/a" + range.replaceFirst("&", "?"))
                .json()
                .at("/totals/median_dwell_seconds"));
    JsonNode trending = s.get("/v1/metrics/top?metric=trending&to=2026-03-02T10:00:00Z").json();
    assertThat(trending.get("entries").findValuesAsText("key")).containsExactly("b", "a");
    // 5 clicks 1.5 hours before the end, no baseline: 5 * 2^(-1/6) / W
    assertThat(trending.get("entries").get(0).get("value").asDouble())
        .isCloseTo(5 * Math.pow(2, -1 / 6.0) / 8.592932952024578, within(1e-5));
  }

  @Test
  void badInputIsA400ProblemNeverA5xx() {
    seed();
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry("/v1/metrics/items/a?bucket=week", "bucket"),
            Map.entry("/v1/metrics/items/a?from=yesterday", "from"),
            Map.entry(
                "/v1/metrics/items/a?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from"),
            Map.entry(
                "/v1/metrics/items/a?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=hour",
                "from"),
            Map.entry("/v1/metrics/items/a?to=+999999999-12-31T23:59:59Z", "to"),
            Map.entry("/v1/metrics/items/bad%20id", "id"),
            Map.entry("/v1/metrics/top?metric=fame", "metric"),
            Map.entry("/v1/metrics/top?dimension=all", "dimension"),
            Map.entry("/v1/metrics/top?n=0", "n"),
            Map.entry("/v1/metrics/top?n=many", "n"),
            Map.entry("/v1/metrics/top?dimension=category&category=news", "category"),
            Map.entry("/v1/metrics/top?category=", "category"),
            Map.entry("/v1/metrics/top?to=1970-01-01T00:00:00Z", "from"),
            Map.entry("/v1/metrics/overall?bucket=minute", "bucket"),
            Map.entry("/v1/metrics/overall?category=", "category"),
            Map.entry("/v1/metrics/overall?from=soon", "from"));
    cases.forEach(
        (path, field) -> {
          var r = s.get(path);
          assertThat(r.status()).as(path).isEqualTo(400);
          assertThat(r.contentType()).as(path).startsWith("application/problem+json");
          assertThat(r.json().get("errors").findValuesAsText("field")).as(path).contains(field);
        });
    var missing = s.get("/v1/metrics/items/nobody");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/problem+json");
    // a read key may read metrics, an ingest-only key may not, no key gets 401
    assertThat(s.send("GET", "/v1/metrics/top", null, s.issueKey("read")).status()).isEqualTo(200);
    assertThat(s.send("GET", "/v1/metrics/top", null, s.issueKey("ingest")).status())
        .isEqualTo(403);
    assertThat(s.send("GET", "/v1/metrics/top", null, null).status()).isEqualTo(401);
  }

  @Test
  void withRollupsOffMetricsAnswer409AndTurnedOnTheyCatchUp() {
    s = new TestServer(dir, Map.of("HEED_ATTENTION_ROLLUPS", "false"));
    s.post("/v1/events", event("e1", "impression", "x", "2026-03-01T10:00:00Z", ""));
    var r = s.get("/v1/metrics/top");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("type").asText()).isEqualTo("/problems/rollups-off");
    assertThat(s.heed.store().attention().cursor()).isZero();
    s.close();
    s = new TestServer(dir);
    awaitRollups(s);
    JsonNode top =
        s.get(
                "/v1/metrics/top?metric=impressions&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z")
            .json();
    assertThat(top.get("entries").findValuesAsText("key")).containsExactly("x");
  }
}
