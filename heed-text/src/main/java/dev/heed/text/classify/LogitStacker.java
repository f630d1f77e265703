package dev.heed.text.classify;

import java.util.Arrays;
import java.util.List;

/**
 * Stacking of member models by multinomial logistic regression on their log-probabilities: the
 * score of class k is {@code bias[k] + Σ_m weight[m] log p_m(k)}, softmax over the classes (for two
 * classes, logistic regression on the members' log-odds). Fitted on held-out predictions only.
 */
record LogitStacker(double[] weights, double[] bias) {
  private static final double FLOOR = 1e-6;
  private static final double L2 = 1e-3;
  private static final int ITERATIONS = 1500;

  LogitStacker {
    weights = weights.clone();
    bias = bias.clone();
  }

  /** The combined class probabilities; {@code members[m]} is member m's distribution. */
  double[] probabilities(double[][] members) {
    double[] z = bias.clone();
    for (int m = 0; m < weights.length; m++) {
      for (int k = 0; k < z.length; k++) {
        z[k] += weights[m] * Math.log(Math.max(FLOOR, members[m][k]));
      }
    }
    double max = Arrays.stream(z).max().orElse(0);
    double sum = 0;
    for (int k = 0; k < z.length; k++) {
      z[k] = Math.exp(z[k] - max);
      sum += z[k];
    }
    for (int k = 0; k < z.length; k++) {
      z[k] /= sum;
    }
    return z;
  }

  /**
   * Fits on {@code members.get(m)[i]} (member m's probabilities of text i, held out from its
   * training) and labels y, for the texts in {@code rows}: full-batch Adam on the mean
   * cross-entropy plus a small L2 penalty on the weights, from equal weights. Deterministic.
   */
  static LogitStacker fit(List<double[][]> members, int[] y, int[] rows) {
    int m = members.size();
    int classes = members.getFirst()[0].length;
    double[][][] logs = new double[rows.length][m][classes];
    for (int r = 0; r < rows.length; r++) {
      for (int j = 0; j < m; j++) {
        for (int k = 0; k < classes; k++) {
          logs[r][j][k] = Math.log(Math.max(FLOOR, members.get(j)[rows[r]][k]));
        }
      }
    }
    double[] theta = new double[m + classes]; // weights, then biases
    Arrays.fill(theta, 0, m, 1.0 / m);
    double[] first = new double[theta.length];
    double[] second = new double[theta.length];
    double[] z = new double[classes];
    for (int t = 1; t <= ITERATIONS; t++) {
      double[] g = new double[theta.length];
      for (int r = 0; r < rows.length; r++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
          z[k] = theta[m + k];
          for (int j = 0; j < m; j++) {
            z[k] += theta[j] * logs[r][j][k];
          }
          max = Math.max(max, z[k]);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
          z[k] = Math.exp(z[k] - max);
          sum += z[k];
        }
        int label = y[rows[r]];
        for (int k = 0; k < classes; k++) {
          double d = z[k] / sum - (k == label ? 1 : 0);
          g[m + k] += d;
          for (int j = 0; j < m; j++) {
            g[j] += d * logs[r][j][k];
          }
        }
      }
      for (int i = 0; i < theta.length; i++) {
        g[i] = g[i] / rows.length + (i < m ? L2 * theta[i] : 0);
        first[i] = 0.9 * first[i] + 0.1 * g[i];
        second[i] = 0.999 * second[i] + 0.001 * g[i] * g[i];
        double mHat = first[i] / (1 - Math.pow(0.9, t));
        double vHat = second[i] / (1 - Math.pow(0.999, t));
        theta[i] -= 0.02 * mHat / (Math.sqrt(vHat) + 1e-8);
      }
    }
    return new LogitStacker(
        Arrays.copyOfRange(theta, 0, m), Arrays.copyOfRange(theta, m, theta.length));
  }
}
