package dev.heed.text.classify;

import dev.heed.text.embed.TextEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Classifies without training data: each label is the mean embedding of its descriptions, and a
 * text's probabilities are a softmax over its cosine with each label (scaled by a temperature).
 * Thread-safe.
 */
public final class ZeroShotClassifier {
  /** Cosine differences between labels are small; this spreads them into probabilities. */
  public static final double TEMPERATURE = 30;

  private final List<String> labels;
  private final List<float[]> prototypes;

  /** Labels in map order, each described by one or more phrases (any language the model reads). */
  public ZeroShotClassifier(TextEmbedder embedder, Map<String, List<String>> descriptions) {
    if (descriptions.size() < 2) {
      throw new IllegalArgumentException("zero-shot classification needs at least two labels");
    }
    this.labels = List.copyOf(descriptions.keySet());
    this.prototypes = new ArrayList<>();
    for (String label : labels) {
      List<String> phrases = descriptions.get(label);
      if (phrases == null || phrases.isEmpty()) {
        throw new IllegalArgumentException("label '" + label + "' has no description");
      }
      float[] mean = new float[embedder.dimension()];
      for (float[] v : embedder.embed(phrases)) {
        for (int j = 0; j < mean.length; j++) {
          mean[j] += v[j];
        }
      }
      double norm = 0;
      for (float x : mean) {
        norm += x * x;
      }
      float inv = (float) (1 / Math.sqrt(norm));
      for (int j = 0; j < mean.length; j++) {
        mean[j] *= inv;
      }
      prototypes.add(mean);
    }
  }

  public List<String> labels() {
    return labels;
  }

  /** Label probabilities for a text's embedding, in {@link #labels()} order. */
  public double[] probabilities(float[] embedding) {
    double[] p = new double[labels.size()];
    double max = -Double.MAX_VALUE;
    for (int k = 0; k < p.length; k++) {
      float[] proto = prototypes.get(k);
      double dot = 0;
      for (int j = 0; j < proto.length; j++) {
        dot += proto[j] * embedding[j];
      }
      p[k] = TEMPERATURE * dot;
      max = Math.max(max, p[k]);
    }
    double sum = 0;
    for (int k = 0; k < p.length; k++) {
      p[k] = Math.exp(p[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= sum;
    }
    return p;
  }
}
