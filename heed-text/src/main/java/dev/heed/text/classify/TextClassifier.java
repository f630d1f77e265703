package dev.heed.text.classify;

import dev.heed.text.embed.BgeEmbedder;
import dev.heed.text.embed.TextEmbedder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained text classifier: logistic regression on NB-weighted binary n-grams (NB-LR, after Wang
 * and Manning 2012), optionally averaged with logistic regression and a one-hidden-layer perceptron
 * on sentence embeddings, and with the embedding model's last layer fine-tuned ({@link
 * TunedTopLayer}). Immutable and thread-safe; made by {@link TextClassifierTrainer}, saved and
 * loaded as one compressed binary file.
 */
public final class TextClassifier {
  private static final String FORMAT = "heed-text-classifier-4";
  // Format 1 (no perceptron, two shares) is still read: the shipped default model is one; format
  // 2 has no tuned layer, format 3 no tuned layer below it.
  private static final String FORMAT_1 = "heed-text-classifier-1";
  private static final String FORMAT_2 = "heed-text-classifier-2";
  private static final String FORMAT_3 = "heed-text-classifier-3";

  private final List<String> labels;
  private final Map<String, Integer> vocabulary;
  private final float[][] ngramWeights;
  private final float[] ngramBias;
  private final String embedderName;
  private final float[][] embeddingWeights;
  private final float[] embeddingBias;
  private final double ngramShare;
  private final EmbeddingMlp mlp;
  private final double mlpShare;
  private final LogitStacker stacker;
  private final TunedTopLayer top;
  private final EncoderBlock below;
  private final double topShare;

  TextClassifier(
      List<String> labels,
      Map<String, Integer> vocabulary,
      float[][] ngramWeights,
      float[] ngramBias,
      String embedderName,
      float[][] embeddingWeights,
      float[] embeddingBias,
      double ngramShare) {
    this(
        labels,
        vocabulary,
        ngramWeights,
        ngramBias,
        embedderName,
        embeddingWeights,
        embeddingBias,
        ngramShare,
        null,
        0,
        null,
        null,
        null,
        0);
  }

  /**
   * The average {@code ngramShare} * n-grams + {@code mlpShare} * perceptron + {@code topShare} *
   * tuned layer + the rest * embedding LR; mlp and top may be null (share 0). {@code below}, when
   * not null, is the layer under the last, tuned with it: the states enter it first. A stacker,
   * when not null, combines the members instead (in the order n-grams, embedding LR, perceptron if
   * any, tuned layer if any) and the shares only describe the model.
   */
  TextClassifier(
      List<String> labels,
      Map<String, Integer> vocabulary,
      float[][] ngramWeights,
      float[] ngramBias,
      String embedderName,
      float[][] embeddingWeights,
      float[] embeddingBias,
      double ngramShare,
      EmbeddingMlp mlp,
      double mlpShare,
      LogitStacker stacker,
      TunedTopLayer top,
      EncoderBlock below,
      double topShare) {
    if (below != null && (top == null || below.d != top.dim())) {
      throw new IllegalArgumentException("a tuned layer below needs the tuned top layer above it");
    }
    if (stacker != null
        && (embeddingWeights == null
            || stacker.weights().length != 2 + (mlp == null ? 0 : 1) + (top == null ? 0 : 1)
            || stacker.bias().length != labels.size())) {
      throw new IllegalArgumentException("the stacker does not match the members");
    }
    if (mlp != null && (mlp.classes() != labels.size() || embeddingWeights == null)) {
      throw new IllegalArgumentException("the perceptron needs the embedding model's labels");
    }
    if (top != null && (top.classes() != labels.size() || embeddingWeights == null)) {
      throw new IllegalArgumentException("the tuned layer needs the embedding model's labels");
    }
    if (mlpShare < 0
        || ngramShare < 0
        || topShare < 0
        || ngramShare + mlpShare + topShare > 1 + 1e-9) {
      throw new IllegalArgumentException(
          "shares " + ngramShare + " + " + mlpShare + " + " + topShare + " > 1");
    }
    this.labels = List.copyOf(labels);
    this.vocabulary = vocabulary;
    this.ngramWeights = ngramWeights;
    this.ngramBias = ngramBias;
    this.embedderName = embedderName;
    this.embeddingWeights = embeddingWeights;
    this.embeddingBias = embeddingBias;
    this.ngramShare = embeddingWeights == null ? 1 : ngramShare;
    this.mlp = mlp;
    this.mlpShare = mlp == null ? 0 : mlpShare;
    this.stacker = stacker;
    this.top = top;
    this.below = below;
    this.topShare = top == null ? 0 : topShare;
  }

  /** The class labels, in the order of {@link #probabilities}. */
  public List<String> labels() {
    return labels;
  }

  /** The embedding model this classifier reads, or null when it uses n-grams only. */
  public String embedderName() {
    return embedderName;
  }

  /** The weight of the n-gram model in the average (1 without embeddings). */
  public double ngramShare() {
    return ngramShare;
  }

  /** The weight of the embedding perceptron in the average (0 without one). */
  public double mlpShare() {
    return mlpShare;
  }

  /** The weight of the tuned top layer in the average (0 without one). */
  public double topShare() {
    return topShare;
  }

  /** Whether the classifier fine-tuned the embedding model's last layer (and so reads it). */
  public boolean tunesTopLayer() {
    return top != null;
  }

  /** How many of the embedding model's top layers the classifier fine-tuned (0, 1 or 2). */
  public int tunedLayers() {
    return top == null ? 0 : below == null ? 1 : 2;
  }

  /** Whether a stacker (logistic regression on the members' log-probabilities) combines them. */
  public boolean stacked() {
    return stacker != null;
  }

  private boolean readsNgrams() {
    return stacker != null || ngramShare > 0;
  }

  private boolean readsEmbedding() {
    return embeddingWeights != null && (stacker != null || ngramShare < 1);
  }

  private boolean readsTop() {
    return top != null && (stacker != null || topShare > 0);
  }

  /** The number of n-gram features kept. */
  public int vocabularySize() {
    return vocabulary.size();
  }

  /**
   * Class probabilities of a text; {@code embedding} may be null only without embeddings. With a
   * tuned top layer, the embedding model also computes the states that enter its last layer (or the
   * layer below, which the tuned copy of that layer then takes to the last).
   */
  public double[] probabilities(String text, float[] embedding) {
    float[] states = null;
    if (readsTop() && embedding != null) {
      BgeEmbedder model =
          BgeEmbedder.find(embedderName)
              .orElseThrow(
                  () -> new IllegalStateException("no model " + embedderName + " to tune"));
      if (below == null) {
        states = model.lastLayerInputs(List.of(text)).getFirst();
      } else {
        states =
            below.forward(model.layerInputs(List.of(text), model.lastIndex() - 1).getFirst()).y;
      }
    }
    return probabilities(readsNgrams() ? NgramFeatures.of(text) : List.of(), embedding, states);
  }

  double[] probabilities(Collection<String> features, float[] embedding) {
    return probabilities(features, embedding, null);
  }

  /** As above; {@code states} enter the tuned layer (null only when it has none). */
  double[] probabilities(Collection<String> features, float[] embedding, float[] states) {
    int k = labels.size();
    double[] p =
        readsNgrams() ? LinearScores.probabilities(ngramScores(features), k) : new double[k];
    if (!readsEmbedding()) {
      return p;
    }
    if (embedding == null) {
      throw new IllegalArgumentException("this classifier needs the text's embedding");
    }
    if (readsTop() && states == null) {
      throw new IllegalArgumentException("this classifier needs the states of the tuned layer");
    }
    if (stacker != null) {
      List<double[]> members = new ArrayList<>(4);
      members.add(p);
      members.add(LinearScores.probabilities(embeddingScores(embedding), k));
      if (mlp != null) {
        members.add(mlp.probabilities(embedding));
      }
      if (top != null) {
        members.add(top.probabilities(states));
      }
      return stacker.probabilities(members.toArray(double[][]::new));
    }
    double lrShare = Math.max(0, 1 - ngramShare - mlpShare - topShare);
    double[] q =
        lrShare > 0 ? LinearScores.probabilities(embeddingScores(embedding), k) : new double[k];
    double[] r = mlpShare > 0 ? mlp.probabilities(embedding) : new double[k];
    double[] t = topShare > 0 ? top.probabilities(states) : new double[k];
    for (int i = 0; i < k; i++) {
      p[i] = ngramShare * p[i] + lrShare * q[i] + mlpShare * r[i] + topShare * t[i];
    }
    return p;
  }

  /** The most probable label of a text and its probability. */
  public Prediction predict(String text, TextEmbedder embedder) {
    float[] embedding = null;
    if (readsEmbedding()) {
      if (embedder == null || !embedder.name().equals(embedderName)) {
        throw new IllegalArgumentException("this classifier needs the embedder " + embedderName);
      }
      embedding = embedder.embed(text);
    }
    return Prediction.of(labels, probabilities(text, embedding));
  }

  private double[] ngramScores(Collection<String> features) {
    double[] s = new double[ngramWeights.length];
    for (int m = 0; m < s.length; m++) {
      s[m] = ngramBias[m];
    }
    for (String f : features) {
      Integer j = vocabulary.get(f);
      if (j != null) {
        for (int m = 0; m < s.length; m++) {
          s[m] += ngramWeights[m][j];
        }
      }
    }
    return s;
  }

  private double[] embeddingScores(float[] e) {
    double[] s = new double[embeddingWeights.length];
    for (int m = 0; m < s.length; m++) {
      double dot = embeddingBias[m];
      float[] w = embeddingWeights[m];
      for (int j = 0; j < e.length; j++) {
        dot += w[j] * e[j];
      }
      s[m] = dot;
    }
    return s;
  }

  /** A label with its probability and the whole distribution. */
  public record Prediction(String label, double probability, Map<String, Double> probabilities) {
    static Prediction of(List<String> labels, double[] p) {
      int best = LinearScores.argmax(p);
      Map<String, Double> all = new HashMap<>();
      for (int k = 0; k < p.length; k++) {
        all.put(labels.get(k), p[k]);
      }
      return new Prediction(labels.get(best), p[best], Map.copyOf(all));
    }
  }

  /** Writes the model (gzip-compressed). */
  public void save(OutputStream out) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
    DataOutputStream d = new DataOutputStream(gz);
    d.writeUTF(FORMAT);
    d.writeInt(labels.size());
    for (String l : labels) {
      d.writeUTF(l);
    }
    String[] byIndex = new String[vocabulary.size()];
    vocabulary.forEach((f, j) -> byIndex[j] = f);
    d.writeInt(byIndex.length);
    for (String f : byIndex) {
      d.writeUTF(f);
    }
    writeMatrix(d, ngramWeights, ngramBias);
    d.writeBoolean(embeddingWeights != null);
    if (embeddingWeights != null) {
      d.writeUTF(embedderName);
      writeMatrix(d, embeddingWeights, embeddingBias);
    }
    d.writeDouble(ngramShare);
    d.writeBoolean(mlp != null);
    if (mlp != null) {
      mlp.write(d);
      d.writeDouble(mlpShare);
    }
    d.writeBoolean(stacker != null);
    if (stacker != null) {
      writeDoubles(d, stacker.weights());
      writeDoubles(d, stacker.bias());
    }
    d.writeBoolean(top != null);
    if (top != null) {
      top.write(d);
      d.writeDouble(topShare);
      d.writeBoolean(below != null);
      if (below != null) {
        below.write(d);
      }
    }
    d.flush();
    gz.finish();
  }

  /** Reads a model written by {@link #save}. */
  public static TextClassifier load(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(new GZIPInputStream(in, 1 << 16));
    String format = d.readUTF();
    if (!List.of(FORMAT, FORMAT_3, FORMAT_2, FORMAT_1).contains(format)) {
      throw new IOException("not a " + FORMAT + " file: " + format);
    }
    int k = d.readInt();
    List<String> labels = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      labels.add(d.readUTF());
    }
    int v = d.readInt();
    Map<String, Integer> vocabulary = HashMap.newHashMap(v);
    for (int j = 0; j < v; j++) {
      vocabulary.put(d.readUTF(), j);
    }
    float[] ngramBias = new float[LinearScores.models(k)];
    float[][] ngramWeights = readMatrix(d, ngramBias, v);
    String embedder = null;
    float[][] embeddingWeights = null;
    float[] embeddingBias = null;
    if (d.readBoolean()) {
      embedder = d.readUTF();
      embeddingBias = new float[ngramBias.length];
      embeddingWeights = readMatrix(d, embeddingBias, -1);
    }
    double share = d.readDouble();
    EmbeddingMlp mlp = null;
    double mlpShare = 0;
    LogitStacker stacker = null;
    TunedTopLayer top = null;
    EncoderBlock below = null;
    double topShare = 0;
    if (!FORMAT_1.equals(format)) {
      if (d.readBoolean()) {
        mlp = EmbeddingMlp.read(d);
        mlpShare = d.readDouble();
      }
      if (d.readBoolean()) {
        stacker = new LogitStacker(readDoubles(d), readDoubles(d));
      }
    }
    if ((FORMAT.equals(format) || FORMAT_3.equals(format)) && d.readBoolean()) {
      top = TunedTopLayer.read(d);
      topShare = d.readDouble();
      if (FORMAT.equals(format) && d.readBoolean()) {
        below = EncoderBlock.read(d);
      }
    }
    return new TextClassifier(
        labels,
        vocabulary,
        ngramWeights,
        ngramBias,
        embedder,
        embeddingWeights,
        embeddingBias,
        share,
        mlp,
        mlpShare,
        stacker,
        top,
        below,
        topShare);
  }

  private static void writeDoubles(DataOutputStream d, double[] v) throws IOException {
    d.writeInt(v.length);
    for (double x : v) {
      d.writeDouble(x);
    }
  }

  private static double[] readDoubles(DataInputStream d) throws IOException {
    int n = d.readInt();
    if (n < 0 || n > 1 << 16) {
      throw new IOException("corrupt classifier: " + n + " stacker weights");
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = d.readDouble();
    }
    return v;
  }

  private static void writeMatrix(DataOutputStream d, float[][] w, float[] bias)
      throws IOException {
    d.writeInt(w.length);
    d.writeInt(w.length == 0 ? 0 : w[0].length);
    for (int m = 0; m < w.length; m++) {
      d.writeFloat(bias[m]);
      for (float x : w[m]) {
        d.writeFloat(x);
      }
    }
  }

  private static float[][] readMatrix(DataInputStream d, float[] bias, int expectedColumns)
      throws IOException {
    int rows = d.readInt();
    int cols = d.readInt();
    if (rows != bias.length || (expectedColumns >= 0 && cols != expectedColumns)) {
      throw new IOException("corrupt classifier: a " + rows + "x" + cols + " weight matrix");
    }
    float[][] w = new float[rows][cols];
    for (int m = 0; m < rows; m++) {
      bias[m] = d.readFloat();
      for (int j = 0; j < cols; j++) {
        w[m][j] = d.readFloat();
      }
    }
    return w;
  }
}
