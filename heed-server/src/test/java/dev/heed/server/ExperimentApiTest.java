package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.core.experiment.Assignment;
import dev.heed.testing.Seeds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiments end to end on a real server over SQLite: define, log exposures, read results. */
class ExperimentApiTest {
  private static final int USERS = 2_000;

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

  /** What the test logged for one variant: exposed users, and those who converted. */
  private static final class Truth {
    long users;
    long clicked;
    long disliked;
  }

  private JsonNode create(String body) {
    TestServer.Response r = s.post("/v1/experiments", body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private static ObjectNode impression(
      String id, String user, String exp, String variant, Instant at, boolean viaContext) {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.put("id", id).put("kind", "impression").put("userId", user).put("itemId", "item-1");
    e.put("timestamp", at.toString());
    if (viaContext) {
      e.putObject("context").put("experiment", exp).put("variant", variant);
    } else {
      e.put("experiment", exp).put("variant", variant).put("surface", "home");
    }
    return e;
  }

  private static ObjectNode event(String id, String kind, String user, Instant at) {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.put("id", id).put("kind", kind).put("userId", user).put("itemId", "item-2");
    e.put("timestamp", at.toString());
    return e;
  }

  private void post(List<ObjectNode> events) {
    for (int i = 0; i < events.size(); i += 2_000) {
      ArrayNode batch = JsonNodeFactory.instance.arrayNode();
      events.subList(i, Math.min(events.size(), i + 2_000)).forEach(batch::add);
      JsonNode r = s.post("/v1/events", batch.toString()).json();
      assertThat(r.get("rejected").asInt()).as(r.toString()).isZero();
    }
  }

  @Test
  void resultsCountExactlyTheUsersAndConversionsThatWereLogged() {
    long seed = Seeds.seed("ExperimentApiTest.results");
    Random rnd = new Random(seed);
    String definition =
        "{\"id\":\"home-ranker\",\"variants\":[{\"name\":\"A\",\"weight\":50},{\"name\":\"B\",\"weight\":50}],"
            + "\"metric\":\"ctr\",\"guardrails\":[\"dislike_rate\"],\"description\":\"new ranker\"}";
    JsonNode created = create(definition);
    assertThat(created.get("salt").asText()).isEqualTo("home-ranker");
    assertThat(created.get("control").asText()).isEqualTo("A");
    assertThat(created.get("status").asText()).isEqualTo("running");
    Instant createdAt = Instant.parse(created.get("createdAt").asText());

    // the endpoint and the documented rule agree
    Assignment rule =
        new Assignment(
            "home-ranker",
            List.of(new Assignment.Variant("A", 50), new Assignment.Variant("B", 50)));
    for (int u = 0; u < 50; u++) {
      JsonNode a = s.get("/v1/experiments/home-ranker/assignment?user=u" + u).json();
      assertThat(a.get("variant").asText()).isEqualTo(rule.assign("u" + u));
    }

    Map<String, Truth> truth = new LinkedHashMap<>();
    truth.put("A", new Truth());
    truth.put("B", new Truth());
    Map<String, Double> ctr = Map.of("A", 0.10, "B", 0.20);
    List<ObjectNode> events = new ArrayList<>();
    Instant base = createdAt.plusSeconds(1);
    int n = 0;
    int crossovers = 0;
    for (int u = 0; u < USERS; u++) {
      String user = "u" + u;
      String variant = rule.assign(user);
      Truth t = truth.get(variant);
      Instant seen = base.plusMillis(rnd.nextInt(60_000));
      events.add(impression("e" + n++, user, "home-ranker", variant, seen, rnd.nextBoolean()));
      t.users++;
      if (rnd.nextDouble() < ctr.get(variant)) {
        t.clicked++;
        int clicks = 1 + rnd.nextInt(2); // a second click counts once
        for (int c = 0; c < clicks; c++) {
          events.add(event("e" + n++, "click", user, seen.plusMillis(1 + rnd.nextInt(30_000))));
        }
      } else if (rnd.nextInt(10) == 0) {
        // clicked before the exposure only: not a conversion
        events.add(event("e" + n++, "click", user, seen.minusMillis(1 + rnd.nextInt(900))));
      }
      if (rnd.nextInt(20) == 0) {
        t.disliked++;
        events.add(event("e" + n++, "dislike", user, seen.plusMillis(rnd.nextInt(5_000))));
      }
      if (u % 100 == 7) {
        // later shown the other variant too: stays in the first, reported as a crossover
        String other = variant.equals("A") ? "B" : "A";
        events.add(impression("e" + n++, user, "home-ranker", other, seen.plusSeconds(2), false));
        crossovers++;
      }
    }
    for (int i = 0; i < 7; i++) {
      events.add(impression("e" + n++, "u" + i, "home-ranker", "C", base, false));
    }
    for (int i = 0; i < 100; i++) {
      // not exposed (or exposed in another experiment): their clicks do not count
      events.add(impression("e" + n++, "other" + i, "another-test", "A", base, false));
      events.add(event("e" + n++, "click", "other" + i, base.plusSeconds(1)));
    }
    java.util.Collections.shuffle(events, rnd); // the log's order is not the timestamps' order
    post(events);

    TestServer.Response r = s.get("/v1/experiments/home-ranker/results");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode res = r.json();
    for (String v : List.of("A", "B")) {
      JsonNode got = res.get("variants").get(v);
      Truth t = truth.get(v);
      assertThat(got.get("users").asLong()).as("users in " + v).isEqualTo(t.users);
      assertThat(got.get("conversions").asLong()).as("conversions in " + v).isEqualTo(t.clicked);
      assertThat(got.get("rate").asDouble()).isEqualTo((double) t.clicked / t.users);
      JsonNode dis = res.get("guardrails").get("dislike_rate").get("variants").get(v);
      assertThat(dis.get("users").asLong()).isEqualTo(t.users);
      assertThat(dis.get("conversions").asLong()).as("dislikes in " + v).isEqualTo(t.disliked);
    }
    assertThat(res.get("frequentist").get("p_value").asDouble()).isLessThan(0.001);
    assertThat(res.get("frequentist").get("lift").asDouble()).isPositive();
    JsonNode ci = res.get("frequentist").get("ci95");
    assertThat(ci.isArray() && ci.size() == 2).isTrue();
    assertThat(ci.get(0).asDouble()).isPositive().isLessThan(ci.get(1).asDouble());
    assertThat(res.get("bayesian").get("chance_to_win").asDouble()).isGreaterThan(0.99);
    assertThat(res.get("bayesian").has("expected_loss")).isTrue();
    // assignment by hash: the split is close to 50/50
    assertThat(res.get("srm_p_value").asDouble()).isGreaterThan(0.01);
    assertThat(res.get("verdict").asText()).startsWith("B raises the conversion rate by");
    assertThat(res.get("treatment").asText()).isEqualTo("B");
    assertThat(res.get("crossovers").asLong()).isEqualTo(crossovers);
    assertThat(res.get("unknown_variant").asLong()).isEqualTo(7);
    assertThat(res.get("assignment_mismatches").asLong()).isZero();
    assertThat(res.get("events_scanned").asLong()).isEqualTo(events.size());

    // re-posting is idempotent; a different definition under the id is a conflict
    assertThat(s.post("/v1/experiments", definition).status()).isEqualTo(200);
    TestServer.Response conflict =
        s.post("/v1/experiments", definition.replace("\"weight\":50}]", "\"weight\":30}]"));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.contentType()).startsWith("application/problem+json");
    assertThat(conflict.json().get("detail").asText()).contains("variants");
  }

  @Test
  void aSkewedSplitIsReportedAsASampleRatioMismatch() {
    long seed = Seeds.seed("ExperimentApiTest.skewed");
    Random rnd = new Random(seed);
    create(
        "{\"id\":\"skewed\",\"variants\":[{\"name\":\"A\",\"weight\":1},{\"name\":\"B\",\"weight\":1}]}");
    Assignment rule =
        new Assignment(
            "skewed", List.of(new Assignment.Variant("A", 1), new Assignment.Variant("B", 1)));
    List<ObjectNode> events = new ArrayList<>();
    Instant at = Instant.now();
    long a = 0;
    long b = 0;
    for (int u = 0; u < USERS; u++) {
      String variant = rule.assign("u" + u);
      if (variant.equals("B") && rnd.nextInt(10) < 3) {
        continue; // B's exposures get lost 30% of the time: a broken logger
      }
      events.add(impression("s" + u, "u" + u, "skewed", variant, at, true));
      if (variant.equals("A")) {
        a++;
      } else {
        b++;
      }
      if (rnd.nextInt(10) == 0) {
        events.add(event("c" + u, "click", "u" + u, at.plusMillis(10)));
      }
    }
    post(events);
    JsonNode res = s.get("/v1/experiments/skewed/results").json();
    assertThat(res.get("variants").get("A").get("users").asLong()).isEqualTo(a);
    assertThat(res.get("variants").get("B").get("users").asLong()).isEqualTo(b);
    assertThat(res.get("srm_p_value").asDouble()).isLessThan(0.001);
    assertThat(res.get("verdict").asText()).startsWith("Sample ratio mismatch (p=");
  }

  @Test
  void definitionsAreListedStoppedDeletedAndKeptAcrossRestarts() {
    create(
        "{\"id\":\"e1\",\"salt\":\"s-2026\",\"control\":\"B\",\"variants\":[{\"name\":\"A\",\"weight\":1},{\"name\":\"B\",\"weight\":3}]}");
    create(
        "{\"id\":\"e0\",\"variants\":[{\"name\":\"x\",\"weight\":1},{\"name\":\"y\",\"weight\":1},{\"name\":\"z\",\"weight\":1}]}");
    assertThat(s.get("/v1/experiments").json().get("experiments").findValuesAsText("id"))
        .containsExactly("e0", "e1");
    TestServer.Response stopped =
        s.post(
            "/v1/experiments",
            "{\"id\":\"e1\",\"salt\":\"s-2026\",\"control\":\"B\",\"status\":\"stopped\",\"variants\":[{\"name\":\"A\",\"weight\":1},{\"name\":\"B\",\"weight\":3}]}");
    assertThat(stopped.status()).isEqualTo(200);
    assertThat(stopped.json().get("status").asText()).isEqualTo("stopped");
    JsonNode before = s.get("/v1/experiments/e1").json();
    String assigned =
        s.get("/v1/experiments/e1/assignment?user=alice").json().get("variant").asText();

    s.close();
    s = new TestServer(dir);
    assertThat(s.get("/v1/experiments/e1").json()).isEqualTo(before);
    assertThat(before.get("control").asText()).isEqualTo("B");
    assertThat(s.get("/v1/experiments/e1/assignment?user=alice").json().get("variant").asText())
        .isEqualTo(assigned);
    JsonNode empty = s.get("/v1/experiments/e1/results").json();
    assertThat(empty.get("verdict").asText()).startsWith("No exposures yet");
    assertThat(empty.get("variants").get("A").get("users").asLong()).isZero();

    assertThat(s.delete("/v1/experiments/e1").status()).isEqualTo(204);
    assertThat(s.get("/v1/experiments/e1").status()).isEqualTo(404);
    assertThat(s.delete("/v1/experiments/e1").status()).isEqualTo(404);
  }

  @Test
  void badInputIsA4xxProblemAndNeverACrash() {
    TestServer.Response bad =
        s.post(
            "/v1/experiments",
            "{\"id\":\"x\",\"variants\":[{\"name\":\"A\",\"weight\":-1},{\"name\":\"A\",\"weight\":1}],\"metric\":\"revenue\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    assertThat(bad.json().get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("variants[0].weight", "variants[1].name", "metric");
    assertThat(bad.json().get("detail").asText()).contains("unknown metric 'revenue'");
    assertThat(
            s.post("/v1/experiments", "{\"id\":\"x\",\"variants\":[{\"name\":\"A\",\"weight\":1}]}")
                .json()
                .get("errors")
                .findValuesAsText("message"))
        .containsExactly("must have 2 to 10 variants, has 1");
    assertThat(s.post("/v1/experiments", "{\"id\":\"x\",\"variants\":\"A,B\"}").status())
        .isEqualTo(400);

    for (String path :
        List.of(
            "/v1/experiments/nope",
            "/v1/experiments/nope/results",
            "/v1/experiments/nope/assignment?user=u1")) {
      TestServer.Response r = s.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().get("detail").asText()).isEqualTo("experiment 'nope' not found");
    }
    assertThat(s.delete("/v1/experiments/nope").status()).isEqualTo(404);

    create(
        "{\"id\":\"t\",\"variants\":[{\"name\":\"A\",\"weight\":1},{\"name\":\"B\",\"weight\":1}]}");
    assertThat(s.get("/v1/experiments/t/assignment").status()).isEqualTo(400);
    assertThat(
            s.get("/v1/experiments/t/assignment?user=a%20b")
                .json()
                .get("errors")
                .get(0)
                .get("field")
                .asText())
        .isEqualTo("user");

    String reader = s.issueKey("read");
    String ingester = s.issueKey("ingest");
    String body =
        "{\"id\":\"y\",\"variants\":[{\"name\":\"A\",\"weight\":1},{\"name\":\"B\",\"weight\":1}]}";
    assertThat(s.send("POST", "/v1/experiments", body, reader).status()).isEqualTo(403);
    assertThat(s.send("DELETE", "/v1/experiments/t", null, reader).status()).isEqualTo(403);
    assertThat(s.send("GET", "/v1/experiments/t/results", null, ingester).status()).isEqualTo(403);
    assertThat(s.send("GET", "/v1/experiments/t/results", null, reader).status()).isEqualTo(200);
    assertThat(s.send("GET", "/v1/experiments/t/results", null, null).status()).isEqualTo(401);

    // exposures naming a variant the experiment does not have are counted, not fatal
    Instant at = Instant.now();
    post(
        List.of(
            impression("q1", "u1", "t", "C", at, true),
            impression("q2", "u2", "t", "C", at, false)));
    JsonNode res = s.get("/v1/experiments/t/results").json();
    assertThat(res.get("unknown_variant").asLong()).isEqualTo(2);
    assertThat(res.get("verdict").asText()).startsWith("No exposures yet");
    Set<String> keys = new HashSet<>();
    res.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).contains("variants", "srm_p_value", "verdict", "crossovers");
  }
}
