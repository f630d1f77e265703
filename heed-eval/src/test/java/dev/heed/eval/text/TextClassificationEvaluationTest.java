package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.text.classify.LabeledText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextClassificationEvaluationTest {
  /** Two topics told apart by their words, with a share of texts mixing both. */
  private static TextDataset twoTopics(int n) {
    String[] sport = {"match", "goal", "team", "coach", "league", "score"};
    String[] cook = {"recipe", "oven", "flour", "sauce", "bake", "pan"};
    Random r = new Random(7);
    List<LabeledText> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean isSport = r.nextBoolean();
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 6; w++) {
        String[] own = isSport ? sport : cook;
        String[] other = isSport ? cook : sport;
        String[] from = r.nextDouble() < 0.3 ? other : own;
        text.append(from[r.nextInt(from.length)]).append(' ');
      }
      rows.add(new LabeledText(text.toString().trim(), isSport ? "sport" : "cooking"));
    }
    return new TextDataset("two-topics", rows, null);
  }

  @Test
  void fiveFoldsOverTheSeededPermutationWithTheEightyTwentyFitAsFoldFive() {
    List<String> log = new ArrayList<>();
    TextClassificationEvaluation.Result r =
        TextClassificationEvaluation.run(twoTopics(400), null, 1, null, null, log::add, true, 1);

    assertThat(r.split()).isEqualTo("seeded-80-20");
    assertThat(r.nTrain()).isEqualTo(320);
    assertThat(r.nTest()).isEqualTo(80);
    List<String> folds = log.stream().filter(l -> l.startsWith("fold ")).toList();
    assertThat(folds).hasSize(5);
    // Fold 5 tests on perm[320:400] after training on perm[:320]: exactly the 80/20 fit.
    assertThat(folds.get(4)).startsWith("fold 5/5 (the 80/20 split): ");
    assertThat(folds.get(4)).endsWith(r.metrics().toString());
    double accuracy = r.metrics().get("accuracy");
    assertThat(accuracy).isBetween(0.7, 1.0);
    double[] cv = r.cv().get("accuracy");
    assertThat(cv[0]).isBetween(0.7, 1.0);
    assertThat(cv[1]).isGreaterThan(0).isLessThan(0.1);
    // The mean is over five folds, of which the fifth is the 80/20 figure.
    double[] perFold =
        folds.stream()
            .mapToDouble(
                l -> {
                  String m = l.substring(l.indexOf("accuracy=") + "accuracy=".length());
                  return Double.parseDouble(m.substring(0, m.indexOf(',')));
                })
            .toArray();
    assertThat(perFold[4]).isEqualTo(accuracy);
    assertThat(java.util.Arrays.stream(perFold).average().orElseThrow())
        .isCloseTo(cv[0], org.assertj.core.data.Offset.offset(1e-12));
  }
}
