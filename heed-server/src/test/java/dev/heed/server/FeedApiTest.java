package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds over HTTP on SQLite: 40 items in two categories (sports i0-i19, tech i20-i39), 60 users in
 * two communities engaging inside their own half.
 */
class FeedApiTest {
  /** Fresh-item exploration puts random items on pages; these tests compare exact pages. */
  private static final Map<String, String> NO_EXPLORATION =
      Map.of("HEED_RECOMMEND_EXPLORATION_SHARE", "0");

  @TempDir Path dir;

  private static void seed(TestServer s) {
    StringBuilder items = new StringBuilder("[");
    for (int i = 0; i < 40; i++) {
      items
          .append(i == 0 ? "" : ",")
          .append("{\"id\":\"i")
          .append(i)
          .append("\",\"title\":\"Story ")
          .append(i)
          .append("\",\"categories\":[\"")
          .append(i < 20 ? "sports" : "tech")
          .append("\"],\"publishedAt\":\"2026-01-")
          .append(String.format("%02d", 1 + i % 28))
          .append("T00:00:00Z\"}");
    }
    assertThat(s.post("/v1/items", items.append("]").toString()).status()).isEqualTo(200);
    Random random = new Random(23);
    List<String> events = new ArrayList<>();
    for (int u = 0; u < 60; u++) {
      int base = u % 2 == 0 ? 0 : 20;
      for (int k = 0; k < 8; k++) {
        int i = base + (int) Math.min(19, Math.abs(random.nextGaussian()) * 7);
        String kind = k % 3 == 0 ? "like" : "click";
        events.add(
            "{\"id\":\"e%d-%d\",\"kind\":\"%s\",\"userId\":\"u%d\",\"itemId\":\"i%d\"}"
                .formatted(u, k, kind, u, i));
      }
    }
    assertThat(s.post("/v1/events", "[" + String.join(",", events) + "]").status()).isEqualTo(200);
  }

  private static List<String> ids(JsonNode feed) {
    return StreamSupport.stream(feed.path("items").spliterator(), false)
        .map(n -> n.path("id").asText())
        .toList();
  }

  private static boolean sports(String id) {
    return Integer.parseInt(id.substring(1)) < 20;
  }

  @Test
  void trainsServesExplainsFoldsInAndSurvivesARestart() throws InterruptedException {
    JsonNode before;
    try (TestServer s = new TestServer(dir, NO_EXPLORATION)) {
      seed(s);
      // Before any training: items written since the (empty) snapshot are served as latest.
      JsonNode cold = s.get("/v1/users/u0/recommendations?n=5&explain=true").json();
      assertThat(cold.path("items")).hasSize(5);
      assertThat(cold.path("items").get(0).path("source").asText()).isEqualTo("latest");
      assertThat(cold.path("items").get(0).path("explanation").asText()).isEqualTo("new");

      TestServer.Response trained = s.post("/v1/admin/train?wait=true", null);
      assertThat(trained.status()).as(trained.body()).isEqualTo(200);
      assertThat(trained.json().path("snapshot").path("events").asInt()).isEqualTo(480);
      JsonNode models = s.get("/v1/admin/models").json();
      assertThat(models.path("building").asBoolean()).isFalse();
      assertThat(models.path("snapshot").path("algorithm").asText()).isEqualTo("blend");
      assertThat(models.path("snapshot").path("catalog_items").asInt()).isEqualTo(40);
      assertThat(models.path("snapshot").path("offline_metrics").path("ndcg@20").asDouble())
          .isPositive();

      JsonNode feed = s.get("/v1/users/u0/recommendations?n=10&explain=true").json();
      List<String> got = ids(feed);
      assertThat(got).hasSize(10).doesNotHaveDuplicates();
      List<String> personal =
          StreamSupport.stream(feed.path("items").spliterator(), false)
              .filter(n -> n.path("source").asText().equals("personalized"))
              .map(n -> n.path("id").asText())
              .toList();
      assertThat(personal).hasSizeGreaterThanOrEqualTo(4);
      assertThat(personal.stream().filter(FeedApiTest::sports).count())
          .isGreaterThanOrEqualTo(personal.size() * 4 / 5);
      JsonNode first = feed.path("items").get(0);
      assertThat(first.path("source").asText()).isEqualTo("personalized");
      assertThat(first.path("explanation").asText()).isNotBlank();
      Set<String> seen = new java.util.HashSet<>();
      s.get("/v1/events?userId=u0&limit=100")
          .json()
          .path("events")
          .forEach(e -> seen.add(e.path("itemId").asText()));
      assertThat(got).noneMatch(seen::contains);

      // Filters: category, exclusion, hidden at once (no retraining).
      assertThat(ids(s.get("/v1/users/u1/recommendations?n=5&category=sports").json()))
          .isNotEmpty()
          .allMatch(FeedApiTest::sports);
      String top = got.get(0);
      assertThat(ids(s.get("/v1/users/u0/recommendations?n=10&exclude=" + top).json()))
          .doesNotContain(top);
      assertThat(s.put("/v1/items/" + top, "{\"title\":\"gone\",\"hidden\":true}").status())
          .isEqualTo(200);
      assertThat(ids(s.get("/v1/users/u0/recommendations?n=30").json())).doesNotContain(top);

      // A brand-new user: personalized from their first events, without training.
      assertThat(
              s.post(
                      "/v1/events",
                      "[{\"kind\":\"click\",\"userId\":\"fresh\",\"itemId\":\"i21\"},"
                          + "{\"kind\":\"like\",\"userId\":\"fresh\",\"itemId\":\"i22\"},"
                          + "{\"kind\":\"click\",\"userId\":\"fresh\",\"itemId\":\"i24\"}]")
                  .status())
          .isEqualTo(200);
      JsonNode warm = s.get("/v1/users/fresh/recommendations?n=8&explain=true").json();
      List<String> warmIds = ids(warm);
      assertThat(warmIds).doesNotContain("i21", "i22", "i24");
      assertThat(warmIds.stream().filter(id -> !sports(id)).count()).isGreaterThanOrEqualTo(6);
      assertThat(warm.path("items").get(0).path("source").asText()).isEqualTo("personalized");

      assertThat(ids(s.get("/v1/items/i25/similar?n=5").json()))
          .hasSize(5)
          .noneMatch(FeedApiTest::sports)
          .doesNotContain("i25");
      assertThat(s.get("/v1/items/nothing/similar").status()).isEqualTo(404);
      assertThat(ids(s.get("/v1/popular?n=3&category=tech").json()))
          .hasSize(3)
          .noneMatch(FeedApiTest::sports);
      assertThat(s.get("/v1/trending?n=3").json().path("items")).hasSize(3);
      assertThat(ids(s.get("/v1/latest?n=40").json())).doesNotContain(top).hasSize(39);
      // The content source reads the text index, filled in the background: let it settle first.
      for (int i = 0;
          i < 300 && s.get("/v1/search?q=story").json().path("indexing").asBoolean();
          i++) {
        Thread.sleep(100);
      }
      before = s.get("/v1/users/u3/recommendations?n=10").json();
    }
    // Restarted on the same data directory: the snapshot is loaded from disk, not rebuilt.
    try (TestServer s = new TestServer(dir, NO_EXPLORATION)) {
      JsonNode after = s.get("/v1/users/u3/recommendations?n=10").json();
      assertThat(after.path("snapshot").asText()).isEqualTo(before.path("snapshot").asText());
      assertThat(ids(after)).isEqualTo(ids(before));
    }
  }

  @Test
  void erasingAUserStopsUsingTheirHistoryAtOnce() {
    try (TestServer s = new TestServer(dir, NO_EXPLORATION)) {
      seed(s);
      assertThat(s.post("/v1/admin/train?wait=true", null).status()).isEqualTo(200);
      JsonNode personal = s.get("/v1/users/u5/recommendations?n=5").json();
      assertThat(personal.path("items").get(0).path("source").asText()).isEqualTo("personalized");
      assertThat(s.delete("/v1/users/u5").status()).isEqualTo(200);
      JsonNode after = s.get("/v1/users/u5/recommendations?n=5").json();
      assertThat(after.path("items"))
          .allSatisfy(n -> assertThat(n.path("source").asText()).isNotEqualTo("personalized"));
    }
  }
}
