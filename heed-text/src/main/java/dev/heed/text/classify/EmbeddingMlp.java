package dev.heed.text.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * A one-hidden-layer perceptron on dense vectors: standardized inputs, ReLU hidden units, softmax
 * over the classes; trained by {@link Trainer} with Adam on mini-batches (seeded init and order).
 * Immutable once built; {@link #probabilities} is thread-safe.
 */
final class EmbeddingMlp {
  private final float[] mean;
  private final float[] scale;
  private final float[][] w1; // [input][hidden]: the forward pass is an axpy per input
  private final float[] b1;
  private final float[][] w2; // [hidden][class]
  private final float[] b2;

  private EmbeddingMlp(
      float[] mean, float[] scale, float[][] w1, float[] b1, float[][] w2, float[] b2) {
    this.mean = mean;
    this.scale = scale;
    this.w1 = w1;
    this.b1 = b1;
    this.w2 = w2;
    this.b2 = b2;
  }

  /** A deep copy (training updates a model in place; this keeps one epoch's state). */
  EmbeddingMlp copy() {
    float[][] w1c = new float[w1.length][];
    for (int i = 0; i < w1.length; i++) {
      w1c[i] = w1[i].clone();
    }
    float[][] w2c = new float[w2.length][];
    for (int j = 0; j < w2.length; j++) {
      w2c[j] = w2[j].clone();
    }
    return new EmbeddingMlp(mean.clone(), scale.clone(), w1c, b1.clone(), w2c, b2.clone());
  }

  int dimension() {
    return mean.length;
  }

  int classes() {
    return b2.length;
  }

  /** Class probabilities of one vector. */
  double[] probabilities(float[] x) {
    float[] h = new float[b1.length];
    float[] z = new float[b2.length];
    forward(x, h, z, null);
    return softmax(z);
  }

  private void forward(float[] x, float[] h, float[] z, float[] in) {
    System.arraycopy(b1, 0, h, 0, h.length);
    for (int d = 0; d < mean.length; d++) {
      float v = (x[d] - mean[d]) * scale[d];
      if (in != null) {
        in[d] = v;
      }
      float[] row = w1[d];
      for (int j = 0; j < h.length; j++) {
        h[j] += v * row[j];
      }
    }
    System.arraycopy(b2, 0, z, 0, z.length);
    for (int j = 0; j < h.length; j++) {
      if (h[j] < 0) {
        h[j] = 0;
      }
      float[] row = w2[j];
      for (int k = 0; k < z.length; k++) {
        z[k] += h[j] * row[k];
      }
    }
  }

  /** Fisher-Yates: a new order of the training rows for each epoch. */
  static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  static double[] softmax(float[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, v);
    }
    double[] p = new double[z.length];
    double sum = 0;
    for (int k = 0; k < z.length; k++) {
      p[k] = Math.exp(z[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < z.length; k++) {
      p[k] /= sum;
    }
    return p;
  }

  void write(DataOutputStream d) throws IOException {
    d.writeInt(mean.length);
    d.writeInt(b1.length);
    d.writeInt(b2.length);
    writeFloats(d, mean);
    writeFloats(d, scale);
    for (float[] row : w1) {
      writeFloats(d, row);
    }
    writeFloats(d, b1);
    for (float[] row : w2) {
      writeFloats(d, row);
    }
    writeFloats(d, b2);
  }

  static EmbeddingMlp read(DataInputStream d) throws IOException {
    int in = d.readInt();
    int hidden = d.readInt();
    int classes = d.readInt();
    if (in <= 0
        || hidden <= 0
        || classes < 2
        || classes > 1 << 16
        || (long) in * hidden > 1 << 26) {
      throw new IOException("corrupt classifier: an MLP " + in + "x" + hidden + "x" + classes);
    }
    float[] mean = readFloats(d, in);
    float[] scale = readFloats(d, in);
    float[][] w1 = new float[in][];
    for (int i = 0; i < in; i++) {
      w1[i] = readFloats(d, hidden);
    }
    float[] b1 = readFloats(d, hidden);
    float[][] w2 = new float[hidden][];
    for (int j = 0; j < hidden; j++) {
      w2[j] = readFloats(d, classes);
    }
    float[] b2 = readFloats(d, classes);
    return new EmbeddingMlp(mean, scale, w1, b1, w2, b2);
  }

  private static void writeFloats(DataOutputStream d, float[] v) throws IOException {
    for (float x : v) {
      d.writeFloat(x);
    }
  }

  private static float[] readFloats(DataInputStream d, int n) throws IOException {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = d.readFloat();
    }
    return v;
  }

  /**
   * Adam (β1 0.9, β2 0.999) on the mean cross-entropy plus decoupled weight decay, dropout on the
   * hidden units while training; every random draw comes from {@code seed}.
   */
  record Trainer(
      int hidden,
      int epochs,
      int batch,
      double learningRate,
      double decay,
      double dropout,
      long seed) {

    /** Fits on {@code x} and {@code y} (classes 0..classes-1). */
    EmbeddingMlp fit(List<float[]> x, int[] y, int classes) {
      return fit(x, y, classes, null);
    }

    /**
     * Fits for {@link #epochs}; after each epoch {@code afterEpoch} (when not null) gets the model
     * so far and the epoch number (from 1), e.g. to measure it on a validation slice. That model is
     * updated in place by the next epoch: {@link #copy} it to keep it.
     */
    EmbeddingMlp fit(
        List<float[]> x,
        int[] y,
        int classes,
        java.util.function.ObjIntConsumer<EmbeddingMlp> afterEpoch) {
      int n = x.size();
      int dim = x.getFirst().length;
      float[] mean = new float[dim];
      float[] scale = new float[dim];
      for (float[] v : x) {
        for (int d = 0; d < dim; d++) {
          mean[d] += v[d];
        }
      }
      for (int d = 0; d < dim; d++) {
        mean[d] /= n;
      }
      for (float[] v : x) {
        for (int d = 0; d < dim; d++) {
          float c = v[d] - mean[d];
          scale[d] += c * c;
        }
      }
      for (int d = 0; d < dim; d++) {
        double sd = Math.sqrt(scale[d] / n);
        scale[d] = sd > 1e-8 ? (float) (1 / sd) : 1;
      }
      Random random = new Random(seed);
      float[][] w1 = new float[dim][hidden];
      float[] b1 = new float[hidden];
      float[][] w2 = new float[hidden][classes];
      float[] b2 = new float[classes];
      // He initialization for the ReLU layer, Glorot for the output.
      double s1 = Math.sqrt(2.0 / dim);
      double s2 = Math.sqrt(2.0 / (hidden + classes));
      for (float[] row : w1) {
        for (int j = 0; j < hidden; j++) {
          row[j] = (float) (random.nextGaussian() * s1);
        }
      }
      for (float[] row : w2) {
        for (int k = 0; k < classes; k++) {
          row[k] = (float) (random.nextGaussian() * s2);
        }
      }
      EmbeddingMlp model = new EmbeddingMlp(mean, scale, w1, b1, w2, b2);
      Adam a1 = new Adam(dim * hidden);
      Adam ab1 = new Adam(hidden);
      Adam a2 = new Adam(hidden * classes);
      Adam ab2 = new Adam(classes);
      float[][] g1 = new float[dim][hidden];
      float[] gb1 = new float[hidden];
      float[][] g2 = new float[hidden][classes];
      float[] gb2 = new float[classes];
      float[] h = new float[hidden];
      float[] z = new float[classes];
      float[] in = new float[dim];
      float[] dh = new float[hidden];
      float[] dz = new float[classes];
      boolean[] kept = new boolean[hidden];
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      int step = 0;
      for (int epoch = 1; epoch <= epochs; epoch++) {
        shuffle(order, random);
        for (int from = 0; from < n; from += batch) {
          int to = Math.min(n, from + batch);
          for (float[] row : g1) {
            java.util.Arrays.fill(row, 0);
          }
          java.util.Arrays.fill(gb1, 0);
          for (float[] row : g2) {
            java.util.Arrays.fill(row, 0);
          }
          java.util.Arrays.fill(gb2, 0);
          float inv = 1f / (to - from);
          for (int b = from; b < to; b++) {
            int i = order[b];
            model.forward(x.get(i), h, z, in);
            float keep = (float) (1 - dropout);
            for (int j = 0; j < hidden; j++) {
              kept[j] = dropout == 0 || random.nextDouble() >= dropout;
              h[j] = kept[j] ? h[j] / keep : 0;
            }
            // Recompute the logits from the dropped-out hidden layer.
            System.arraycopy(b2, 0, z, 0, classes);
            for (int j = 0; j < hidden; j++) {
              if (h[j] != 0) {
                for (int k = 0; k < classes; k++) {
                  z[k] += h[j] * w2[j][k];
                }
              }
            }
            double[] p = softmax(z);
            for (int k = 0; k < classes; k++) {
              dz[k] = (float) (p[k] - (y[i] == k ? 1 : 0)) * inv;
              gb2[k] += dz[k];
            }
            for (int j = 0; j < hidden; j++) {
              float sum = 0;
              if (h[j] != 0) {
                float[] row = w2[j];
                float[] grow = g2[j];
                for (int k = 0; k < classes; k++) {
                  grow[k] += h[j] * dz[k];
                  sum += row[k] * dz[k];
                }
                sum /= keep;
              }
              dh[j] = h[j] > 0 ? sum : 0;
              gb1[j] += dh[j];
            }
            for (int d = 0; d < dim; d++) {
              float v = in[d];
              float[] grow = g1[d];
              for (int j = 0; j < hidden; j++) {
                grow[j] += v * dh[j];
              }
            }
          }
          step++;
          a1.step(w1, g1, step, learningRate, decay);
          ab1.step(b1, gb1, 0, step, learningRate, 0);
          a2.step(w2, g2, step, learningRate, decay);
          ab2.step(b2, gb2, 0, step, learningRate, 0);
        }
        if (afterEpoch != null) {
          afterEpoch.accept(model, epoch);
        }
      }
      return model;
    }
  }

  /** Adam's moment estimates of one block of parameters. */
  private static final class Adam {
    private final float[] m;
    private final float[] v;

    Adam(int size) {
      m = new float[size];
      v = new float[size];
    }

    void step(float[][] w, float[][] g, int t, double lr, double decay) {
      int cols = w[0].length;
      for (int r = 0; r < w.length; r++) {
        step(w[r], g[r], r * cols, t, lr, decay);
      }
    }

    void step(float[] w, float[] g, int offset, int t, double lr, double decay) {
      double c1 = 1 - Math.pow(0.9, t);
      double c2 = 1 - Math.pow(0.999, t);
      float a = (float) (lr * Math.sqrt(c2) / c1);
      float shrink = (float) (1 - lr * decay);
      for (int i = 0; i < w.length; i++) {
        int o = offset + i;
        m[o] = 0.9f * m[o] + 0.1f * g[i];
        v[o] = 0.999f * v[o] + 0.001f * g[i] * g[i];
        w[i] = w[i] * shrink - a * m[o] / ((float) Math.sqrt(v[o]) + 1e-8f);
      }
    }
  }
}
