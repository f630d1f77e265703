package dev.heed.text.classify;

/**
 * Logistic one-vs-rest scores turned into class probabilities. With two classes a single model
 * scores the second label against the first; with more, one model per class.
 */
final class LinearScores {
  private LinearScores() {}

  static int models(int classes) {
    return classes == 2 ? 1 : classes;
  }

  /** Class probabilities from the models' decision values. */
  static double[] probabilities(double[] scores, int classes) {
    double[] p = new double[classes];
    if (classes == 2) {
      p[1] = sigmoid(scores[0]);
      p[0] = 1 - p[1];
      return p;
    }
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      p[k] = sigmoid(scores[k]);
      sum += p[k];
    }
    for (int k = 0; k < classes; k++) {
      p[k] = sum > 0 ? p[k] / sum : 1.0 / classes;
    }
    return p;
  }

  static double sigmoid(double s) {
    return 1 / (1 + Math.exp(-s));
  }

  static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }
}
