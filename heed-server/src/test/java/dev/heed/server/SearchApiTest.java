package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Items are analyzed in the background, searchable by words and meaning, similar by content. */
class SearchApiTest {
  @TempDir Path dir;

  private static List<String> ids(JsonNode r) {
    return StreamSupport.stream(r.path("items").spliterator(), false)
        .map(n -> n.path("id").asText())
        .toList();
  }

  private static JsonNode analysisWhenDone(TestServer s, String id) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      TestServer.Response r = s.get("/v1/items/" + id + "/analysis");
      if (r.status() == 200) {
        return r.json();
      }
      assertThat(r.status()).isEqualTo(202);
      Thread.sleep(100);
    }
    throw new AssertionError("item " + id + " was not analyzed within 30 s");
  }

  @Test
  void writtenItemsAreAnalyzedIndexedAndFound() throws Exception {
    try (TestServer s = new TestServer(dir)) {
      assertThat(
              s.post(
                      "/v1/items",
                      "[{\"id\":\"h1\",\"title\":\"海边酒店\",\"body\":\"酒店房间干净，服务热情，强烈推荐。\",\"categories\":[\"travel\"]},"
                          + "{\"id\":\"f1\",\"title\":\"Cup final\",\"body\":\"A late goal won the football"
                          + " match for the home side.\",\"categories\":[\"sports\"]},"
                          + "{\"id\":\"f2\",\"title\":\"Derby day\",\"body\":\"The striker scored twice as"
                          + " the team beat its rivals.\",\"categories\":[\"sports\"]}]")
                  .status())
          .isEqualTo(200);
      JsonNode h1 = analysisWhenDone(s, "h1");
      assertThat(h1.path("status").asText()).isEqualTo("done");
      assertThat(h1.path("analysis").path("language").asText()).isEqualTo("zh");
      assertThat(h1.path("analysis").path("keywords").size()).isPositive();
      assertThat(h1.path("analysis").path("sentiment").path("label").asText())
          .isEqualTo("positive");
      assertThat(h1.path("analysis").has("embedding")).as("vectors stay in the index").isFalse();
      analysisWhenDone(s, "f1");
      analysisWhenDone(s, "f2");

      assertThat(ids(s.get("/v1/search?q=酒店").json())).first().isEqualTo("h1");
      JsonNode soccer = s.get("/v1/search?q=soccer%20game&n=2").json();
      assertThat(ids(soccer)).as("no shared word; found by meaning").first().isIn("f1", "f2");
      assertThat(ids(s.get("/v1/search?q=goal&category=travel").json())).doesNotContain("f1");

      // No engagement yet: similar items come from content.
      JsonNode similar = s.get("/v1/items/f1/similar?n=1&explain=true").json();
      assertThat(ids(similar)).containsExactly("f2");
      assertThat(similar.path("items").get(0).path("explanation").asText())
          .isEqualTo("similar in content");
      assertThat(ids(s.get("/v1/items/f1/similar?n=5").json()))
          .as("an English item is matched by its bge-small-en vector, among the English items")
          .containsExactly("f2");
      assertThat(ids(s.get("/v1/items/h1/similar?n=5").json()))
          .as("a Chinese item by its embedding, among all items")
          .containsExactlyInAnyOrder("f1", "f2");

      assertThat(
              s.put("/v1/items/f2", "{\"id\":\"f2\",\"title\":\"Derby day\",\"body\":\"Rain.\"}")
                  .status())
          .isEqualTo(200);
      assertThat(s.delete("/v1/items/f1").status()).isEqualTo(204);
      analysisWhenDone(s, "f2");
      for (int i = 0; i < 100 && ids(s.get("/v1/search?q=goal").json()).contains("f1"); i++) {
        Thread.sleep(100);
      }
      assertThat(ids(s.get("/v1/search?q=goal").json())).doesNotContain("f1");
    }
  }

  @Test
  void badSearchesAndUnknownItemsAreProblems() {
    try (TestServer s = new TestServer(dir)) {
      assertThat(s.get("/v1/search").status()).isEqualTo(400);
      assertThat(s.get("/v1/search?q=%20").status()).isEqualTo(400);
      assertThat(s.get("/v1/search?q=x&n=0").status()).isEqualTo(400);
      assertThat(s.get("/v1/items/nope/analysis").status()).isEqualTo(404);
      assertThat(s.send("GET", "/v1/search?q=x", null, null).status()).isEqualTo(401);
    }
  }

  @Test
  void coldItemsReachFeedsThroughTheContentSource() throws Exception {
    // Fresh-item exploration would put random new items (cnew too) on the page: off here.
    try (TestServer s =
        new TestServer(dir, java.util.Map.of("HEED_RECOMMEND_EXPLORATION_SHARE", "0"))) {
      String[] football = {
        "The striker scored a late goal to win the football match",
        "The goalkeeper saved a penalty in the cup final",
        "The football club signed a new midfielder this summer",
        "Fans cheered as the team won the league title"
      };
      String[] cooking = {
        "Slow-roast the lamb with garlic and rosemary for four hours",
        "Knead the bread dough and let it rise overnight",
        "A quick tomato sauce with basil for fresh pasta",
        "Bake the chocolate cake at 180 degrees for forty minutes"
      };
      StringBuilder items = new StringBuilder("[");
      for (int i = 0; i < 4; i++) {
        items
            .append(i == 0 ? "" : ",")
            .append("{\"id\":\"f")
            .append(i)
            .append("\",\"title\":\"")
            .append(football[i])
            .append("\"},{\"id\":\"c")
            .append(i)
            .append("\",\"title\":\"")
            .append(cooking[i])
            .append("\"}");
      }
      // Nobody has engaged with these two yet.
      items
          .append(
              ",{\"id\":\"fnew\",\"title\":\"The winger scored twice as the football team won\"}")
          .append(
              ",{\"id\":\"cnew\",\"title\":\"Simmer the onion soup and bake it with cheese\"}]");
      assertThat(s.post("/v1/items", items.toString()).status()).isEqualTo(200);
      StringBuilder events = new StringBuilder("[");
      int e = 0;
      for (int u = 0; u < 12; u++) {
        String prefix = u % 2 == 0 ? "f" : "c";
        for (int i = 0; i < 3; i++) {
          events
              .append(e == 0 ? "" : ",")
              .append("{\"id\":\"e")
              .append(e++)
              .append("\",\"kind\":\"click\",\"userId\":\"u")
              .append(u)
              .append("\",\"itemId\":\"")
              .append(prefix)
              .append((u + i) % 4)
              .append("\"}");
        }
      }
      assertThat(s.post("/v1/events", events.append("]").toString()).status()).isEqualTo(200);
      for (String id : new String[] {"fnew", "cnew", "f0", "c0"}) {
        analysisWhenDone(s, id);
      }
      assertThat(s.post("/v1/admin/train?wait=true", null).status()).isEqualTo(200);
      JsonNode feed = s.get("/v1/users/u0/recommendations?n=4&explain=true").json();
      List<String> got = ids(feed);
      assertThat(got).contains("fnew").doesNotContain("cnew");
      JsonNode fnew =
          StreamSupport.stream(feed.path("items").spliterator(), false)
              .filter(n -> n.path("id").asText().equals("fnew"))
              .findFirst()
              .orElseThrow();
      assertThat(fnew.path("source").asText()).isEqualTo("content");
      assertThat(fnew.path("explanation").asText())
          .isEqualTo("similar in content to what you read");
      // Written after the snapshot: it reaches feeds through the content source before any retrain.
      assertThat(
              s.put(
                      "/v1/items/flate",
                      "{\"id\":\"flate\",\"title\":\"The football team scored a late winning goal\"}")
                  .status())
          .isEqualTo(200);
      analysisWhenDone(s, "flate");
      assertThat(ids(s.get("/v1/users/u2/recommendations?n=10").json())).contains("flate");
      assertThat(ids(s.get("/v1/users/u1/recommendations?n=4").json()))
          .contains("cnew")
          .doesNotContain("fnew");
    }
  }
}
