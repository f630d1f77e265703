package dev.heed.text.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityRecognizerTest {
  private final EntityRecognizer recognizer = new EntityRecognizer();

  @Test
  void mentionsReportEveryOccurrenceAtItsOffsetAndAnalyzeEachEntityOnce() {
    String text = "北京是中国的首都。我爱北京。";
    List<Entity> mentions = recognizer.mentions(new TextDocument(text, "zh", null));
    assertThat(mentions)
        .filteredOn(e -> e.text().equals("北京"))
        .extracting(Entity::start)
        .containsExactly(0, 11);
    for (Entity e : mentions) {
      assertThat(text.substring(e.start(), e.start() + e.text().length())).isEqualTo(e.text());
    }
    assertThat(mentions).extracting(Entity::type).contains("PLACE");

    List<Entity> distinct = recognizer.analyze(new TextDocument(text, "zh", null));
    assertThat(distinct).filteredOn(e -> e.text().equals("北京")).hasSize(1);
    assertThat(distinct.getFirst().start()).isZero();
  }

  @Test
  void chinesePersonAndOrganizationAreTyped() {
    List<Entity> mentions = recognizer.mentions(new TextDocument("新华社记者报道，钱其琛会见了克林顿。", "zh", null));
    assertThat(mentions)
        .extracting(Entity::text, Entity::type)
        .contains(
            org.assertj.core.groups.Tuple.tuple("新华社", "ORGANIZATION"),
            org.assertj.core.groups.Tuple.tuple("钱其琛", "PERSON"));
  }

  @Test
  void englishProperNounRunsAreUntypedNames() {
    String text = "Angela Merkel met Angela Merkel in Berlin.";
    List<Entity> mentions = recognizer.mentions(new TextDocument(text, "en", null));
    assertThat(mentions).extracting(Entity::type).containsOnly("NAME");
    assertThat(mentions).extracting(Entity::text).contains("Angela Merkel", "Berlin");
    assertThat(mentions).filteredOn(e -> e.text().equals("Angela Merkel")).hasSize(2);
  }
}
