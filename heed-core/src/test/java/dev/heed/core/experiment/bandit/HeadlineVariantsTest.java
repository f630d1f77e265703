package dev.heed.core.experiment.bandit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.api.Item;
import dev.heed.core.ingest.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadlineVariantsTest {
  private static Item item(Object variants) {
    return new Item(
        "a",
        "t",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        Map.of("variants", variants));
  }

  @Test
  void readsWellFormedVariantsInOrder() {
    List<Map<String, Object>> v =
        List.of(
            Map.of("name", "calm", "title", "Calm"),
            Map.of("name", "bold", "title", "Bold", "thumbnail", "https://x/b.jpg"));
    assertThat(HeadlineVariants.check(v)).isEmpty();
    assertThat(HeadlineVariants.of(item(v)))
        .containsExactly(
            new HeadlineVariants.Variant("calm", "Calm", null),
            new HeadlineVariants.Variant("bold", "Bold", "https://x/b.jpg"));
    assertThat(HeadlineVariants.of(item(List.of()))).isEmpty();
  }

  @Test
  void namesEveryBrokenRuleAndServesNothingFromAMalformedAttribute() {
    Object bad =
        List.of(
            Map.of("name", "a b", "title", "A"),
            Map.of("name", "c", "title", ""),
            Map.of("name", "c", "title", "C", "colour", "red"),
            "x");
    assertThat(HeadlineVariants.check(bad))
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("[0].name", "[1].title", "[2].colour", "[2].name", "[3]");
    assertThat(HeadlineVariants.check(List.of(Map.of("name", "a", "title", "A"))))
        .extracting(FieldError::field)
        .containsExactly("");
    assertThat(HeadlineVariants.check("calm")).hasSize(1);
    assertThat(HeadlineVariants.of(item(bad))).isEmpty();
  }
}
