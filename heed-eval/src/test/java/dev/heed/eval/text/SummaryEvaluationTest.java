package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.heed.text.embed.BgeEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryEvaluationTest {
  private static final Path LCSTS = Path.of("../../shared/data/lcsts-part3");

  @Test
  void rougeCountsCharactersAndIgnoresPunctuation() {
    // Reference 城市更新计划 (6 characters, 5 bigrams), candidate 城市计划 (4, 3): every character
    // matches (P 1, R 4/6, F1 0.8); bigrams 城市 and 计划 match (P 2/3, R 2/5, F1 0.5); the longest
    // common subsequence is the whole candidate (F1 0.8).
    double[] r = SummaryEvaluation.rouge("城市，计划！", "城市 更新 计划");
    assertThat(r[0]).isCloseTo(0.8, within(1e-12));
    assertThat(r[1]).isCloseTo(0.5, within(1e-12));
    assertThat(r[2]).isCloseTo(0.8, within(1e-12));
    // Repeated characters count once per match; the subsequence keeps the order.
    double[] repeated = SummaryEvaluation.rouge("好好好", "好");
    assertThat(repeated[0]).isCloseTo(2 * (1 / 3.0) / (1 / 3.0 + 1), within(1e-12));
    assertThat(SummaryEvaluation.rouge("甲乙", "乙甲")[2]).isCloseTo(0.5, within(1e-12));
    assertThat(SummaryEvaluation.rouge("。", "城市")).containsExactly(0, 0, 0);
    assertThat(SummaryEvaluation.characters("A股 2015年，上涨")).hasSize(9);
  }

  private static final List<SummaryDataset.Pair> FIXTURE =
      List.of(
          new SummaryDataset.Pair(
              "0", "市政府昨天发布城市更新计划。计划在五年内改造两百个老旧小区，并新建社区公园。不少市民表示期待。", "城市更新计划发布：五年改造两百个老旧小区", 5),
          new SummaryDataset.Pair(
              "1", "受强冷空气影响，本周末全省将大幅降温。气象台提醒市民及时添衣保暖。部分山区可能出现降雪。", "本周末全省大幅降温，山区或降雪", 4),
          new SummaryDataset.Pair(
              "2", "这家公司第三季度营收同比增长三成。增长主要来自海外市场。公司股价当天上涨百分之五。", "公司三季度营收增长三成", 3),
          new SummaryDataset.Pair("3", "只有一句话的短文。", "短文", 1));

  @Test
  void scoresEveryWayAndTheBestSentenceBoundsTheExtractedOnes() {
    List<SummaryDataset.Pair> scored =
        SummaryEvaluation.scored(new SummaryDataset("fixture", FIXTURE));
    assertThat(scored).extracting(SummaryDataset.Pair::id).containsExactly("0", "1", "2");
    int[] done = {0};
    Map<String, Map<String, Double>> r =
        SummaryEvaluation.run(scored, BgeEmbedder.smallZh(), n -> done[0] = n);
    assertThat(done[0]).isEqualTo(3);
    assertThat(r.keySet()).containsExactlyElementsOf(SummaryEvaluation.MODES);
    for (Map<String, Double> metrics : r.values()) {
      assertThat(metrics.keySet()).containsExactlyElementsOf(SummaryEvaluation.METRICS);
      assertThat(metrics.values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    }
    // The oracle picks, per text, the sentence with the highest ROUGE sum among those the other
    // one-sentence ways choose from.
    for (String way : List.of("heed", "lead")) {
      assertThat(sum(r.get("oracle"))).isGreaterThanOrEqualTo(sum(r.get(way)) - 1e-12);
    }
    // The lead is each text's first sentence, as the Chinese tokenizer splits it.
    String[] firsts = {"市政府昨天发布城市更新计划。", "受强冷空气影响，本周末全省将大幅降温。", "这家公司第三季度营收同比增长三成。"};
    for (int k = 0; k < SummaryEvaluation.METRICS.size(); k++) {
      double mean = 0;
      for (int i = 0; i < firsts.length; i++) {
        mean += SummaryEvaluation.rouge(firsts[i], scored.get(i).summary())[k] / firsts.length;
      }
      assertThat(r.get("lead").get(SummaryEvaluation.METRICS.get(k)))
          .isCloseTo(mean, within(1e-12));
    }
    assertThatThrownBy(() -> SummaryEvaluation.run(List.of(), BgeEmbedder.smallZh(), n -> {}))
        .hasMessageContaining("no text");
  }

  private static double sum(Map<String, Double> metrics) {
    return metrics.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  @Test
  void lcstsSummariesAreAsGoodAsTheLeadSentence() {
    assumeTrue(Files.isDirectory(LCSTS), LCSTS.toAbsolutePath() + " is absent (../shared/data)");
    SummaryDataset data = SummaryDataset.load(LCSTS.toString());
    List<SummaryDataset.Pair> scored = SummaryEvaluation.scored(data);
    assertThat(data.pairs()).hasSize(1106);
    assertThat(scored).hasSize(725);
    Map<String, Map<String, Double>> r =
        SummaryEvaluation.run(scored, BgeEmbedder.smallZh(), n -> {});
    // measured: heed 0.2625 / 0.1479 / 0.2254 (ROUGE-1 / 2 / L), lead 0.2626 / 0.1508 / 0.2244,
    // HanLP's TextRank 0.2285 / 0.1249 / 0.1977, the best sentence 0.3660 / 0.2352 / 0.3222
    assertThat(r.get("heed").get("rouge-1")).isBetween(0.245, 0.28);
    assertThat(r.get("heed").get("rouge-l")).isBetween(0.21, 0.24);
    assertThat(r.get("lead").get("rouge-1")).isBetween(0.255, 0.27);
    assertThat(r.get("oracle").get("rouge-1")).isBetween(0.355, 0.375);
    assertThat(r.get("textrank").get("rouge-1")).isLessThan(r.get("heed").get("rouge-1"));
  }

  @Test
  void aMissingFileIsAClearError() {
    assertThatThrownBy(() -> SummaryDataset.load("no/such/folder"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PART_III.txt");
  }
}
