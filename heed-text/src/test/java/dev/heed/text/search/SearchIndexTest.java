package dev.heed.text.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.heed.text.embed.BgeEmbedder;
import dev.heed.text.embed.TextEmbedder;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchIndexTest {
  private static final TextEmbedder BGE = BgeEmbedder.smallZh();

  private static SearchIndex.Entry entry(String id, String text, String category) {
    return new SearchIndex.Entry(
        id, text, List.of(category), BGE.embed(text), null, "{\"id\":\"" + id + "\"}", "s-" + id);
  }

  private static List<String> ids(List<SearchIndex.Hit> hits) {
    return hits.stream().map(SearchIndex.Hit::id).toList();
  }

  @Test
  void keywordsFindChineseByBigramsAndEnglishByWords() {
    try (SearchIndex index = new SearchIndex(new ByteBuffersDirectory())) {
      index.put(entry("a", "北京的酒店房间干净，服务很好", "travel"));
      index.put(entry("b", "The striker scored twice in the final", "sports"));
      index.put(entry("c", "股市今天大幅上涨", "business"));
      index.refresh();
      assertThat(ids(index.search("酒店", null, 5, null))).containsExactly("a");
      assertThat(ids(index.search("scored", null, 5, null))).containsExactly("b");
      assertThat(index.search("酒店", null, 5, null).getFirst().keywordRank()).isEqualTo(1);
      assertThat(index.search("nothing-like-this", null, 5, null)).isEmpty();
    }
  }

  @Test
  void englishVectorsAreSearchedOnlyInTheEnglishSpace() {
    TextEmbedder en = SearchEmbeddings.englishModel();
    try (SearchIndex index = SearchIndex.inMemory()) {
      index.put(entry("zh", "北京的酒店房间干净，服务很好", "travel"));
      index.refresh();
      assertThat(index.hasEnglishVectors()).isFalse();
      assertThat(SearchEmbeddings.space("clean hotel", false)).isEqualTo(SearchIndex.Space.ALL);
      String hotel = "The hotel room was clean and the staff were friendly";
      String goal = "A late goal won the football match";
      for (String[] e : new String[][] {{"hotel", hotel}, {"goal", goal}}) {
        index.put(
            new SearchIndex.Entry(
                e[0], e[1], List.of(), BGE.embed(e[1]), en.embed(e[1]), "{}", "s"));
      }
      index.refresh();
      assertThat(index.hasEnglishVectors()).isTrue();
      assertThat(SearchEmbeddings.space("clean hotel", true)).isEqualTo(SearchIndex.Space.ENGLISH);
      assertThat(SearchEmbeddings.space("干净的酒店", true)).isEqualTo(SearchIndex.Space.ALL);
      assertThat(SearchEmbeddings.hasEnglishVector("en")).isTrue();
      assertThat(SearchEmbeddings.hasEnglishVector("en-US")).isTrue();
      assertThat(SearchEmbeddings.hasEnglishVector("zh")).isFalse();
      assertThat(SearchEmbeddings.hasEnglishVector(null)).isFalse();
      String query = "a tidy place to stay with nice people at the desk";
      float[] v = en.embed(SearchEmbeddings.englishModel().searchQueryInstruction() + query);
      List<SearchIndex.Hit> hits = index.search(null, v, SearchIndex.Space.ENGLISH, 5, null);
      // Only the English items have English vectors; the Chinese one is not in this list.
      assertThat(ids(hits)).containsExactly("hotel", "goal");
      // The item embeddings stay searchable as before.
      assertThat(ids(index.search(null, BGE.embed(query), 5, null))).hasSize(3);
    }
  }

  @Test
  void similarItemsOfAnEnglishItemComeFromTheEnglishSpace() {
    TextEmbedder en = SearchEmbeddings.englishModel();
    String[][] english = {
      {"hotel", "The hotel room was clean and the staff were friendly"},
      {"inn", "Our stay at the inn was lovely: a tidy room and a helpful front desk"},
      {"goal", "A late goal won the football match"},
      {"stocks", "Stock markets fell sharply on Monday"}
    };
    try (SearchIndex index = SearchIndex.inMemory()) {
      index.put(entry("zh-hotel", "北京的酒店房间干净，服务很好", "travel"));
      index.refresh();
      // One item per refresh: several segments, so the English vectors are read across them.
      for (String[] e : english) {
        index.put(
            new SearchIndex.Entry(
                e[0], e[1], List.of(), BGE.embed(e[1]), en.embed(e[1]), "{}", "s"));
        index.refresh();
      }
      for (String[] e : english) {
        assertThat(index.vector(e[0], SearchIndex.Space.ENGLISH).orElseThrow())
            .containsExactly(en.embed(e[1]));
      }
      assertThat(index.vector("zh-hotel", SearchIndex.Space.ENGLISH)).isEmpty();
      assertThat(index.vector("missing", SearchIndex.Space.ENGLISH)).isEmpty();

      List<String> nearHotel = ids(index.similar("hotel", 5, null));
      assertThat(nearHotel).containsExactlyInAnyOrder("inn", "goal", "stocks").startsWith("inn");
      // A Chinese item has no English vector: its neighbours come from every item's embedding.
      assertThat(ids(index.similar("zh-hotel", 5, null)))
          .hasSize(4)
          .doesNotContain("zh-hotel")
          .isEqualTo(
              ids(index.search(null, index.vector("zh-hotel").orElseThrow(), 5, null)).stream()
                  .filter(id -> !id.equals("zh-hotel"))
                  .toList());
      assertThat(index.similar("missing", 5, null)).isEmpty();

      assertThat(ids(index.similarTo(List.of("hotel", "goal"), 5)))
          .containsExactlyInAnyOrder("inn", "stocks");
      // With a Chinese item among them, the sum of the item embeddings is matched instead.
      assertThat(ids(index.similarTo(List.of("hotel", "zh-hotel"), 5)))
          .containsExactlyInAnyOrder("inn", "goal", "stocks");
      assertThat(index.similarTo(List.of(), 5)).isEmpty();

      // A replaced English item's vector is its new one.
      String moved = "Shares of the bank rose after its earnings report";
      index.put(
          new SearchIndex.Entry(
              "goal", moved, List.of(), BGE.embed(moved), en.embed(moved), "{}", "s2"));
      index.refresh();
      assertThat(index.vector("goal", SearchIndex.Space.ENGLISH).orElseThrow())
          .containsExactly(en.embed(moved));
      assertThat(ids(index.similar("stocks", 1, null))).containsExactly("goal");
    }
  }

  @Test
  void vectorsFindParaphrasesAndFusionRanksDocumentsInBothListsFirst() {
    try (SearchIndex index = new SearchIndex(new ByteBuffersDirectory())) {
      index.put(entry("hotel", "The hotel room was clean and the staff were friendly", "travel"));
      index.put(entry("goal", "A late goal won the football match", "sports"));
      index.put(entry("stocks", "Stock markets fell sharply on Monday", "business"));
      index.refresh();
      // No shared word with "hotel", but the same meaning.
      List<SearchIndex.Hit> byMeaning =
          index.search(
              "zzz", BGE.embed("a tidy place to stay with nice people at the desk"), 3, null);
      assertThat(byMeaning.getFirst().id()).isEqualTo("hotel");
      assertThat(byMeaning.getFirst().keywordRank()).isZero();
      List<SearchIndex.Hit> both = index.search("football", BGE.embed("football match"), 3, null);
      assertThat(both.getFirst().id()).isEqualTo("goal");
      assertThat(both.getFirst().score())
          .isEqualTo(1.0 / (SearchIndex.RRF_K + 1) + 1.0 / (SearchIndex.RRF_K + 1));
      assertThat(ids(index.search("football", BGE.embed("football match"), 3, "business")))
          .containsExactly("stocks");
    }
  }

  @Test
  void theFusionWeightsTheTwoRankings() {
    try (SearchIndex index = SearchIndex.inMemory()) {
      index.put(entry("hotel", "The hotel room was clean and the staff were friendly", "travel"));
      index.put(entry("goal", "A late goal won the football match", "sports"));
      index.put(entry("code", "Order code XK-42 ships on Monday", "shop"));
      index.refresh();
      // "XK-42" only matches "code" by keyword; the vector points at "hotel".
      float[] v = BGE.embed("a tidy place to stay with nice people at the desk");
      for (double w : new double[] {0.05, 0.5, 0.95}) {
        List<SearchIndex.Hit> hits = index.search("XK-42", v, SearchIndex.Space.ALL, 3, null, w);
        assertThat(hits).hasSize(3);
        for (SearchIndex.Hit h : hits) {
          double expected =
              2
                  * ((h.keywordRank() > 0 ? (1 - w) / (SearchIndex.RRF_K + h.keywordRank()) : 0)
                      + (h.vectorRank() > 0 ? w / (SearchIndex.RRF_K + h.vectorRank()) : 0));
          assertThat(h.score()).as("%s at %s", h.id(), w).isCloseTo(expected, within(1e-12));
        }
        assertThat(hits).isSortedAccordingTo((x, y) -> Double.compare(y.score(), x.score()));
      }
      SearchIndex.Hit code =
          index.search("XK-42", v, SearchIndex.Space.ALL, 3, null, 0.95).stream()
              .filter(h -> h.id().equals("code"))
              .findFirst()
              .orElseThrow();
      assertThat(code.keywordRank()).isEqualTo(1);
      assertThat(code.vectorRank()).isGreaterThan(1);
      assertThat(ids(index.search("XK-42", v, SearchIndex.Space.ALL, 3, null, 0.05)))
          .first()
          .isEqualTo("code");
      assertThat(ids(index.search(null, v, 3, null))).first().isEqualTo("hotel");
      assertThat(ids(index.search("XK-42", v, 3, null)))
          .as("the engine's weight, %s", SearchIndex.VECTOR_WEIGHT)
          .isEqualTo(
              ids(
                  index.search(
                      "XK-42", v, SearchIndex.Space.ALL, 3, null, SearchIndex.VECTOR_WEIGHT)));
      assertThatThrownBy(() -> index.search("x", v, SearchIndex.Space.ALL, 2, null, 1.5))
          .hasMessageContaining("not in [0, 1]");
    }
  }

  @Test
  void replacesDeletesAndPersists(@TempDir Path dir) throws Exception {
    try (SearchIndex index = new SearchIndex(FSDirectory.open(dir))) {
      index.put(entry("x", "old words about cats", "pets"));
      index.put(entry("y", "dogs and their owners", "pets"));
      index.refresh();
      index.put(entry("x", "new words about parrots", "pets"));
      index.delete("y");
      index.refresh();
      assertThat(index.size()).isEqualTo(1);
      assertThat(index.search("cats", null, 5, null)).isEmpty();
      assertThat(ids(index.search("parrots", null, 5, null))).containsExactly("x");
    }
    try (SearchIndex reopened = new SearchIndex(FSDirectory.open(dir))) {
      assertThat(reopened.size()).isEqualTo(1);
      assertThat(reopened.analysis("x")).contains("{\"id\":\"x\"}");
      assertThat(reopened.stamp("x")).contains("s-x");
      assertThat(reopened.vector("x").orElseThrow())
          .containsExactly(BGE.embed("new words about parrots"));
      assertThat(reopened.analysis("y")).isEmpty();
    }
  }
}
