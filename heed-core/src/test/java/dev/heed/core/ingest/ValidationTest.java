package dev.heed.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.api.Event;
import dev.heed.api.Item;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private final Validation v = new Validation(IngestLimits.defaults());

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void idsAreUrlSafeAndBounded() {
    assertThat(Validation.validId("user-1_a.b:c@d")).isTrue();
    assertThat(Validation.validId("x".repeat(128))).isTrue();
    assertThat(Validation.validId("x".repeat(129))).isFalse();
    assertThat(Validation.validId("a/b")).isFalse();
    assertThat(Validation.validId("a b")).isFalse();
    assertThat(Validation.validId(".hidden")).isFalse();
    assertThat(Validation.validId("")).isFalse();
    assertThat(Validation.validId(null)).isFalse();
  }

  @Test
  void timestampsMustBePlausible() {
    Event future = new Event.Click("e", "u", "i", NOW.plus(Duration.ofHours(2)), Map.of());
    Event nearFuture = new Event.Click("e", "u", "i", NOW.plus(Duration.ofMinutes(30)), Map.of());
    Event ancient = new Event.Click("e", "u", "i", Instant.parse("1970-01-01T00:00:01Z"), Map.of());
    assertThat(fields(v.check(future, NOW))).containsExactly("timestamp");
    assertThat(v.check(nearFuture, NOW)).isEmpty();
    assertThat(fields(v.check(ancient, NOW))).containsExactly("timestamp");
    Validation lenient =
        new Validation(new IngestLimits(Duration.ofDays(1), Instant.EPOCH, 10, 10, 10, 2));
    assertThat(lenient.check(future, NOW)).isEmpty();
  }

  @Test
  void eventValuesAreChecked() {
    assertThat(fields(v.check(new Event.Dwell("e", "u", "i", NOW, -5, Map.of()), NOW)))
        .containsExactly("dwellMs");
    assertThat(fields(v.check(new Event.Rating("e", "u", "i", NOW, Double.NaN, Map.of()), NOW)))
        .containsExactly("value");
    assertThat(
            fields(
                v.check(
                    new Event.Review("e", "u", "i", NOW, "x".repeat(20_001), null, Map.of()), NOW)))
        .containsExactly("text");
    assertThat(
            fields(
                v.check(
                    new Event.Impression("e", "u", "i", NOW, null, -1, "exp", null, Map.of()),
                    NOW)))
        .containsExactlyInAnyOrder("position", "variant");
    assertThat(fields(v.check(new Event.Click("e", "u", null, NOW, Map.of()), NOW)))
        .containsExactly("itemId");
    assertThat(v.check(new Event.Search("e", "u", NOW, "shoes", Map.of()), NOW)).isEmpty();
  }

  @Test
  void itemLimitsAreChecked() {
    Item bad =
        new Item(
            "a b",
            "t".repeat(1_001),
            null,
            "English",
            List.of(" "),
            List.of(),
            null,
            null,
            NOW,
            NOW.minusSeconds(1),
            false,
            Map.of());
    assertThat(fields(v.check(bad)))
        .containsExactlyInAnyOrder("id", "title", "language", "categories[0]", "expiresAt");
    Item good =
        new Item(
            "a",
            "t",
            "b",
            "zh-Hant",
            List.of("news"),
            List.of("x"),
            "me",
            NOW,
            NOW,
            null,
            false,
            Map.of());
    assertThat(v.check(good)).isEmpty();
  }
}
