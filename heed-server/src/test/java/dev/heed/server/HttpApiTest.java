package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpApiTest {
  @TempDir Path dir;
  TestServer s;

  @BeforeEach
  void start() {
    s = new TestServer(dir);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  @Test
  void itemsCanBeWrittenReadListedAndDeleted() {
    var put =
        s.put(
            "/v1/items/a1",
            "{\"title\":\"你好 world\",\"categories\":[\"news\"],\"publishedAt\":\"2026-01-01T00:00:00Z\",\"attributes\":{\"price\":3}}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("createdAt").asText()).isNotEmpty();
    JsonNode got = s.get("/v1/items/a1").json();
    assertThat(got.get("title").asText()).isEqualTo("你好 world");
    assertThat(got.get("attributes").get("price").asInt()).isEqualTo(3);
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 250; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"id\":\"b").append(i).append("\",\"title\":\"t\"}");
    }
    assertThat(s.post("/v1/items", batch + "]").json().get("upserted").asInt()).isEqualTo(250);
    List<String> ids = new ArrayList<>();
    String cursor = "";
    do {
      JsonNode page = s.get("/v1/items?limit=100&cursor=" + cursor).json();
      page.get("items").forEach(i -> ids.add(i.get("id").asText()));
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    } while (cursor != null);
    assertThat(ids).hasSize(251).doesNotHaveDuplicates().isSorted();
    assertThat(s.delete("/v1/items/a1").status()).isEqualTo(204);
    assertThat(s.get("/v1/items/a1").status()).isEqualTo(404);
    assertThat(s.delete("/v1/items/a1").status()).isEqualTo(404);
  }

  @Test
  void aBatchWithOneBadItemWritesNothing() {
    var r =
        s.post(
            "/v1/items",
            "[{\"id\":\"ok\"},{\"id\":\"bad id\"},{\"id\":\"x\",\"tags\":\"notalist\"}]");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("[1].id", "[2].tags");
    assertThat(s.get("/v1/items/ok").status()).isEqualTo(404);
  }

  @Test
  void eventsReportAcceptedDuplicateAndRejectedPerEvent() {
    String events =
        "[{\"id\":\"e1\",\"kind\":\"click\",\"userId\":\"u1\",\"itemId\":\"i1\"},"
            + "{\"id\":\"e2\",\"kind\":\"warp\",\"userId\":\"u1\",\"itemId\":\"i1\"},"
            + "{\"id\":\"e1\",\"kind\":\"click\",\"userId\":\"u1\",\"itemId\":\"i1\"},"
            + "{\"id\":\"e3\",\"kind\":\"dwell\",\"userId\":\"u1\",\"itemId\":\"i1\",\"dwellMs\":1500}]";
    JsonNode r = s.post("/v1/events", events).json();
    assertThat(r.get("accepted").asInt()).isEqualTo(2);
    assertThat(r.get("duplicates").asInt()).isEqualTo(1);
    assertThat(r.get("rejected").asInt()).isEqualTo(1);
    assertThat(r.get("results").findValuesAsText("status"))
        .containsExactly("accepted", "rejected", "duplicate", "accepted");
    assertThat(r.get("results").get(1).get("errors").get(0).get("field").asText())
        .isEqualTo("kind");
    // re-sending the whole batch adds nothing
    JsonNode again = s.post("/v1/events", events).json();
    assertThat(again.get("accepted").asInt()).isZero();
    assertThat(s.get("/v1/stats").json().get("events").asLong()).isEqualTo(2);
    JsonNode scanned = s.get("/v1/events?userId=u1").json();
    assertThat(scanned.get("events").findValuesAsText("id")).containsExactly("e1", "e3");
  }

  @Test
  void usersCanBeExportedAndErased() {
    assertThat(
            s.put(
                    "/v1/users/u1",
                    "{\"attributes\":{\"plan\":\"pro\"},\"consent\":{\"analytics\":true}}")
                .status())
        .isEqualTo(200);
    s.post(
        "/v1/events",
        "[{\"id\":\"a\",\"kind\":\"like\",\"userId\":\"u1\",\"itemId\":\"i\"},{\"id\":\"b\",\"kind\":\"search\",\"userId\":\"u1\",\"query\":\"q\"},{\"id\":\"c\",\"kind\":\"like\",\"userId\":\"u2\",\"itemId\":\"i\"}]");
    JsonNode export = s.get("/v1/users/u1/export").json();
    assertThat(export.get("user").get("consent").get("analytics").asBoolean()).isTrue();
    assertThat(export.get("events").findValuesAsText("id")).containsExactly("a", "b");
    JsonNode erased = s.delete("/v1/users/u1").json();
    assertThat(erased.get("userDeleted").asBoolean()).isTrue();
    assertThat(erased.get("eventsDeleted").asInt()).isEqualTo(2);
    assertThat(s.get("/v1/users/u1").status()).isEqualTo(404);
    assertThat(s.get("/v1/users/u1/export").status()).isEqualTo(404);
    assertThat(s.get("/v1/stats").json().get("events").asLong()).isEqualTo(1);
  }

  @Test
  void keysHaveScopes() {
    String reader = s.issueKey("read");
    String ingester = s.issueKey("ingest");
    assertThat(s.send("GET", "/v1/stats", null, reader).status()).isEqualTo(200);
    assertThat(
            s.send(
                    "POST",
                    "/v1/events",
                    "{\"kind\":\"click\",\"userId\":\"u\",\"itemId\":\"i\"}",
                    reader)
                .status())
        .isEqualTo(403);
    assertThat(
            s.send(
                    "POST",
                    "/v1/events",
                    "{\"kind\":\"click\",\"userId\":\"u\",\"itemId\":\"i\"}",
                    ingester)
                .status())
        .isEqualTo(200);
    assertThat(s.send("GET", "/v1/stats", null, ingester).status()).isEqualTo(403);
    assertThat(s.send("DELETE", "/v1/users/u", null, ingester).status()).isEqualTo(403);
    var wrong = s.send("GET", "/v1/stats", null, reader + "x");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.headers().get("www-authenticate")).isNotEmpty();
    JsonNode keys = s.get("/v1/admin/keys").json().get("keys");
    assertThat(keys).hasSize(2);
    assertThat(keys.toString()).doesNotContain(reader.substring(16));
    String id = reader.split("_")[1];
    assertThat(s.delete("/v1/admin/keys/" + id).status()).isEqualTo(204);
    assertThat(s.send("GET", "/v1/stats", null, reader).status()).isEqualTo(401);
  }

  @Test
  void xApiKeyHeaderIsAcceptedAndHealthNeedsNoKey() throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var req =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.base + "/v1/stats"))
            .header("X-API-Key", TestServer.ADMIN_KEY)
            .build();
    assertThat(client.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    assertThat(s.send("GET", "/health", null, null).status()).isEqualTo(200);
    assertThat(s.send("GET", "/ready", null, null).json().get("status").asText())
        .isEqualTo("ready");
    assertThat(s.send("GET", "/metrics", null, null).status()).isEqualTo(401);
  }

  @Test
  void metricsCountEventsAndRequests() {
    s.post(
        "/v1/events",
        "[{\"kind\":\"click\",\"userId\":\"u\",\"itemId\":\"i\"},{\"kind\":\"nope\",\"userId\":\"u\"}]");
    String metrics = s.get("/metrics").body();
    assertThat(metrics).contains("heed_events_total{status=\"accepted\"} 1.0");
    assertThat(metrics).contains("heed_events_total{status=\"rejected\"} 1.0");
    assertThat(metrics)
        .contains(
            "http_server_requests_seconds_count{method=\"POST\",route=\"/v1/events\",status=\"200\"}");
    assertThat(metrics).contains("jvm_memory_used_bytes");
  }

  @Test
  void writesSurviveARestart() {
    s.post(
        "/v1/events", "[{\"id\":\"keep\",\"kind\":\"share\",\"userId\":\"u\",\"itemId\":\"i\"}]");
    s.put("/v1/items/i", "{\"title\":\"t\"}");
    s.close();
    s = new TestServer(dir);
    assertThat(s.get("/v1/stats").json().get("events").asLong()).isEqualTo(1);
    assertThat(s.get("/v1/items/i").status()).isEqualTo(200);
  }
}
