package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.server.http.Route;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiTest {
  @TempDir Path dir;

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
    try (TestServer s = new TestServer(dir)) {
      JsonNode doc = s.get("/openapi.json").json();
      assertThat(doc.get("openapi").asText()).startsWith("3.");
      Set<String> registered = new HashSet<>();
      for (Route r : s.api.routes()) {
        String method = r.method().toLowerCase(Locale.ROOT);
        registered.add(method + " " + r.path());
        JsonNode op = doc.path("paths").path(r.path()).path(method);
        assertThat(op.isMissingNode())
            .as("%s %s is missing from openapi.json", r.method(), r.path())
            .isFalse();
        assertThat(op.path("summary").asText())
            .as("summary of %s %s", r.method(), r.path())
            .isNotBlank();
        assertThat(op.has("security") && op.get("security").isEmpty())
            .as("%s %s: open routes and only they declare security: []", r.method(), r.path())
            .isEqualTo(r.scope() == null);
        if (r.path().contains("{id}")) {
          assertThat(op.path("parameters").findValuesAsText("name")).contains("id");
        }
      }
      Set<String> documented = new HashSet<>();
      doc.get("paths")
          .fields()
          .forEachRemaining(
              p ->
                  p.getValue()
                      .fieldNames()
                      .forEachRemaining(m -> documented.add(m + " " + p.getKey())));
      assertThat(documented).isEqualTo(registered);
    }
  }
}
