package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.heed.text.classify.LabeledText;
import dev.heed.text.classify.TunedTopLayer;
import dev.heed.text.embed.BgeEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * bge-small-zh with its last layer fine-tuned, alone (no n-grams, two epochs, no validation), on
 * ChnSentiCorp's seeded 80/20 split: inside a band around the figure in docs/evaluation.md, and
 * well above logistic regression on the frozen [CLS] vector (88% on validation).
 */
class TunedLayerQualityBandTest {
  private static final Path DATA =
      Path.of("../../shared/data/chnsenticorp-htl-all/ChnSentiCorp_htl_all.csv");

  @Test
  void chnSentiCorpWithTheLastLayerTuned() {
    assumeTrue(Files.exists(DATA), DATA.toAbsolutePath() + " is absent (../shared/data); skipped");
    List<LabeledText> rows = TextDatasets.load(DATA.toString(), "auto", "sentiment").rows();
    int[] perm = SeededPermutation.of(rows.size(), 1);
    int cut = (int) Math.floor(0.8 * rows.size());
    BgeEmbedder model = BgeEmbedder.smallZh();
    List<String> labels = rows.stream().map(LabeledText::label).distinct().sorted().toList();
    List<TunedTopLayer.States> train = new ArrayList<>();
    int[] y = new int[cut];
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < cut; i++) {
      texts.add(rows.get(perm[i]).text());
      y[i] = labels.indexOf(rows.get(perm[i]).label());
    }
    for (float[] x : model.lastLayerInputs(texts)) {
      train.add(TunedTopLayer.States.of(x, model.dimension()));
    }
    TunedTopLayer tuned = TunedTopLayer.from(model.lastLayer(), labels.size(), 1);
    new TunedTopLayer.Trainer(2, 32, 1e-4, 1e-3, 0.01, 1).fit(tuned, train, y, (m, e) -> {});
    List<String> test = new ArrayList<>();
    for (int i = cut; i < rows.size(); i++) {
      test.add(rows.get(perm[i]).text());
    }
    List<float[]> states = model.lastLayerInputs(test);
    int hits = 0;
    for (int i = 0; i < test.size(); i++) {
      double[] p = tuned.probabilities(states.get(i));
      int best = p[1] > p[0] ? 1 : 0;
      hits += labels.get(best).equals(rows.get(perm[cut + i]).label()) ? 1 : 0;
    }
    assertThat((double) hits / test.size()).isBetween(0.895, 0.935);
  }
}
