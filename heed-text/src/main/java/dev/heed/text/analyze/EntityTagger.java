package dev.heed.text.analyze;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * A trainable named-entity tagger for Chinese (any text, read character by character): each UTF-16
 * character gets a BIO tag over the entity types of its training data, chosen by Viterbi over a
 * linear model of character features in a window of ±2 (the characters, their bigrams, the
 * characters' classes) and tag transitions, trained as an averaged structured perceptron (Collins
 * 2002). Decoding only allows {@code I-X} after {@code B-X} or {@code I-X}. Features seen once in
 * training are dropped. Immutable and thread-safe once trained.
 */
public final class EntityTagger {
  private static final String MAGIC = "heed-entity-tagger-1";
  private static final int TEMPLATES = 12;
  private static final int BOS = 0x10000;
  private static final int EOS = 0x10001;
  private static final double IMPOSSIBLE = Double.NEGATIVE_INFINITY;

  /** A text and its gold entities (offsets into the text), for training. */
  public record Example(String text, List<Entity> entities) {}

  private final List<String> types;
  private final int tags;
  private final long[] keys; // sorted feature keys
  private final float[] weights; // [feature][tag]
  private final float[] transitions; // [previous tag, or tags for the start][tag]

  private EntityTagger(List<String> types, long[] keys, float[] weights, float[] transitions) {
    this.types = List.copyOf(types);
    this.tags = 1 + 2 * types.size();
    this.keys = keys;
    this.weights = weights;
    this.transitions = transitions;
  }

  /** The entity types it tags, sorted. */
  public List<String> types() {
    return types;
  }

  /** How many features it weighs. */
  public int features() {
    return keys.length;
  }

  /** The entities of {@code text} in text order. */
  public List<Entity> entities(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    int[][] f = features(text, key -> indexOf(keys, key));
    int[] path = decode(f, tags, (feature, tag) -> weights[feature * tags + tag], this::transition);
    return spans(text, path);
  }

  /** The index of {@code key} in the sorted {@code keys}, or -1 when it is not there. */
  private static int indexOf(long[] keys, long key) {
    int i = Arrays.binarySearch(keys, key);
    return i < 0 ? -1 : i;
  }

  private double transition(int previous, int tag) {
    return transitions[previous * tags + tag];
  }

  /**
   * Trains on {@code examples} for {@code epochs} passes in a seeded random order; {@code
   * afterEpoch} gets the number of each pass done. Entity types are those of the examples (at least
   * one, at most 64); overlapping entities are an error.
   */
  public static EntityTagger train(
      List<Example> examples, int epochs, long seed, IntConsumer afterEpoch) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, not " + epochs);
    }
    TreeSet<String> typeSet = new TreeSet<>();
    for (Example e : examples) {
      for (Entity entity : e.entities()) {
        if (entity.type() == null || entity.type().isBlank()) {
          throw new IllegalArgumentException(
              "entity '" + entity.text() + "' has no type in: " + e.text());
        }
        typeSet.add(entity.type());
      }
    }
    if (typeSet.isEmpty()) {
      throw new IllegalArgumentException("the training texts have no entities");
    }
    if (typeSet.size() > 64) {
      throw new IllegalArgumentException("at most 64 entity types, not " + typeSet.size());
    }
    List<String> types = List.copyOf(typeSet);
    int tags = 1 + 2 * types.size();
    List<int[]> gold = new ArrayList<>(examples.size());
    for (Example e : examples) {
      gold.add(tagsOf(e, types));
    }
    // Features seen at least twice, in key order: every occurrence's key, sorted, then the runs.
    long chars = examples.stream().mapToLong(e -> e.text().length()).sum();
    if (chars * TEMPLATES > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too much text to train on at once: " + chars + " chars");
    }
    long[] all = new long[(int) chars * TEMPLATES];
    long[] k = new long[TEMPLATES];
    int filled = 0;
    for (Example e : examples) {
      for (int p = 0; p < e.text().length(); p++) {
        keys(e.text(), p, k);
        System.arraycopy(k, 0, all, filled, TEMPLATES);
        filled += TEMPLATES;
      }
    }
    Arrays.parallelSort(all);
    int distinct = 0;
    for (int i = 0; i < all.length; ) {
      int j = i;
      while (j < all.length && all[j] == all[i]) {
        j++;
      }
      if (j - i >= 2) {
        all[distinct++] = all[i];
      }
      i = j;
    }
    long[] keys = Arrays.copyOf(all, distinct);
    List<int[][]> feats = new ArrayList<>(examples.size());
    for (Example e : examples) {
      feats.add(features(e.text(), key -> indexOf(keys, key)));
    }
    // Averaged perceptron: w is the current weight, u the sum of c·update, the average w - u/c.
    double[] w = new double[keys.length * tags];
    double[] u = new double[w.length];
    double[] tw = new double[(tags + 1) * tags];
    double[] tu = new double[tw.length];
    boolean[] allowed = allowedTransitions(tags);
    int[] order = new int[examples.size()];
    Arrays.setAll(order, i -> i);
    Random random = new Random(seed);
    long c = 1;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int s : order) {
        int[][] f = feats.get(s);
        if (f.length == 0) {
          continue;
        }
        int[] y = gold.get(s);
        int[] z =
            decode(
                f,
                tags,
                (feature, tag) -> w[feature * tags + tag],
                (prev, tag) -> allowed[prev * tags + tag] ? tw[prev * tags + tag] : IMPOSSIBLE);
        for (int p = 0; p < y.length; p++) {
          int prevY = p == 0 ? tags : y[p - 1];
          int prevZ = p == 0 ? tags : z[p - 1];
          if (y[p] == z[p] && prevY == prevZ) {
            continue;
          }
          if (y[p] != z[p]) {
            for (int feature : f[p]) {
              if (feature >= 0) {
                w[feature * tags + y[p]] += 1;
                u[feature * tags + y[p]] += c;
                w[feature * tags + z[p]] -= 1;
                u[feature * tags + z[p]] -= c;
              }
            }
          }
          tw[prevY * tags + y[p]] += 1;
          tu[prevY * tags + y[p]] += c;
          tw[prevZ * tags + z[p]] -= 1;
          tu[prevZ * tags + z[p]] -= c;
        }
        c++;
      }
      afterEpoch.accept(epoch);
    }
    // Features the perceptron never updated weigh nothing: dropped.
    int kept = 0;
    for (int f = 0; f < keys.length; f++) {
      boolean used = false;
      for (int t = 0; t < tags; t++) {
        used |= w[f * tags + t] != 0 || u[f * tags + t] != 0;
      }
      if (used) {
        keys[kept++] = keys[f];
        for (int t = 0; t < tags; t++) {
          w[(kept - 1) * tags + t] = w[f * tags + t];
          u[(kept - 1) * tags + t] = u[f * tags + t];
        }
      }
    }
    long[] keptKeys = Arrays.copyOf(keys, kept);
    float[] weights = new float[kept * tags];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) (w[i] - u[i] / c);
    }
    float[] transitions = new float[tw.length];
    for (int i = 0; i < tw.length; i++) {
      transitions[i] = allowed[i] ? (float) (tw[i] - tu[i] / c) : Float.NEGATIVE_INFINITY;
    }
    return new EntityTagger(types, keptKeys, weights, transitions);
  }

  /** Writes the model (its types, features, weights and transitions). */
  public void save(OutputStream out) throws IOException {
    DataOutputStream o = new DataOutputStream(new BufferedOutputStream(out));
    o.writeUTF(MAGIC);
    o.writeInt(types.size());
    for (String t : types) {
      o.writeUTF(t);
    }
    o.writeInt(keys.length);
    for (long k : keys) {
      o.writeLong(k);
    }
    for (float v : weights) {
      o.writeFloat(v);
    }
    for (float v : transitions) {
      o.writeFloat(v);
    }
    o.flush();
  }

  /** Reads what {@link #save} wrote. */
  public static EntityTagger load(InputStream in) throws IOException {
    try {
      return read(new DataInputStream(new BufferedInputStream(in)));
    } catch (java.io.EOFException e) {
      throw new IOException("not an entity tagger, or a truncated one", e);
    }
  }

  private static EntityTagger read(DataInputStream i) throws IOException {
    String magic = i.readUTF();
    if (!magic.equals(MAGIC)) {
      throw new IOException("not an entity tagger (" + magic + ")");
    }
    int typeCount = i.readInt();
    if (typeCount < 1 || typeCount > 64) {
      throw new IOException("bad entity tagger: " + typeCount + " types");
    }
    List<String> types = new ArrayList<>(typeCount);
    for (int t = 0; t < typeCount; t++) {
      types.add(i.readUTF());
    }
    int tags = 1 + 2 * typeCount;
    int n = i.readInt();
    if (n < 0 || (long) n * tags > Integer.MAX_VALUE - 8) {
      throw new IOException("bad entity tagger: " + n + " features");
    }
    long[] keys = new long[n];
    for (int k = 0; k < n; k++) {
      keys[k] = i.readLong();
      if (k > 0 && keys[k] <= keys[k - 1]) {
        throw new IOException("bad entity tagger: features out of order");
      }
    }
    float[] weights = new float[n * tags];
    for (int k = 0; k < weights.length; k++) {
      weights[k] = i.readFloat();
    }
    float[] transitions = new float[(tags + 1) * tags];
    for (int k = 0; k < transitions.length; k++) {
      transitions[k] = i.readFloat();
    }
    return new EntityTagger(types, keys, weights, transitions);
  }

  /** Which transitions BIO allows: {@code I-X} only after {@code B-X} or {@code I-X}. */
  private static boolean[] allowedTransitions(int tags) {
    boolean[] allowed = new boolean[(tags + 1) * tags];
    for (int prev = 0; prev <= tags; prev++) {
      for (int tag = 0; tag < tags; tag++) {
        boolean inside = tag > 0 && tag % 2 == 0;
        allowed[prev * tags + tag] =
            !inside || (prev < tags && prev > 0 && (prev + 1) / 2 == tag / 2);
      }
    }
    return allowed;
  }

  /** Tag 0 is O; type k has B = 2k + 1 and I = 2k + 2. */
  private static int[] tagsOf(Example e, List<String> types) {
    int[] y = new int[e.text().length()];
    for (Entity entity : e.entities()) {
      int start = entity.start();
      int end = start + entity.text().length();
      if (start < 0 || end > y.length || !e.text().startsWith(entity.text(), start)) {
        throw new IllegalArgumentException(
            "entity '" + entity.text() + "' is not at " + start + " of: " + e.text());
      }
      int type = types.indexOf(entity.type());
      for (int p = start; p < end; p++) {
        if (y[p] != 0) {
          throw new IllegalArgumentException("overlapping entities at " + p + " of: " + e.text());
        }
        y[p] = p == start ? 2 * type + 1 : 2 * type + 2;
      }
    }
    return y;
  }

  private List<Entity> spans(String text, int[] path) {
    List<Entity> out = new ArrayList<>();
    int start = -1;
    for (int p = 0; p <= path.length; p++) {
      int tag = p < path.length ? path[p] : 0;
      boolean inside = tag > 0 && tag % 2 == 0;
      if (start >= 0 && !inside) {
        out.add(new Entity(text.substring(start, p), types.get((path[start] - 1) / 2), start));
        start = -1;
      }
      if (tag > 0 && !inside) {
        start = p;
      }
    }
    return out;
  }

  /** A feature's index from its key, or -1 when unknown. */
  private interface Indexer {
    int index(long key);
  }

  private interface Emission {
    double score(int feature, int tag);
  }

  private interface Transition {
    double score(int previous, int tag);
  }

  /** The feature indices of each character of {@code text}. */
  private static int[][] features(String text, Indexer indexer) {
    int n = text.length();
    int[][] out = new int[n][];
    long[] k = new long[TEMPLATES];
    for (int p = 0; p < n; p++) {
      keys(text, p, k);
      int[] f = new int[TEMPLATES];
      for (int t = 0; t < TEMPLATES; t++) {
        f[t] = indexer.index(k[t]);
      }
      out[p] = f;
    }
    return out;
  }

  /** The feature keys of character {@code p}: a template number and up to two values. */
  private static void keys(String text, int p, long[] k) {
    int m2 = at(text, p - 2);
    int m1 = at(text, p - 1);
    int c0 = at(text, p);
    int p1 = at(text, p + 1);
    int p2 = at(text, p + 2);
    k[0] = key(0, c0, 0);
    k[1] = key(1, m1, 0);
    k[2] = key(2, p1, 0);
    k[3] = key(3, m2, 0);
    k[4] = key(4, p2, 0);
    k[5] = key(5, m1, c0);
    k[6] = key(6, c0, p1);
    k[7] = key(7, m1, p1);
    k[8] = key(8, m2, m1);
    k[9] = key(9, p1, p2);
    k[10] = key(10, kind(m1) * 64 + kind(c0) * 8 + kind(p1), 0);
    k[11] = key(11, 0, 0); // a bias per tag
  }

  private static int at(String text, int p) {
    return p < 0 ? BOS : p >= text.length() ? EOS : text.charAt(p);
  }

  private static long key(int template, int a, int b) {
    return ((long) template << 42) | ((long) a << 21) | b;
  }

  /**
   * A character's class: text boundary, Han, digit or Chinese numeral, Latin letter, other letter,
   * space, other.
   */
  private static int kind(int c) {
    if (c == BOS || c == EOS) {
      return 0;
    }
    if (Character.isDigit(c) || "零〇一二三四五六七八九十百千万亿两".indexOf(c) >= 0) {
      return 2;
    }
    if (Character.isIdeographic(c)) {
      return 1;
    }
    if (c < 0x250 && Character.isLetter(c)) {
      return 3;
    }
    if (Character.isLetter(c)) {
      return 4;
    }
    return Character.isWhitespace(c) ? 5 : 6;
  }

  /** The best tag sequence (Viterbi). */
  private static int[] decode(int[][] f, int tags, Emission emission, Transition transition) {
    int n = f.length;
    double[] score = new double[tags];
    double[] next = new double[tags];
    int[][] back = new int[n][tags];
    double[] e = new double[tags];
    for (int p = 0; p < n; p++) {
      Arrays.fill(e, 0);
      for (int feature : f[p]) {
        if (feature >= 0) {
          for (int t = 0; t < tags; t++) {
            e[t] += emission.score(feature, t);
          }
        }
      }
      for (int t = 0; t < tags; t++) {
        if (p == 0) {
          next[t] = transition.score(tags, t) + e[t];
          continue;
        }
        double best = IMPOSSIBLE;
        int arg = 0;
        for (int prev = 0; prev < tags; prev++) {
          double s = score[prev] + transition.score(prev, t);
          if (s > best) {
            best = s;
            arg = prev;
          }
        }
        next[t] = best + e[t];
        back[p][t] = arg;
      }
      double[] swap = score;
      score = next;
      next = swap;
    }
    int last = 0;
    for (int t = 1; t < tags; t++) {
      if (score[t] > score[last]) {
        last = t;
      }
    }
    int[] path = new int[n];
    path[n - 1] = last;
    for (int p = n - 1; p > 0; p--) {
      path[p - 1] = back[p][path[p]];
    }
    return path;
  }
}
