package dev.heed.text.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntityTaggerTest {
  private static final String[] PEOPLE = {"张伟", "李娜", "王芳", "刘洋", "陈静", "赵磊", "孙悦", "周杰"};
  private static final String[] PLACES = {"北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安"};
  private static final String[] ORGS = {"清华大学", "人民银行", "科学院", "新华社", "铁道部", "红十字会"};

  /** A sentence of one template with its entities at their offsets. */
  private static EntityTagger.Example sentence(String template, String... fillers) {
    StringBuilder text = new StringBuilder();
    List<Entity> entities = new ArrayList<>();
    int f = 0;
    for (String part : template.split("(?=\\{)|(?<=\\})")) {
      if (part.startsWith("{")) {
        String type =
            switch (part) {
              case "{P}" -> "PERSON";
              case "{L}" -> "PLACE";
              default -> "ORGANIZATION";
            };
        entities.add(new Entity(fillers[f], type, text.length()));
        text.append(fillers[f++]);
      } else {
        text.append(part);
      }
    }
    return new EntityTagger.Example(text.toString(), entities);
  }

  private static List<EntityTagger.Example> corpus(String[] templates, int n, long seed) {
    Random r = new Random(seed);
    List<EntityTagger.Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String t = templates[i % templates.length];
      List<String> fillers = new ArrayList<>();
      for (String slot : t.split("(?=\\{)|(?<=\\})")) {
        switch (slot) {
          case "{P}" -> fillers.add(PEOPLE[r.nextInt(PEOPLE.length)]);
          case "{L}" -> fillers.add(PLACES[r.nextInt(PLACES.length)]);
          case "{O}" -> fillers.add(ORGS[r.nextInt(ORGS.length)]);
          default -> {}
        }
      }
      out.add(sentence(t, fillers.toArray(String[]::new)));
    }
    return out;
  }

  private static final String[] WORDS = {
    "昨天", "在", "参观了", "的", "说", "很美", "记者", "从", "报道", "今天开会", "出席", "离开", "加入了", "欢迎", "，"
  };

  /** Random sentences of filler words and slots: each template is new. */
  private static String[] templates(int n, long seed) {
    Random r = new Random(seed);
    String[] slots = {"{P}", "{L}", "{O}"};
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      StringBuilder t = new StringBuilder();
      int parts = 3 + r.nextInt(5);
      for (int k = 0; k < parts; k++) {
        t.append(k % 2 == 0 ? slots[r.nextInt(3)] : WORDS[r.nextInt(WORDS.length)]);
        if (k % 2 == 0) {
          t.append(WORDS[r.nextInt(WORDS.length)]);
        }
      }
      out[i] = t.append('。').toString();
    }
    return out;
  }

  private static final String[] TRAINING = {
    "{P}昨天在{L}参观了{O}。", "{O}的{P}说{L}很美。", "记者{P}从{L}报道。", "{L}的{O}今天开会，{P}出席。"
  };

  private static EntityTagger trained() {
    List<EntityTagger.Example> examples = new ArrayList<>(corpus(TRAINING, 100, 1));
    examples.addAll(corpus(templates(300, 1), 300, 1));
    return EntityTagger.train(examples, 10, 1, epoch -> {});
  }

  @Test
  void learnsTheEntitiesOfItsTrainingDataAndFindsThemInNewSentences() {
    List<Integer> epochs = new ArrayList<>();
    EntityTagger.train(corpus(TRAINING, 10, 1), 3, 1, epochs::add);
    assertThat(epochs).containsExactly(1, 2, 3);
    EntityTagger tagger = trained();
    assertThat(tagger.types()).containsExactly("ORGANIZATION", "PERSON", "PLACE");
    assertThat(tagger.features()).isPositive();
    // Sentences it has not seen (other arrangements of the words), with the same names.
    String[] unseen = templates(100, 2);
    int gold = 0;
    int correct = 0;
    int predicted = 0;
    for (EntityTagger.Example e : corpus(unseen, 100, 2)) {
      Set<Entity> want = new HashSet<>(e.entities());
      List<Entity> got = tagger.entities(e.text());
      for (Entity g : got) {
        assertThat(e.text().substring(g.start(), g.start() + g.text().length()))
            .isEqualTo(g.text());
      }
      gold += want.size();
      predicted += got.size();
      correct += (int) got.stream().filter(want::contains).count();
    }
    double precision = correct / (double) predicted;
    double recall = correct / (double) gold;
    assertThat(precision).as("precision").isGreaterThan(0.9);
    assertThat(recall).as("recall").isGreaterThan(0.9);
    assertThat(tagger.entities("")).isEmpty();
    assertThat(tagger.entities("今天天气很好。")).isEmpty();
  }

  @Test
  void savedTaggerReadsBackTheSame() throws IOException {
    EntityTagger tagger = trained();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    tagger.save(bytes);
    EntityTagger back = EntityTagger.load(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(back.types()).isEqualTo(tagger.types());
    assertThat(back.features()).isEqualTo(tagger.features());
    for (EntityTagger.Example e : corpus(TRAINING, 20, 3)) {
      assertThat(back.entities(e.text())).isEqualTo(tagger.entities(e.text()));
    }
    assertThatThrownBy(() -> EntityTagger.load(new ByteArrayInputStream(new byte[] {0, 3, 'a'})))
        .isInstanceOf(IOException.class);
  }

  @Test
  void recognizerUsesTheTaggerForChineseOnly() {
    EntityRecognizer recognizer = new EntityRecognizer(trained());
    String text = "孙悦昨天在成都参观了铁道部。";
    assertThat(recognizer.mentions(new TextDocument(text, "zh", null)))
        .containsExactly(
            new Entity("孙悦", "PERSON", 0),
            new Entity("成都", "PLACE", 5),
            new Entity("铁道部", "ORGANIZATION", 10));
    assertThat(recognizer.mentions(new TextDocument("Alice flew to Paris.", "en", null)))
        .extracting(Entity::type)
        .containsOnly("NAME");
  }

  @Test
  void badTrainingDataIsRefusedWithTheReason() {
    List<EntityTagger.Example> none = List.of(new EntityTagger.Example("今天天气很好。", List.of()));
    assertThatThrownBy(() -> EntityTagger.train(none, 5, 1, e -> {}))
        .hasMessageContaining("no entities");
    List<EntityTagger.Example> misplaced =
        List.of(new EntityTagger.Example("我爱北京。", List.of(new Entity("北京", "PLACE", 1))));
    assertThatThrownBy(() -> EntityTagger.train(misplaced, 5, 1, e -> {}))
        .hasMessageContaining("is not at 1");
    List<EntityTagger.Example> overlapping =
        List.of(
            new EntityTagger.Example(
                "北京大学很大。",
                List.of(new Entity("北京大学", "ORGANIZATION", 0), new Entity("北京", "PLACE", 0))));
    assertThatThrownBy(() -> EntityTagger.train(overlapping, 5, 1, e -> {}))
        .hasMessageContaining("overlapping");
    assertThatThrownBy(() -> EntityTagger.train(corpus(TRAINING, 10, 1), 0, 1, e -> {}))
        .hasMessageContaining("epochs");
  }
}
