package dev.heed.text.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.heed.testing.Seeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The embedding perceptron against logistic regression on problems with a known answer. */
class EmbeddingMlpTest {
  private static final EmbeddingMlp.Trainer TRAINER =
      new EmbeddingMlp.Trainer(32, 40, 32, 3e-3, 0, 0, 7);

  /** XOR of the signs of the first two of 8 coordinates (the rest is noise): not linear. */
  private static void xor(int n, Random random, List<float[]> x, List<Integer> y) {
    for (int i = 0; i < n; i++) {
      float[] v = new float[8];
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) random.nextGaussian();
      }
      x.add(v);
      y.add((v[0] > 0) ^ (v[1] > 0) ? 1 : 0);
    }
  }

  private static double accuracy(double[][] p, List<Integer> y) {
    return TextClassifierTrainer.accuracy(p, y.stream().mapToInt(Integer::intValue).toArray());
  }

  @Test
  void learnsXorWhereALinearModelCannot() {
    Random random = new Random(Seeds.seed("learnsXorWhereALinearModelCannot"));
    List<float[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    xor(1600, random, x, y);
    int[] yTrain = y.subList(0, 1200).stream().mapToInt(Integer::intValue).toArray();
    List<float[]> xTest = x.subList(1200, 1600);
    List<Integer> yTest = y.subList(1200, 1600);

    EmbeddingMlp mlp = TRAINER.fit(x.subList(0, 1200), yTrain, 2);
    double[][] mlpP = xTest.stream().map(mlp::probabilities).toArray(double[][]::new);
    double[][] linearP =
        TextClassifierTrainer.denseLogistic(x.subList(0, 1200), yTrain, 2, 1)
            .denseProbabilities(xTest, 2);

    assertThat(accuracy(mlpP, yTest)).isGreaterThan(0.9);
    assertThat(accuracy(linearP, yTest)).isBetween(0.35, 0.65);
    for (double[] p : mlpP) {
      assertThat(p[0] + p[1]).isCloseTo(1, within(1e-9));
    }
  }

  @Test
  void separatesManyClassesAndReportsEachEpoch() {
    Random random = new Random(Seeds.seed("separatesManyClassesAndReportsEachEpoch"));
    // Four classes around the corners of a square in the first two coordinates.
    List<float[]> x = new ArrayList<>();
    int[] y = new int[800];
    for (int i = 0; i < y.length; i++) {
      y[i] = random.nextInt(4);
      float[] v = new float[6];
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) (0.5 * random.nextGaussian());
      }
      v[0] += (y[i] & 1) == 0 ? -2 : 2;
      v[1] += (y[i] & 2) == 0 ? -2 : 2;
      x.add(v);
    }
    List<Integer> epochs = new ArrayList<>();
    EmbeddingMlp mlp =
        new EmbeddingMlp.Trainer(16, 20, 32, 3e-3, 0.01, 0.2, 3)
            .fit(x, y, 4, (model, epoch) -> epochs.add(epoch));
    assertThat(epochs).hasSize(20).startsWith(1, 2).endsWith(20);
    assertThat(mlp.classes()).isEqualTo(4);
    int hits = 0;
    for (int i = 0; i < y.length; i++) {
      hits += LinearScores.argmax(mlp.probabilities(x.get(i))) == y[i] ? 1 : 0;
    }
    assertThat((double) hits / y.length).isGreaterThan(0.95);
  }

  @Test
  void theSameSeedTrainsTheSameModelAndItSurvivesARoundTrip() throws Exception {
    Random random = new Random(Seeds.seed("theSameSeedTrainsTheSameModel"));
    List<float[]> x = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    xor(300, random, x, labels);
    int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
    EmbeddingMlp a = TRAINER.fit(x, y, 2);
    EmbeddingMlp b = TRAINER.fit(x, y, 2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.write(new DataOutputStream(bytes));
    EmbeddingMlp read =
        EmbeddingMlp.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    for (float[] v : x.subList(0, 50)) {
      assertThat(b.probabilities(v)).containsExactly(a.probabilities(v), within(0.0));
      assertThat(read.probabilities(v)).containsExactly(a.probabilities(v), within(0.0));
    }
    byte[] corrupt = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() - 4); // torn
    assertThatThrownBy(
            () -> EmbeddingMlp.read(new DataInputStream(new ByteArrayInputStream(corrupt))))
        .isInstanceOf(java.io.IOException.class);
  }
}
