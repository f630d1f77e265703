package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/analyze on a real server: the real models, both languages, batches, bad input. */
class AnalyzeApiTest {
  @TempDir Path dir;

  private static List<String> texts(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> field == null ? n.asText() : n.path(field).asText())
        .toList();
  }

  @Test
  void analyzesChineseAndEnglishWithEveryDefaultTask() {
    try (TestServer s = new TestServer(dir)) {
      s.post(
          "/v1/items",
          "[{\"id\":\"a\",\"title\":\"酒店\",\"body\":\"酒店的服务很好\"},"
              + "{\"id\":\"b\",\"title\":\"房间\",\"body\":\"房间很干净\"}]");
      TestServer.Response zh =
          s.post(
              "/v1/analyze",
              "{\"text\":\"北京的这家酒店位置很好，房间干净整洁，服务人员热情周到。早餐种类丰富。"
                  + "酒店离天安门很近，交通方便。下次去北京还会住这家酒店，强烈推荐！\"}");
      assertThat(zh.status()).as(zh.body()).isEqualTo(200);
      JsonNode a = zh.json();
      assertThat(a.path("language").asText()).isEqualTo("zh");
      assertThat(texts(a.path("keywords"), "text")).contains("酒店");
      assertThat(a.path("summary").size()).isBetween(1, 3);
      assertThat(a.path("sentiment").path("label").asText()).isEqualTo("positive");
      assertThat(a.path("sentiment").path("score").asDouble()).isBetween(0.2, 1.0);
      assertThat(a.path("topics").size()).isEqualTo(3);
      assertThat(texts(a.path("entities"), "text")).contains("北京");
      assertThat(a.has("embedding")).isFalse();

      TestServer.Response en =
          s.post(
              "/v1/analyze",
              "{\"text\":\"The battery died after two days and support never answered. A terrible,"
                  + " disappointing phone; I returned it.\",\"tasks\":[\"sentiment\",\"embedding\"]}");
      assertThat(en.status()).as(en.body()).isEqualTo(200);
      JsonNode b = en.json();
      assertThat(b.path("language").asText()).isEqualTo("en");
      assertThat(b.path("sentiment").path("label").asText()).isEqualTo("negative");
      assertThat(b.path("embedding").size()).isEqualTo(512);
      assertThat(b.path("embedder").asText()).isEqualTo("bge-small-zh-v1.5-q");
      assertThat(b.has("keywords")).as("only the tasks asked for").isFalse();
    }
  }

  @Test
  void theCatalogsTagsLiftEnglishKeywords() {
    try (TestServer s = new TestServer(dir)) {
      String text =
          "{\"text\":\"Fuzzy controllers and sensor networks.\",\"tasks\":[\"keywords\"]}";
      TestServer.Response before = s.post("/v1/analyze", text);
      assertThat(before.status()).as(before.body()).isEqualTo(200);
      assertThat(texts(before.json().path("keywords"), "text"))
          .as("no tags yet: the earlier phrase first")
          .startsWith("fuzzy controllers", "sensor networks");

      // Items tagged with the phrase (their texts do not contain it, so its idf is unchanged).
      StringBuilder items = new StringBuilder("[");
      for (int i = 0; i < 5; i++) {
        items.append(i == 0 ? "" : ",");
        items.append("{\"id\":\"t").append(i).append("\",\"title\":\"Low-power radio ");
        items.append(i).append("\",\"body\":\"Routing for small radios.\",");
        items.append("\"language\":\"en\",\"tags\":[\"Sensor Network\"]}");
      }
      assertThat(s.post("/v1/items", items.append("]").toString()).status()).isEqualTo(200);

      TestServer.Response after = s.post("/v1/analyze", text);
      assertThat(after.status()).as(after.body()).isEqualTo(200);
      assertThat(texts(after.json().path("keywords"), "text"))
          .as("the tagged phrase first")
          .startsWith("sensor networks", "fuzzy controllers");
    }
  }

  @Test
  void batchesKeepOrderAndIds() {
    try (TestServer s = new TestServer(dir)) {
      TestServer.Response r =
          s.post(
              "/v1/analyze",
              "{\"documents\":[{\"id\":\"x\",\"text\":\"Great match, the team won the cup!\","
                  + "\"tasks\":[\"language\"]},{\"text\":\"今天股市大涨\",\"tasks\":[\"language\"]}]}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode results = r.json().path("results");
      assertThat(texts(results, "language")).containsExactly("en", "zh");
      assertThat(results.get(0).path("id").asText()).isEqualTo("x");
      assertThat(results.get(1).has("id")).isFalse();
    }
  }

  @Test
  void badInputIsAProblemNamingTheField() {
    try (TestServer s = new TestServer(dir)) {
      TestServer.Response noText = s.post("/v1/analyze", "{\"language\":\"en\"}");
      assertThat(noText.status()).isEqualTo(400);
      assertThat(noText.body()).contains("text");
      TestServer.Response task = s.post("/v1/analyze", "{\"text\":\"hi\",\"tasks\":[\"poetry\"]}");
      assertThat(task.status()).isEqualTo(400);
      assertThat(task.body()).contains("tasks[0]").contains("poetry");
      TestServer.Response lang =
          s.post("/v1/analyze", "{\"text\":\"hi\",\"language\":\"English\"}");
      assertThat(lang.status()).isEqualTo(400);
      TestServer.Response inBatch =
          s.post("/v1/analyze", "{\"documents\":[{\"text\":\"ok\"},{\"text\":5}]}");
      assertThat(inBatch.status()).isEqualTo(400);
      assertThat(inBatch.body()).contains("documents[1].text");
      List<String> many = new ArrayList<>();
      for (int i = 0; i < 101; i++) {
        many.add("{\"text\":\"t\"}");
      }
      assertThat(s.post("/v1/analyze", "{\"documents\":[" + String.join(",", many) + "]}").status())
          .isEqualTo(413);
      assertThat(s.send("POST", "/v1/analyze", "{\"text\":\"hi\"}", null).status()).isEqualTo(401);
      assertThat(s.post("/v1/analyze", "[1,2").status()).isEqualTo(400);
    }
  }
}
