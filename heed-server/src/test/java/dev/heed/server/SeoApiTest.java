package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/seo on a real server: both languages, the JSON shape, bad input. */
class SeoApiTest {
  @TempDir Path dir;

  private static JsonNode check(JsonNode report, String id) {
    return StreamSupport.stream(report.path("checks").spliterator(), false)
        .filter(c -> c.path("id").asText().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + id + " in " + report));
  }

  @Test
  void reportsEnglishAndChinese() {
    try (TestServer s = new TestServer(dir)) {
      TestServer.Response en =
          s.post(
              "/v1/seo",
              "{\"title\":\"Green tea: five simple ways it helps your health\","
                  + "\"text\":\"Green tea is one of the oldest drinks in the world. The results"
                  + " were analyzed by experts. However, one cup a day is not a cure.\","
                  + "\"keyphrase\":\"green tea\"}");
      assertThat(en.status()).as(en.body()).isEqualTo(200);
      JsonNode a = en.json();
      assertThat(a.path("language").asText()).isEqualTo("en");
      assertThat(a.path("score").asInt()).isBetween(0, 100);
      assertThat(a.path("metrics").path("words").asInt()).isEqualTo(26);
      assertThat(a.path("metrics").path("sentences").asInt()).isEqualTo(3);
      assertThat(a.path("metrics").has("flesch_reading_ease")).isTrue();
      assertThat(check(a, "keyphrase_in_title").path("status").asText()).isEqualTo("good");
      assertThat(check(a, "keyphrase_in_title").has("value")).as("no number judged").isFalse();
      assertThat(check(a, "meta_description_length").path("status").asText()).isEqualTo("bad");
      assertThat(check(a, "passive_voice").path("value").asDouble()).isEqualTo(1.0 / 3, within());
      assertThat(check(a, "flesch_reading_ease").path("weight").asInt()).isEqualTo(2);

      TestServer.Response zh =
          s.post("/v1/seo", "{\"text\":\"北京是中国的首都。北京大学在北京。\",\"keyphrase\":\"北京\",\"meta\":null}");
      assertThat(zh.status()).as(zh.body()).isEqualTo(200);
      JsonNode b = zh.json();
      assertThat(b.path("language").asText()).isEqualTo("zh");
      assertThat(b.path("metrics").path("keyphrase_occurrences").asInt()).isEqualTo(2);
      assertThat(b.path("metrics").path("keyphrase_density").asDouble()).isEqualTo(25.0);
      assertThat(check(b, "character_difficulty").path("status").asText()).isEqualTo("good");
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-4);
  }

  @Test
  void badInputIsAProblemNamingTheField() {
    try (TestServer s = new TestServer(dir, Map.of("HEED_INGEST_MAX_BODY_CHARS", "50"))) {
      TestServer.Response noText = s.post("/v1/seo", "{\"title\":\"Tea\"}");
      assertThat(noText.status()).isEqualTo(400);
      assertThat(noText.contentType()).startsWith("application/problem+json");
      assertThat(noText.json().path("errors").get(0).path("field").asText()).isEqualTo("text");
      TestServer.Response blank = s.post("/v1/seo", "{\"text\":\"  \"}");
      assertThat(blank.status()).isEqualTo(400);
      assertThat(blank.body()).contains("blank");
      TestServer.Response types =
          s.post("/v1/seo", "{\"text\":\"Tea.\",\"title\":5,\"keyphrase\":[\"tea\"],\"meta\":{}}");
      assertThat(types.status()).isEqualTo(400);
      assertThat(types.body()).contains("\"title\"").contains("\"keyphrase\"").contains("\"meta\"");
      TestServer.Response lang = s.post("/v1/seo", "{\"text\":\"Tea.\",\"language\":\"fr\"}");
      assertThat(lang.status()).isEqualTo(400);
      assertThat(lang.body()).contains("language");
      TestServer.Response unknown =
          s.post("/v1/seo", "{\"text\":\"Tea.\",\"metaDescription\":\"x\"}");
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.body()).contains("metaDescription");
      TestServer.Response tooLong = s.post("/v1/seo", "{\"text\":\"" + "t".repeat(51) + "\"}");
      assertThat(tooLong.status()).isEqualTo(400);
      assertThat(tooLong.body()).contains("ingest.maxBodyChars");
      TestServer.Response french =
          s.post("/v1/seo", "{\"text\":\"Le chat dort sur la table de la cuisine.\"}");
      assertThat(french.status()).as(french.body()).isEqualTo(400);
      assertThat(s.post("/v1/seo", "[1,2").status()).isEqualTo(400);
      assertThat(s.post("/v1/seo", "[]").status()).isEqualTo(400);
      assertThat(s.send("POST", "/v1/seo", "{\"text\":\"Tea.\"}", null).status()).isEqualTo(401);
      assertThat(s.send("POST", "/v1/seo", "{\"text\":\"Tea.\"}", s.issueKey("read")).status())
          .isEqualTo(200);
    }
  }
}
