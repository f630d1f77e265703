package dev.heed.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.api.Event;
import dev.heed.core.json.Json;
import dev.heed.testing.Generators;
import dev.heed.testing.Seeds;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private static EventCodec.Parsed read(String json) throws Exception {
    return EventCodec.read(Json.mapper().readTree(json), () -> NOW);
  }

  @Test
  void everyKindRoundTripsThroughJson() throws Exception {
    Generators gen = new Generators(Seeds.seed("EventCodecTest"));
    for (int i = 0; i < 500; i++) {
      Event e = gen.event("u" + i, "i" + i);
      JsonNode json = Json.mapper().readTree(EventCodec.write(e).toString());
      EventCodec.Parsed back = EventCodec.read(json, () -> NOW);
      assertThat(back.errors()).isEmpty();
      assertThat(back.event()).isEqualTo(e);
    }
  }

  @Test
  void readsEpochMillisAndFillsMissingIdAndTimestamp() throws Exception {
    var p =
        read("{\"kind\":\"click\",\"userId\":\"u\",\"itemId\":\"i\",\"timestamp\":1767225600000}");
    assertThat(p.event().timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(p.event().id()).isNotBlank();
    var q = read("{\"kind\":\"like\",\"userId\":\"u\",\"itemId\":\"i\"}");
    assertThat(q.event().timestamp()).isEqualTo(NOW);
    assertThat(q.event().id()).isNotEqualTo(p.event().id());
  }

  @Test
  void namesEveryOffendingField() throws Exception {
    var p =
        read(
            "{\"kind\":\"dwell\",\"userId\":7,\"itemId\":\"i\",\"dwellMs\":\"long\",\"colour\":\"red\",\"timestamp\":\"yesterday\"}");
    assertThat(p.ok()).isFalse();
    assertThat(p.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("userId", "dwellMs", "colour", "timestamp");
  }

  @Test
  void rejectsUnknownAndMissingKinds() throws Exception {
    assertThat(read("{\"kind\":\"teleport\",\"userId\":\"u\"}").errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("kind");
              assertThat(e.message()).contains("teleport").contains("click");
            });
    assertThat(read("{\"userId\":\"u\"}").errors())
        .extracting(FieldError::field)
        .containsExactly("kind");
    assertThat(read("[1]").errors())
        .extracting(FieldError::message)
        .first()
        .asString()
        .contains("JSON object");
  }

  @Test
  void kindSpecificRequirements() throws Exception {
    assertThat(read("{\"kind\":\"rating\",\"userId\":\"u\",\"itemId\":\"i\"}").errors())
        .extracting(FieldError::field)
        .containsExactly("value");
    assertThat(
            read("{\"kind\":\"search\",\"userId\":\"u\",\"itemId\":\"i\",\"query\":\"q\"}")
                .errors())
        .extracting(FieldError::field)
        .containsExactly("itemId");
  }
}
