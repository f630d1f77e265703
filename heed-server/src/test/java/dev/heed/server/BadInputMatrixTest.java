package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.server.http.Route;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends bad input of every sort to every route: each answer must be a 4xx problem document whose
 * status matches the HTTP status, and never a 5xx.
 */
class BadInputMatrixTest {
  private static final int MAX_BYTES = 4_096;

  @TempDir Path dir;
  TestServer s;

  @BeforeEach
  void start() {
    s =
        new TestServer(
            dir,
            Map.of(
                "HEED_SERVER_MAX_REQUEST_BYTES",
                Integer.toString(MAX_BYTES),
                "HEED_INGEST_MAX_EVENTS_PER_REQUEST",
                "50"));
    s.put("/v1/items/i1", "{\"title\":\"t\"}");
    s.put("/v1/users/u1", "{}");
    s.post(
        "/v1/experiments",
        "{\"id\":\"x1\",\"variants\":[{\"name\":\"A\",\"weight\":1},{\"name\":\"B\",\"weight\":1}]}");
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private static final java.util.Set<String> FEEDS =
      java.util.Set.of(
          "/v1/users/{id}/recommendations",
          "/v1/items/{id}/similar",
          "/v1/popular",
          "/v1/trending",
          "/v1/latest");

  private static final String VARIANTS =
      "{\"variants\":[{\"name\":\"a\",\"title\":\"A\"},{\"name\":\"b\",\"title\":\"B\"}]}";

  record Case(String name, String method, String path, String body, String key, int expected) {}

  private static String concrete(String path) {
    return path.replace("{id}", path.startsWith("/v1/users") ? "u1" : "i1");
  }

  @Test
  void everyRouteAnswersBadInputWithA4xxProblem() {
    String reader = s.issueKey("read");
    String ingester = s.issueKey("ingest");
    String both = s.issueKey("read", "ingest");
    List<Case> cases = new ArrayList<>();
    for (Route r : s.api.routes()) {
      if (r.scope() == null) {
        continue;
      }
      String path = concrete(r.path());
      // POST /v1/admin/train takes no body (its one option is the query parameter wait).
      boolean hasBody =
          (r.method().equals("POST") || r.method().equals("PUT"))
              && !r.path().equals("/v1/admin/train");
      String valid = validBody(r);
      cases.add(new Case("no key", r.method(), path, valid, null, 401));
      cases.add(new Case("unknown key", r.method(), path, valid, "hk_000000000000_nope", 401));
      cases.add(new Case("malformed key", r.method(), path, valid, "garbage", 401));
      String wrongScope =
          switch (r.scope()) {
            case READ -> ingester;
            case INGEST -> reader;
            case ADMIN -> both;
          };
      cases.add(new Case("wrong scope", r.method(), path, valid, wrongScope, 403));
      if (r.path().contains("{id}")) {
        cases.add(
            new Case(
                "bad id",
                r.method(),
                r.path().replace("{id}", "bad%20id"),
                valid,
                TestServer.ADMIN_KEY,
                400));
        cases.add(
            new Case(
                "overlong id",
                r.method(),
                r.path().replace("{id}", "x".repeat(200)),
                valid,
                TestServer.ADMIN_KEY,
                400));
      }
      if (hasBody) {
        cases.add(
            new Case("malformed JSON", r.method(), path, "{\"id\": ", TestServer.ADMIN_KEY, 400));
        cases.add(new Case("empty body", r.method(), path, "", TestServer.ADMIN_KEY, 400));
        cases.add(
            new Case(
                "trailing garbage", r.method(), path, valid + " }", TestServer.ADMIN_KEY, 400));
        cases.add(new Case("a number", r.method(), path, "42", TestServer.ADMIN_KEY, 400));
        cases.add(
            new Case(
                "oversize",
                r.method(),
                path,
                "[" + "1,".repeat(MAX_BYTES) + "1]",
                TestServer.ADMIN_KEY,
                413));
        for (String wrong : wrongTypes(r)) {
          cases.add(
              new Case("wrong types " + wrong, r.method(), path, wrong, TestServer.ADMIN_KEY, 400));
        }
      }
      if (r.method().equals("GET")
          && (r.path().equals("/v1/items") || r.path().equals("/v1/events"))) {
        for (String q :
            List.of(
                "limit=0",
                "limit=abc",
                "limit=1001",
                "cursor=%20x" + (r.path().equals("/v1/events") ? "" : "%2F"))) {
          cases.add(
              new Case(
                  "query " + q,
                  "GET",
                  path + "?" + q,
                  null,
                  TestServer.ADMIN_KEY,
                  r.path().equals("/v1/items") && q.startsWith("cursor") ? 200 : 400));
        }
      }
      if (FEEDS.contains(r.path())) {
        for (String q :
            List.of(
                "n=0",
                "n=501",
                "n=abc",
                "offset=-1",
                "max_per_category=x",
                "explain=maybe",
                "exclude=a%20b",
                "category=")) {
          cases.add(new Case("query " + q, "GET", path + "?" + q, null, TestServer.ADMIN_KEY, 400));
        }
      }
      if (r.path().equals("/v1/experiments/{id}/assignment")) {
        String exp = "/v1/experiments/x1/assignment";
        cases.add(new Case("no user", "GET", exp, null, TestServer.ADMIN_KEY, 400));
        cases.add(
            new Case("bad user", "GET", exp + "?user=a%20b", null, TestServer.ADMIN_KEY, 400));
        cases.add(
            new Case(
                "unknown experiment",
                "GET",
                "/v1/experiments/nope/assignment?user=u1",
                null,
                TestServer.ADMIN_KEY,
                404));
      }
      if (r.path().equals("/v1/admin/train")) {
        cases.add(
            new Case("bad wait", "POST", path + "?wait=soon", null, TestServer.ADMIN_KEY, 400));
      }
      if (r.path().equals("/v1/events") && r.method().equals("GET")) {
        cases.add(
            new Case("bad from", "GET", path + "?from=yesterday", null, TestServer.ADMIN_KEY, 400));
        cases.add(
            new Case("bad userId", "GET", path + "?userId=a%20b", null, TestServer.ADMIN_KEY, 400));
      }
    }
    cases.add(
        new Case(
            "unknown kind",
            "POST",
            "/v1/events",
            "{\"kind\":\"teleport\",\"userId\":\"u\",\"itemId\":\"i\"}",
            TestServer.ADMIN_KEY,
            400));
    cases.add(
        new Case(
            "too many events",
            "POST",
            "/v1/events",
            "["
                + "{\"kind\":\"click\",\"userId\":\"u\",\"itemId\":\"i\"},".repeat(50)
                + "{\"kind\":\"click\",\"userId\":\"u\",\"itemId\":\"i\"}]",
            TestServer.ADMIN_KEY,
            413));
    cases.add(new Case("empty array", "POST", "/v1/events", "[]", TestServer.ADMIN_KEY, 400));
    cases.add(
        new Case(
            "id conflict", "PUT", "/v1/items/i1", "{\"id\":\"other\"}", TestServer.ADMIN_KEY, 409));
    cases.add(
        new Case(
            "unknown scope",
            "POST",
            "/v1/admin/keys",
            "{\"name\":\"n\",\"scopes\":[\"root\"]}",
            TestServer.ADMIN_KEY,
            400));
    cases.add(
        new Case(
            "unknown item", "PUT", "/v1/items/nope/variants", VARIANTS, TestServer.ADMIN_KEY, 404));
    cases.add(
        new Case(
            "unknown item", "GET", "/v1/items/nope/variants", null, TestServer.ADMIN_KEY, 404));
    cases.add(new Case("no such route", "GET", "/v1/nothing", null, TestServer.ADMIN_KEY, 404));
    cases.add(new Case("wrong method", "PATCH", "/v1/items/i1", "{}", TestServer.ADMIN_KEY, 405));

    SoftAssertions soft = new SoftAssertions();
    for (Case c : cases) {
      TestServer.Response r = s.send(c.method(), c.path(), c.body(), c.key());
      String what =
          c.method() + " " + c.path() + " [" + c.name() + "] -> " + r.status() + " " + r.body();
      soft.assertThat(r.status()).as(what).isEqualTo(c.expected());
      if (c.expected() >= 400) {
        soft.assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        soft.assertThat(r.json().path("status").asInt()).as(what).isEqualTo(r.status());
        soft.assertThat(r.json().path("detail").asText()).as(what).isNotBlank();
      }
    }
    soft.assertAll();
    assertThat(cases).hasSizeGreaterThan(100);
  }

  private static String validBody(Route r) {
    return switch (r.path()) {
      case "/v1/items/{id}", "/v1/users/{id}" -> "{}";
      case "/v1/items" -> "[{\"id\":\"x1\"}]";
      case "/v1/events" -> "{\"kind\":\"click\",\"userId\":\"u\",\"itemId\":\"i\"}";
      case "/v1/admin/keys" -> "{\"name\":\"n\",\"scopes\":[\"read\"]}";
      case "/v1/seo" -> "{\"text\":\"Tea is good.\",\"language\":\"en\"}";
      case "/v1/items/{id}/variants" -> VARIANTS;
      case "/v1/experiments" ->
          "{\"id\":\"x2\",\"variants\":[{\"name\":\"A\",\"weight\":1},{\"name\":\"B\",\"weight\":1}]}";
      default -> null;
    };
  }

  private static List<String> wrongTypes(Route r) {
    return switch (r.path()) {
      case "/v1/items/{id}" ->
          List.of(
              "{\"title\":5}",
              "{\"categories\":\"news\"}",
              "{\"hidden\":\"yes\"}",
              "{\"publishedAt\":\"soon\"}",
              "{\"colour\":\"red\"}",
              "[]");
      case "/v1/users/{id}" ->
          List.of(
              "{\"attributes\":[1]}",
              "{\"consent\":{\"a\":\"maybe\"}}",
              "{\"createdAt\":true}",
              "[]");
      case "/v1/items" -> List.of("{\"id\":\"x\"}", "[{\"id\":7,\"title\":[]}]", "[1]");
      case "/v1/events" ->
          List.of(
              "{\"kind\":\"click\",\"userId\":5,\"itemId\":\"i\"}",
              "{\"kind\":\"dwell\",\"userId\":\"u\",\"itemId\":\"i\",\"dwellMs\":\"long\"}",
              "{\"kind\":\"click\",\"userId\":\"u\",\"itemId\":\"i\",\"timestamp\":\"2999-01-01T00:00:00Z\"}",
              "{\"kind\":\"click\",\"userId\":\"u\",\"itemId\":\"i\",\"context\":[1]}",
              "[\"click\"]");
      case "/v1/admin/keys" -> List.of("{\"name\":1,\"scopes\":\"read\"}", "{\"scopes\":[]}", "[]");
      case "/v1/items/{id}/variants" ->
          List.of(
              "{\"variants\":\"a\"}",
              "{\"variants\":[1,2]}",
              "{\"variants\":[{\"name\":1,\"title\":\"A\"},{\"name\":\"b\",\"title\":[]}]}",
              "{\"variants\":[{\"name\":\"a\",\"title\":\"A\"}]}",
              "{\"variants\":[{\"name\":\"a\",\"title\":\"A\",\"colour\":\"red\"},{\"name\":\"b\",\"title\":\"B\"}]}",
              "{\"variants\":[],\"extra\":1}",
              "{}",
              "[]");
      case "/v1/seo" ->
          List.of(
              "{\"text\":5}",
              "{\"text\":\"Tea.\",\"title\":[]}",
              "{\"text\":\"Tea.\",\"tags\":1}",
              "[]");
      case "/v1/experiments" ->
          List.of(
              "{\"id\":5,\"variants\":[]}",
              "{\"id\":\"x3\",\"variants\":[{\"name\":\"A\",\"weight\":\"50\"},{\"name\":\"B\",\"weight\":1.5}]}",
              "{\"id\":\"x3\",\"variants\":[{\"name\":1,\"weight\":1},null]}",
              "{\"id\":\"x3\",\"variants\":[{\"name\":\"A\",\"weight\":1},{\"name\":\"B\",\"weight\":1}],\"guardrails\":\"ctr\"}",
              "{\"id\":\"x3\",\"variants\":[{\"name\":\"A\",\"weight\":1},{\"name\":\"B\",\"weight\":1}],\"createdAt\":true}",
              "[]");
      default -> List.of();
    };
  }
}
