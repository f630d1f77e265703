package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.heed.core.json.Json;
import dev.heed.server.monitor.AlertWebhook;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opinion monitoring on a real server with the real sentiment model: quiet hours, then a negative
 * burst on one topic raises an alert listed by the API and posted, signed, to a local webhook.
 */
class MonitorApiTest {
  private static final String SECRET = "monitor-test-secret-0123";
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final List<String> GOOD =
      List.of(
          "The delivery was fast and the phone works perfectly, I love it.",
          "Excellent service, friendly staff and a wonderful clean room.",
          "Great quality for the price, highly recommended!",
          "这家酒店服务很好，房间干净，非常满意。",
          "Amazing battery life and a beautiful screen, very happy with it.");
  private static final List<String> BAD =
      List.of(
          "The battery died after two days and support never answered. Terrible, I returned it.",
          "Awful experience, the product broke immediately and nobody helped. A waste of money.",
          "质量太差了，用了一天就坏了，客服也不理人，非常失望。");

  private record Received(String signature, byte[] body) {}

  private static String hour(int h, int docs, int negative, String topic) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < docs; i++) {
      String text = i < negative ? BAD.get(i % BAD.size()) : GOOD.get(i % GOOD.size());
      b.append(i == 0 ? "" : ",")
          .append("{\"id\":\"d")
          .append(h)
          .append('-')
          .append(i)
          .append("\",\"source\":\"reviews\",\"topic\":\"")
          .append(topic)
          .append("\",\"timestamp\":\"")
          .append(T0.plusSeconds(h * 3600L + i * 60L))
          .append("\",\"text\":")
          .append(Json.mapper().valueToTree(text).toString())
          .append('}');
    }
    return b.append(']').toString();
  }

  @Test
  void aNegativeBurstRaisesOneSignedAlert() throws Exception {
    BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    AtomicInteger calls = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          // The first delivery fails, so the retry is exercised too.
          int status = calls.incrementAndGet() == 1 ? 503 : 204;
          if (status == 204) {
            received.add(new Received(ex.getRequestHeaders().getFirst("X-Heed-Signature"), body));
          }
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    receiver.start();
    try (TestServer s = new TestServer(dir)) {
      s.heed
          .monitor()
          .webhook(
              new AlertWebhook(
                  URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
                  SECRET,
                  Duration.ofMillis(50)));
      String ingest = s.issueKey("ingest");
      for (int h = 0; h < 8; h++) {
        TestServer.Response r =
            s.send("POST", "/v1/monitor/documents", hour(h, 10, 1, "battery"), ingest);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode results = r.json().path("results");
        assertThat(results).hasSize(10);
        assertThat(results.get(0).path("sentiment").asText()).isEqualTo("negative");
        assertThat(results.get(1).path("sentiment").asText()).isNotEqualTo("negative");
        assertThat(results.get(1).path("topic").asText()).isEqualTo("battery");
        assertThat(results.get(1).path("id").asText()).isEqualTo("d" + h + "-1");
        assertThat(results.get(1).path("counted").asBoolean()).isTrue();
      }
      assertThat(s.get("/v1/monitor/alerts").json().path("alerts")).isEmpty();

      TestServer.Response burst =
          s.send("POST", "/v1/monitor/documents", hour(8, 12, 12, "battery"), ingest);
      assertThat(burst.status()).as(burst.body()).isEqualTo(200);

      JsonNode alerts = s.get("/v1/monitor/alerts").json().path("alerts");
      assertThat(alerts).hasSize(1);
      JsonNode a = alerts.get(0);
      assertThat(a.path("topic").asText()).isEqualTo("battery");
      assertThat(a.path("kind").asText()).isEqualTo("negative_share");
      assertThat(a.path("bucket").asText()).isEqualTo(T0.plusSeconds(8 * 3600).toString());
      assertThat(a.path("baseline").asDouble())
          .isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(a.path("value").asDouble()).isGreaterThan(a.path("threshold").asDouble());

      Received got = received.poll(10, TimeUnit.SECONDS);
      assertThat(got).as("webhook delivery").isNotNull();
      assertThat(calls.get()).isEqualTo(2);
      assertThat(got.signature())
          .isEqualTo(AlertWebhook.signature(SECRET.getBytes(StandardCharsets.UTF_8), got.body()));
      assertThat(got.signature()).matches("sha256=[0-9a-f]{64}");
      JsonNode payload = Json.mapper().readTree(got.body());
      assertThat(payload.path("type").asText()).isEqualTo("heed.monitor.alert");
      assertThat(payload.path("alert").path("topic").asText()).isEqualTo("battery");
      assertThat(payload.path("alert").path("kind").asText()).isEqualTo("negative_share");
      for (int i = 0; i < 50 && !alertDelivery(s).equals("delivered"); i++) {
        Thread.sleep(20);
      }
      assertThat(alertDelivery(s)).isEqualTo("delivered");

      // Without a hint the pipeline's top zero-shot topic is the document's topic.
      TestServer.Response unhinted =
          s.send(
              "POST",
              "/v1/monitor/documents",
              "{\"text\":\"The striker scored twice and the team won the championship final.\","
                  + "\"timestamp\":\"2026-03-01T03:30:00Z\"}",
              ingest);
      assertThat(unhinted.status()).as(unhinted.body()).isEqualTo(200);
      String topic = unhinted.json().path("results").get(0).path("topic").asText();
      assertThat(topic).isNotBlank().isNotEqualTo("battery");

      JsonNode topics =
          s.get("/v1/monitor/topics?from=2026-03-01T00:00:00Z&to=2026-03-01T12:00:00Z")
              .json()
              .path("topics");
      assertThat(topics).hasSize(2);
      JsonNode battery =
          topics.get(0).path("topic").asText().equals("battery") ? topics.get(0) : topics.get(1);
      JsonNode series = battery.path("series");
      assertThat(series).hasSize(9);
      assertThat(series.get(0).path("documents").asInt()).isEqualTo(10);
      assertThat(series.get(0).path("negative_share").asDouble()).isEqualTo(0.1);
      // The model decides which burst texts are negative; most of them are. The alert fired at
      // the hour's first crossing (its 10th document), so its value may differ from the total.
      assertThat(series.get(8).path("negative_share").asDouble()).isGreaterThan(0.5);
      assertThat(a.path("value").asDouble()).isGreaterThan(0.5);
    } finally {
      receiver.stop(0);
    }
  }

  private static String alertDelivery(TestServer s) {
    return s.get("/v1/monitor/alerts").json().path("alerts").get(0).path("delivery").asText();
  }

  @TempDir Path dir;

  @Test
  void badInputIsAProblemAndScopesApply() {
    try (TestServer s = new TestServer(dir)) {
      TestServer.Response noText = s.post("/v1/monitor/documents", "{\"topic\":\"x\"}");
      assertThat(noText.status()).isEqualTo(400);
      assertThat(noText.contentType()).startsWith("application/problem+json");
      assertThat(noText.json().path("errors").get(0).path("field").asText()).isEqualTo("text");

      TestServer.Response batch =
          s.post(
              "/v1/monitor/documents",
              "[{\"text\":\"ok\"},{\"text\":\"ok\",\"timestamp\":\"yesterday\",\"topic\":7}]");
      assertThat(batch.status()).isEqualTo(400);
      assertThat(batch.body()).contains("[1].timestamp", "[1].topic");

      assertThat(s.post("/v1/monitor/documents", "[]").status()).isEqualTo(400);
      assertThat(s.post("/v1/monitor/documents", "{\"text\":").status()).isEqualTo(400);
      assertThat(s.get("/v1/monitor/topics?from=tomorrow").status()).isEqualTo(400);
      assertThat(
              s.get("/v1/monitor/topics?from=2026-03-01T00:00:00Z&to=2026-01-01T00:00:00Z")
                  .status())
          .isEqualTo(400);
      assertThat(s.get("/v1/monitor/alerts?limit=0").status()).isEqualTo(400);

      String read = s.issueKey("read");
      assertThat(s.send("POST", "/v1/monitor/documents", "{\"text\":\"hi\"}", read).status())
          .isEqualTo(403);
      assertThat(s.send("GET", "/v1/monitor/alerts", null, read).status()).isEqualTo(200);
      assertThat(s.send("GET", "/v1/monitor/topics", null, null).status()).isEqualTo(401);
    }
  }

  /** Review events of one hour as a POST /v1/events body (topic hint in the context). */
  private static String reviews(int h, int docs, int negative, String topic) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < docs; i++) {
      String text = i < negative ? BAD.get(i % BAD.size()) : GOOD.get(i % GOOD.size());
      b.append(i == 0 ? "" : ",")
          .append("{\"id\":\"r")
          .append(h)
          .append('-')
          .append(i)
          .append("\",\"kind\":\"review\",\"userId\":\"u")
          .append(i)
          .append("\",\"itemId\":\"phone\",\"timestamp\":\"")
          .append(T0.plusSeconds(h * 3600L + i * 60L))
          .append("\",\"context\":{\"topic\":\"")
          .append(topic)
          .append("\"},\"text\":")
          .append(Json.mapper().valueToTree(text).toString())
          .append('}');
    }
    return b.append(']').toString();
  }

  private static JsonNode batterySeries(TestServer s) {
    for (JsonNode t :
        s.get("/v1/monitor/topics?from=2026-03-01T00:00:00Z&to=2026-03-01T12:00:00Z")
            .json()
            .path("topics")) {
      if (t.path("topic").asText().equals("battery")) {
        return t.path("series");
      }
    }
    return Json.mapper().createArrayNode();
  }

  @Test
  void reviewEventsAreCountedOnceOffTheRequestPathAndSurviveARestart() throws Exception {
    String alertsBefore;
    String seriesBefore;
    try (TestServer s = new TestServer(dir)) {
      for (int h = 0; h < 8; h++) {
        TestServer.Response r = s.post("/v1/events", reviews(h, 10, 1, "battery"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
      }
      TestServer.Response burst = s.post("/v1/events", reviews(8, 12, 12, "battery"));
      assertThat(burst.status()).as(burst.body()).isEqualTo(200);
      // A re-sent batch is a duplicate in the log and is not counted again.
      assertThat(s.post("/v1/events", reviews(8, 12, 12, "battery")).status()).isEqualTo(200);
      // The follower counts the reviews in the background; wait for the burst hour.
      for (int i = 0; i < 600 && batterySeries(s).size() < 9; i++) {
        Thread.sleep(100);
      }
      s.heed.monitor().catchUp();
      JsonNode series = batterySeries(s);
      assertThat(series).hasSize(9);
      for (int h = 0; h < 8; h++) {
        assertThat(series.get(h).path("documents").asInt()).isEqualTo(10);
      }
      assertThat(series.get(8).path("documents").asInt()).isEqualTo(12);
      assertThat(series.get(8).path("negative_share").asDouble()).isGreaterThan(0.5);
      assertThat(s.heed.monitor().caughtUp()).isTrue();
      JsonNode alerts = s.get("/v1/monitor/alerts").json().path("alerts");
      assertThat(alerts).hasSize(1);
      assertThat(alerts.get(0).path("kind").asText()).isEqualTo("negative_share");
      assertThat(alerts.get(0).path("delivery").asText()).isEqualTo("none");
      alertsBefore = alerts.toString();
      seriesBefore = series.toString();
    }
    try (TestServer s = new TestServer(dir)) {
      // The series and alerts come back from the store; the cursor keeps the reviews from being
      // counted a second time, and the detector's state (loaded series) raises nothing new.
      assertThat(s.heed.monitor().catchUp()).isZero();
      assertThat(batterySeries(s).toString()).isEqualTo(seriesBefore);
      assertThat(s.get("/v1/monitor/alerts").json().path("alerts").toString())
          .isEqualTo(alertsBefore);
      // Documents posted directly are durable too, and the burst hour's alert is not raised
      // twice.
      assertThat(s.post("/v1/monitor/documents", hour(8, 2, 2, "battery")).status()).isEqualTo(200);
      assertThat(s.get("/v1/monitor/alerts").json().path("alerts")).hasSize(1);
      // Reviews written to the log by another process (an import) are found by the follower's
      // periodic look, without an ingest commit to wake it.
      s.heed
          .store()
          .events()
          .append(
              List.of(
                  new dev.heed.api.Event.Review(
                      "imported-1",
                      "u1",
                      "phone",
                      T0.plusSeconds(9 * 3600L),
                      GOOD.get(0),
                      5.0,
                      java.util.Map.of("topic", "battery"))));
      for (int i = 0; i < 100 && batterySeries(s).size() < 10; i++) {
        Thread.sleep(100);
      }
      assertThat(batterySeries(s)).hasSize(10);
    }
    try (TestServer s = new TestServer(dir)) {
      assertThat(batterySeries(s).get(8).path("documents").asInt()).isEqualTo(14);
      assertThat(batterySeries(s).get(9).path("documents").asInt()).isEqualTo(1);
    }
  }
}
