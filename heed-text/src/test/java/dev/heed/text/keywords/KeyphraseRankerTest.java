package dev.heed.text.keywords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyphraseRankerTest {
  private static final String[] TOPICS = {
    "neural network", "fuzzy controller", "genetic algorithm", "image compression",
    "wireless sensor", "power system", "speech recognition", "database query"
  };
  private static final String[] FILLER = {
    "experimental result", "previous work", "simple example", "main contribution",
    "proposed method", "recent year", "large number", "important role"
  };

  /**
   * Abstracts whose key phrase is a topic named in the title and repeated; filler phrases occur
   * once, later. The topic vocabulary recurs across documents, as a catalog's tags do.
   */
  private static List<KeyphraseRanker.Example> abstracts(int n, long seed) {
    Random random = new Random(seed);
    List<KeyphraseRanker.Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String topic = TOPICS[random.nextInt(TOPICS.length)];
      String a = FILLER[random.nextInt(FILLER.length)];
      String b = FILLER[random.nextInt(FILLER.length)];
      String text =
          "A new "
              + topic
              + " design.\nWe describe the "
              + topic
              + " of the study. The "
              + a
              + " shows that the "
              + topic
              + " works. A "
              + b
              + " is given.";
      out.add(new KeyphraseRanker.Example("d" + i, text, List.of(topic)));
    }
    return out;
  }

  @Test
  void learnsToRankTheGoldPhraseFirstOnUnseenDocuments() {
    List<KeyphraseRanker.Example> train = abstracts(80, 1);
    KeyphraseRanker ranker = KeyphraseRanker.train(train, 1, line -> {});
    KeywordExtractor extractor = new KeywordExtractor(KeyphraseRanker.catalog(train), ranker);
    int first = 0;
    List<KeyphraseRanker.Example> test = abstracts(40, 2);
    for (KeyphraseRanker.Example e : test) {
      List<Keyword> top = extractor.extract(e.text(), "en", 1);
      assertThat(top).allSatisfy(k -> assertThat(k.score()).isBetween(0.0, 1.0));
      if (!top.isEmpty() && top.getFirst().text().equals(e.keyPhrases().iterator().next())) {
        first++;
      }
    }
    assertThat(first).isGreaterThanOrEqualTo(36);
  }

  @Test
  void keyphrasenessCountsOnlyWhenTheCatalogHasTags() {
    KeyphraseRanker ranker = KeyphraseRanker.train(abstracts(80, 3), 1, line -> {});
    assertThat(ranker.weights(true).get("log_tagged")).isPositive();
    assertThat(ranker.weights(false).get("log_tagged")).isZero();
    assertThat(ranker.weights(false).get("tagged")).isZero();

    // Two phrases alike in every signal but tags: the tagged one ranks first.
    String text = "Fuzzy controller and speech recognition.";
    DocumentFrequencies catalog = new DocumentFrequencies();
    catalog.put("a", List.of("speech recognit"), List.of("speech recognit"));
    catalog.put("b", List.of("fuzzy control"), List.of());
    KeywordExtractor extractor = new KeywordExtractor(catalog, ranker);
    assertThat(extractor.extract(text, "en", 2))
        .extracting(Keyword::text)
        .containsExactly("speech recognition", "fuzzy controller");
  }

  @Test
  void savesAndLoadsTheSameWeights() throws IOException {
    KeyphraseRanker ranker = KeyphraseRanker.train(abstracts(30, 4), 1, line -> {});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ranker.save(out);
    KeyphraseRanker back = KeyphraseRanker.load(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back.weights(true)).isEqualTo(ranker.weights(true));
    assertThat(back.weights(false)).isEqualTo(ranker.weights(false));
  }

  @Test
  void rejectsWhatIsNotARanker() {
    assertThatThrownBy(
            () ->
                KeyphraseRanker.load(
                    new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a keyphrase ranker");
    assertThatThrownBy(
            () ->
                KeyphraseRanker.load(
                    new ByteArrayInputStream(
                        "heed-keyphrase-ranker-1\ntfidf 1 1\n".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no weight for textrank");
  }

  @Test
  void trainingNeedsPositiveAndNegativeCandidates() {
    assertThatThrownBy(
            () ->
                KeyphraseRanker.train(
                    List.of(new KeyphraseRanker.Example("x", "Neural networks.", List.of("zebra"))),
                    1,
                    line -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 of 1 are");
  }

  @Test
  void theShippedRankerLoads() {
    KeyphraseRanker shipped = KeyphraseRanker.shipped();
    assertThat(shipped.weights(true)).containsKeys("tfidf", "log_tagged", "bias");
    assertThat(shipped.weights(true).get("position")).isPositive();
  }
}
