package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.heed.text.embed.BgeEmbedder;
import dev.heed.text.search.SearchIndex;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchEvaluationTest {
  private static final Path STACKFAQ = Path.of("../../shared/data/stackfaq");

  private static final String XML =
      """
      <root>
      <qapair>
      <rephr>How do I cross out text on github?</rephr>
      <rephr>*</rephr>
      <rephr>Strikethrough in github markdown</rephr>
      <question>Strikethrough with GitHub Markdown</question>
      <answer>Use ~~tildes around the words~~.</answer>
      <answer>I used &lt;del&gt; successfully.</answer>
      </qapair>
      <qapair>
      <rephr>How can I delete my facebook account?</rephr>
      <question>Delete a Facebook account</question>
      <answer>Go to settings and choose delete account.</answer>
      </qapair>
      </root>
      """;

  @Test
  void readsStackFaqThreadsAsDocumentsAndRephrasingsAsQueries() throws Exception {
    RetrievalDataset d =
        RetrievalDataset.stackFaq(
            "faq.xml", new ByteArrayInputStream(XML.getBytes(StandardCharsets.UTF_8)));
    assertThat(d.documents()).hasSize(2);
    assertThat(d.documents().getFirst().text())
        .isEqualTo(
            "Strikethrough with GitHub Markdown\nUse ~~tildes around the words~~.\n"
                + "I used <del> successfully.");
    assertThat(d.queries())
        .extracting(RetrievalDataset.Query::text)
        .containsExactly(
            "How do I cross out text on github?",
            "Strikethrough in github markdown",
            "How can I delete my facebook account?");
    assertThat(d.queries().get(2).relevant()).containsExactly("faq-2");
    assertThatThrownBy(
            () ->
                RetrievalDataset.stackFaq(
                    "bad.xml", new ByteArrayInputStream("<root><qapair>".getBytes())))
        .hasMessageContaining("bad.xml");
  }

  @Test
  void readsQuestionPairsWithEveryPositiveSecondQuestionRelevant() {
    RetrievalDataset d =
        RetrievalDataset.pairs(
            "bq.tsv", List.of("怎么还款\t如何还款\t1", "怎么还款\t还款方式\t1", "怎么还款\t额度多少\t0", "额度多少\t如何还款\t0"));
    assertThat(d.documents())
        .extracting(RetrievalDataset.Document::text)
        .containsExactly("如何还款", "还款方式", "额度多少");
    assertThat(d.queries()).hasSize(1);
    assertThat(d.queries().getFirst().relevant()).containsExactlyInAnyOrder("q1", "q2");
    assertThatThrownBy(() -> RetrievalDataset.pairs("bq.tsv", List.of("only one field")))
        .hasMessageContaining("bq.tsv:1");
    assertThatThrownBy(() -> RetrievalDataset.pairs("bq.tsv", List.of("a\tb\t0")))
        .hasMessageContaining("no pair labeled 1");
  }

  @Test
  void readsLcstsSummariesScoredThreeOrMoreAsQueries() {
    String part =
        """
        <doc id=0>
            <human_label>5</human_label>
            <summary>
                可穿戴技术十大设计原则
            </summary>
            <short_text>
                本文总结了十个可穿戴产品的设计原则
            </short_text>
        </doc>
        <doc id=1>
            <human_label>2</human_label>
            <summary>
                雅虎宣布剥离阿里巴巴股份
            </summary>
            <short_text>
                雅虎发布2014年第四季度财报
            </short_text>
        </doc>
        """;
    RetrievalDataset d = RetrievalDataset.lcsts("PART_III.txt", part);
    assertThat(d.documents())
        .extracting(RetrievalDataset.Document::text)
        .containsExactly("本文总结了十个可穿戴产品的设计原则", "雅虎发布2014年第四季度财报");
    assertThat(d.queries())
        .containsExactly(new RetrievalDataset.Query("可穿戴技术十大设计原则", Set.of("lcsts-0")));
    assertThatThrownBy(
            () ->
                RetrievalDataset.lcsts(
                    "PART_III.txt", part + "<doc id=2>\n<summary>x</summary>\n</doc>\n"))
        .hasMessageContaining("3 <doc> entries, 2 of them");
  }

  @Test
  void readsInspecTitlesAsQueriesForTheirAbstracts() {
    KeywordDataset inspec =
        new KeywordDataset(
            "inspec",
            "en",
            List.of(new KeywordDataset.Doc("Training/1", "A title\nThe abstract.", List.of())),
            List.of(),
            List.of(
                new KeywordDataset.Doc("Test/2", "Another title\nIts abstract.", List.of()),
                new KeywordDataset.Doc("Test/3", "No abstract", List.of())));
    RetrievalDataset d = RetrievalDataset.titles(inspec);
    assertThat(d.documents())
        .containsExactly(
            new RetrievalDataset.Document("Training/1", "The abstract."),
            new RetrievalDataset.Document("Test/2", "Its abstract."));
    assertThat(d.queries())
        .extracting(RetrievalDataset.Query::text)
        .containsExactly("A title", "Another title");
  }

  @Test
  void metricsOfKnownRankings() {
    SearchEvaluation.Metrics m = new SearchEvaluation.Metrics();
    // Relevant at rank 2 of one query; two relevant at ranks 1 and 3 of another; none found.
    m.add(List.of("x", "a", "y"), new RetrievalDataset.Query("q1", Set.of("a")));
    m.add(List.of("b", "x", "c"), new RetrievalDataset.Query("q2", Set.of("b", "c")));
    m.add(List.of("x", "y"), new RetrievalDataset.Query("q3", Set.of("z")));
    Map<String, Double> r = m.averages();
    assertThat(r.get("mrr@10")).isCloseTo((0.5 + 1 + 0) / 3, within(1e-12));
    assertThat(r.get("recall@1")).isCloseTo((0 + 0.5 + 0) / 3, within(1e-12));
    assertThat(r.get("recall@5")).isCloseTo((1 + 1 + 0) / 3.0, within(1e-12));
    double log2of3 = Math.log(3) / Math.log(2);
    double ndcg2 = (1 + 1 / 2.0) / (1 + 1 / log2of3);
    assertThat(r.get("ndcg@10")).isCloseTo((1 / log2of3 + ndcg2 + 0) / 3, within(1e-12));
  }

  @Test
  void searchesTheSmallSetThreeWays() throws Exception {
    RetrievalDataset d =
        RetrievalDataset.stackFaq(
            "faq.xml", new ByteArrayInputStream(XML.getBytes(StandardCharsets.UTF_8)));
    Map<String, Map<String, Double>> r = SearchEvaluation.run(d, BgeEmbedder::embed, true, q -> {});
    assertThat(r.keySet())
        .startsWith("keyword", "vector", "hybrid")
        .hasSize(3 + SearchEvaluation.WEIGHTS.length)
        .contains("hybrid w=0.95");
    assertThat(r.get(SearchEvaluation.weighted(SearchIndex.VECTOR_WEIGHT)))
        .isEqualTo(r.get("hybrid"));
    // Two documents, each query's own thread first.
    assertThat(r.get("vector").get("mrr@10")).isEqualTo(1.0);
    assertThat(r.get("hybrid").get("recall@1")).isEqualTo(1.0);
  }

  @Test
  void stackFaqInsideBandsAroundTheDocumentedFigures() {
    assumeTrue(
        Files.isDirectory(STACKFAQ), STACKFAQ.toAbsolutePath() + " is absent (../shared/data)");
    RetrievalDataset d = RetrievalDataset.load(STACKFAQ.toString());
    assertThat(d.documents()).hasSize(125);
    assertThat(d.queries()).hasSize(1249);
    Map<String, Map<String, Double>> r = SearchEvaluation.run(d, BgeEmbedder::embed, true, q -> {});
    // measured: MRR@10 keyword 0.767, vector (bge-small-en for English) 0.950, hybrid 0.949 (at
    // the vector weight 0.95; 0.884 at 0.5)
    assertThat(r.get("keyword").get("mrr@10")).isBetween(0.74, 0.79);
    assertThat(r.get("vector").get("mrr@10")).isBetween(0.93, 0.97);
    assertThat(r.get("hybrid").get("mrr@10")).isBetween(0.93, 0.97);
    assertThat(r.get("hybrid w=0.5").get("mrr@10")).isBetween(0.86, 0.91);
  }
}
