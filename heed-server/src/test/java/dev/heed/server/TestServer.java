package dev.heed.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.core.json.Json;
import dev.heed.server.config.ConfigLoader;
import dev.heed.server.config.HeedConfig;
import dev.heed.server.http.HttpApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A real Heed server on a free port over SQLite in a temporary directory, with an HTTP client. */
final class TestServer implements AutoCloseable {
  static final String ADMIN_KEY = "test-admin-key-0123456789";

  final Heed heed;
  final HttpApi api;
  final String base;
  private final HttpClient client = HttpClient.newHttpClient();

  TestServer(Path dataDir) {
    this(dataDir, Map.of());
  }

  TestServer(Path dataDir, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("HEED_DATA_DIR", dataDir.toString());
    all.putIfAbsent("HEED_ADMIN_KEY", ADMIN_KEY);
    HeedConfig config = ConfigLoader.load(null, all);
    heed = Heed.open(config);
    heed.startFollowers();
    api = new HttpApi(heed);
    base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
  }

  /** A response with its body parsed as JSON when it is JSON. */
  record Response(
      int status, String contentType, String body, Map<String, java.util.List<String>> headers) {
    JsonNode json() {
      try {
        return Json.mapper().readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  Response send(String method, String path, String body, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(""),
          r.body(),
          r.headers().map());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Response get(String path) {
    return send("GET", path, null, ADMIN_KEY);
  }

  Response post(String path, String body) {
    return send("POST", path, body, ADMIN_KEY);
  }

  Response put(String path, String body) {
    return send("PUT", path, body, ADMIN_KEY);
  }

  Response delete(String path) {
    return send("DELETE", path, null, ADMIN_KEY);
  }

  /** Issues a key with the given scopes through the API and returns its secret. */
  String issueKey(String... scopes) {
    String list = String.join("\",\"", scopes);
    Response r = post("/v1/admin/keys", "{\"name\":\"test\",\"scopes\":[\"" + list + "\"]}");
    if (r.status() != 201) {
      throw new AssertionError("key not issued: " + r.body());
    }
    return r.json().get("key").asText();
  }

  @Override
  public void close() {
    api.close();
    heed.close();
  }
}
