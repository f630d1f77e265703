package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bandits over HTTP on a real server: headline variants chosen by Thompson sampling from the
 * impressions and clicks tagged with them, statistics rebuilt from the log after a restart, and
 * fresh-item exploration in personalized feeds.
 */
class BanditApiTest {
  @TempDir Path dir;

  private static final String VARIANTS =
      "{\"variants\":[{\"name\":\"calm\",\"title\":\"Council approves the budget\"},"
          + "{\"name\":\"bold\",\"title\":\"Budget fight ends in a surprise deal\","
          + "\"thumbnail\":\"https://img.example/bold.jpg\"}]}";

  /** {@code n} events of one kind on item story, tagged with a variant as {@code tag} says. */
  private static List<String> events(String kind, String prefix, int n, String tag) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          "{\"id\":\"%s-%d\",\"kind\":\"%s\",\"userId\":\"u%d\",\"itemId\":\"story\"%s}"
              .formatted(prefix, i, kind, i, tag));
    }
    return out;
  }

  private static JsonNode variant(JsonNode stats, String name) {
    for (JsonNode v : stats.path("variants")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no variant " + name + " in " + stats);
  }

  private static JsonNode story(TestServer s) {
    for (JsonNode item : s.get("/v1/latest?n=50").json().path("items")) {
      if (item.path("id").asText().equals("story")) {
        return item;
      }
    }
    throw new AssertionError("story is not in the latest items");
  }

  @Test
  void theFeedServesTheSampledVariantAndLearnsFromTaggedEvents() throws Exception {
    JsonNode statsBefore;
    try (TestServer s = new TestServer(dir)) {
      assertThat(s.put("/v1/items/story", "{\"title\":\"Plain title\"}").status()).isEqualTo(200);
      TestServer.Response defined = s.put("/v1/items/story/variants", VARIANTS);
      assertThat(defined.status()).as(defined.body()).isEqualTo(200);
      assertThat(defined.json().path("variants")).hasSize(2);
      assertThat(variant(defined.json(), "calm").path("posterior_mean").asDouble()).isEqualTo(0.5);
      assertThat(variant(defined.json(), "calm").path("ctr").isNull()).isTrue();
      // The definition is an item attribute: GET /v1/items shows it, imports and exports carry it.
      assertThat(s.get("/v1/items/story").json().path("attributes").path("variants")).hasSize(2);

      Set<String> shown = new HashSet<>();
      for (int i = 0; i < 40; i++) {
        JsonNode item = story(s);
        String name = item.path("variant").asText();
        shown.add(name);
        assertThat(item.path("title").asText())
            .isEqualTo(
                name.equals("calm")
                    ? "Council approves the budget"
                    : "Budget fight ends in a surprise deal");
        if (name.equals("bold")) {
          assertThat(item.path("thumbnail").asText()).isEqualTo("https://img.example/bold.jpg");
        }
      }
      assertThat(shown).as("with no data both variants are tried").containsOnly("calm", "bold");

      List<String> all = new ArrayList<>();
      all.addAll(events("impression", "ic", 200, ",\"context\":{\"variant\":\"calm\"}"));
      all.addAll(events("click", "cc", 10, ",\"context\":{\"variant\":\"calm\"}"));
      all.addAll(events("impression", "ib", 200, ",\"context\":{\"variant\":\"bold\"}"));
      all.addAll(events("click", "cb", 80, ",\"context\":{\"variant\":\"bold\"}"));
      // Not the bandit's: an A/B-test exposure, an unknown variant, an untagged click.
      all.addAll(events("impression", "ix", 30, ",\"experiment\":\"x1\",\"variant\":\"bold\""));
      all.addAll(events("impression", "iu", 30, ",\"context\":{\"variant\":\"shouty\"}"));
      all.addAll(events("click", "cu", 5, ""));
      TestServer.Response posted = s.post("/v1/events", "[" + String.join(",", all) + "]");
      assertThat(posted.status()).as(posted.body()).isEqualTo(200);
      assertThat(posted.json().path("rejected").asInt()).as(posted.body()).isZero();
      s.heed.bandits().catchUp();

      JsonNode stats = s.get("/v1/items/story/variants").json();
      JsonNode calm = variant(stats, "calm");
      JsonNode bold = variant(stats, "bold");
      assertThat(calm.path("impressions").asLong()).isEqualTo(200);
      assertThat(calm.path("clicks").asLong()).isEqualTo(10);
      assertThat(calm.path("ctr").asDouble()).isEqualTo(0.05);
      assertThat(bold.path("impressions").asLong()).isEqualTo(200);
      assertThat(bold.path("clicks").asLong()).isEqualTo(80);
      // Beta(1 + 80, 1 + 120): mean 81/202; the interval holds it and is about ±0.067 wide.
      assertThat(bold.path("posterior_mean").asDouble()).isCloseTo(81.0 / 202, within(1e-12));
      double lo = bold.path("ci95").get(0).asDouble();
      double hi = bold.path("ci95").get(1).asDouble();
      assertThat(lo).isCloseTo(0.334, within(0.005));
      assertThat(hi).isCloseTo(0.469, within(0.005));
      assertThat(calm.path("ci95").get(1).asDouble()).isLessThan(lo);

      // Beta(81, 121) against Beta(11, 191): the bold headline wins practically every draw.
      int bolds = 0;
      for (int i = 0; i < 40; i++) {
        bolds += story(s).path("variant").asText().equals("bold") ? 1 : 0;
      }
      assertThat(bolds).isGreaterThanOrEqualTo(39);
      statsBefore = stats;
    }
    try (TestServer s = new TestServer(dir)) {
      // Nothing is stored but the log: the statistics are counted again from it at start.
      s.heed.bandits().catchUp();
      assertThat(s.get("/v1/items/story/variants").json()).isEqualTo(statsBefore);
      assertThat(story(s).path("variant").asText()).isEqualTo("bold");
      // No variants any more: the item's own title, and no variant field.
      assertThat(s.put("/v1/items/story/variants", "{\"variants\":[]}").status()).isEqualTo(200);
      JsonNode plain = story(s);
      assertThat(plain.path("title").asText()).isEqualTo("Plain title");
      assertThat(plain.has("variant")).isFalse();
      assertThat(s.get("/v1/items/story/variants").json().path("variants")).isEmpty();
    }
  }

  @Test
  void badVariantDefinitionsAreProblems() {
    try (TestServer s = new TestServer(dir)) {
      s.put("/v1/items/story", "{\"title\":\"t\"}");
      TestServer.Response one =
          s.put("/v1/items/story/variants", "{\"variants\":[{\"name\":\"a\",\"title\":\"A\"}]}");
      assertThat(one.status()).isEqualTo(400);
      assertThat(one.contentType()).startsWith("application/problem+json");
      assertThat(one.json().path("errors").get(0).path("field").asText()).isEqualTo("variants");
      TestServer.Response repeat =
          s.put(
              "/v1/items/story/variants",
              "{\"variants\":[{\"name\":\"a\",\"title\":\"A\"},{\"name\":\"a\",\"title\":\"\"}]}");
      assertThat(repeat.status()).isEqualTo(400);
      assertThat(repeat.body()).contains("variants[1].name", "variants[1].title");
      assertThat(s.put("/v1/items/nothing/variants", VARIANTS).status()).isEqualTo(404);
      assertThat(s.get("/v1/items/nothing/variants").status()).isEqualTo(404);
      // The same rules hold for the attribute written with the item.
      TestServer.Response attr =
          s.put("/v1/items/story", "{\"attributes\":{\"variants\":[{\"name\":\"a b\"}]}}");
      assertThat(attr.status()).isEqualTo(400);
      assertThat(attr.body()).contains("attributes.variants[0].name");
    }
  }

  @Test
  void personalizedFeedsExploreFreshItemsAndSayWhy() throws Exception {
    Map<String, String> env =
        Map.of("HEED_RECOMMEND_EXPLORATION_SHARE", "0.5", "HEED_RECOMMEND_FRESH_IMPRESSIONS", "5");
    try (TestServer s = new TestServer(dir, env)) {
      StringBuilder items = new StringBuilder("[");
      for (int i = 0; i < 20; i++) {
        items.append(i == 0 ? "" : ",").append("{\"id\":\"old").append(i).append("\"}");
      }
      assertThat(s.post("/v1/items", items.append("]").toString()).status()).isEqualTo(200);
      List<String> events = new ArrayList<>();
      for (int u = 0; u < 30; u++) {
        for (int i = 0; i < 20; i++) {
          // every old item well past the fresh bound of 5 impressions; popularity by clicks
          events.add(
              "{\"id\":\"i%d-%d\",\"kind\":\"impression\",\"userId\":\"u%d\",\"itemId\":\"old%d\"}"
                  .formatted(u, i, u, i));
          if ((u + i) % 3 == 0) {
            events.add(
                "{\"id\":\"c%d-%d\",\"kind\":\"click\",\"userId\":\"u%d\",\"itemId\":\"old%d\"}"
                    .formatted(u, i, u, i));
          }
        }
      }
      assertThat(s.post("/v1/events", "[" + String.join(",", events) + "]").status())
          .isEqualTo(200);
      assertThat(s.post("/v1/admin/train?wait=true", null).status()).isEqualTo(200);
      for (int i = 0; i < 4; i++) {
        s.put("/v1/items/new" + i, "{\"title\":\"New story " + i + "\"}");
      }
      // new0 has had its 5 impressions: no longer fresh.
      List<String> shownNew0 = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        shownNew0.add(
            "{\"id\":\"n0-%d\",\"kind\":\"impression\",\"userId\":\"v%d\",\"itemId\":\"new0\"}"
                .formatted(k, k));
      }
      assertThat(s.post("/v1/events", "[" + String.join(",", shownNew0) + "]").status())
          .isEqualTo(200);
      s.heed.bandits().catchUp();

      Set<String> explored = new HashSet<>();
      for (int r = 0; r < 30; r++) {
        JsonNode feed = s.get("/v1/users/u1/recommendations?n=8&explain=true").json();
        for (JsonNode item : feed.path("items")) {
          if (item.path("source").asText().equals("fresh")) {
            explored.add(item.path("id").asText());
            assertThat(item.path("explanation").asText()).isEqualTo("new — exploring");
          }
        }
      }
      assertThat(explored).isNotEmpty().isSubsetOf("new1", "new2", "new3");
    }
    try (TestServer s = new TestServer(dir, Map.of("HEED_RECOMMEND_EXPLORATION_SHARE", "0"))) {
      for (int r = 0; r < 10; r++) {
        for (JsonNode item :
            s.get("/v1/users/u1/recommendations?n=8&explain=true").json().path("items")) {
          assertThat(item.path("source").asText()).isNotEqualTo("fresh");
        }
      }
    }
  }
}
