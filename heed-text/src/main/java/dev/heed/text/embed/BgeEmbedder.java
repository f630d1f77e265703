package dev.heed.text.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A BAAI bge-small-v1.5 model (int8-quantized ONNX) run in-process by ONNX Runtime with the model's
 * own WordPiece tokenizer; weights and tokenizer ship inside langchain4j's artifacts (only their
 * resources are used), nothing is downloaded. Each text is tokenized once and run on its own (no
 * padding); the vector is the [CLS] state, unit-normalized, as the models are trained. Texts longer
 * than 512 tokens are cut into 510-token windows whose vectors are averaged by length. Texts of a
 * batch run in parallel on a bounded pool. Two models: {@link #smallZh()} (Chinese and English, 512
 * dimensions; the item and search embedding) and {@link #smallEn()} (English, 384 dimensions).
 */
public final class BgeEmbedder implements TextEmbedder {
  /** The name of bge-small-zh-v1.5, stored with its vectors and in classifiers trained on them. */
  public static final String SMALL_ZH = "bge-small-zh-v1.5-q";

  /** The name of bge-small-en-v1.5. */
  public static final String SMALL_EN = "bge-small-en-v1.5-q";

  private static final int WINDOW = 510;

  private static final Shared ZH = new Shared(SMALL_ZH, 512, 8);
  private static final Shared EN = new Shared(SMALL_EN, 384, 12);

  /** A model loaded on first use, once per process (each takes ~100 MB and a second to load). */
  private static final class Shared {
    private final String name;
    private final int dimension;
    private final int heads;
    private volatile BgeEmbedder instance;

    Shared(String name, int dimension, int heads) {
      this.name = name;
      this.dimension = dimension;
      this.heads = heads;
    }

    BgeEmbedder get() {
      BgeEmbedder e = instance;
      if (e == null) {
        synchronized (this) {
          e = instance;
          if (e == null) {
            e = new BgeEmbedder(name, dimension, heads, Runtime.getRuntime().availableProcessors());
            instance = e;
          }
        }
      }
      return e;
    }
  }

  private final String name;
  private final int dimension;
  private final int heads;
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean typeIds;
  private final ExecutorService pool;
  // Sessions that also output what enters an encoder layer, by layer index; guarded by itself.
  private final Map<Integer, Tapped> tapped = new java.util.HashMap<>();
  private int lastIndex = -1; // guarded by tapped; known once a tapped session was made

  /** Encoder layer {@code index} and a session that also outputs what enters it. */
  private record Tapped(int index, EncoderLayer layer, OrtSession session) {}

  private BgeEmbedder(String name, int dimension, int heads, int threads) {
    this.name = name;
    this.dimension = dimension;
    this.heads = heads;
    // The artifacts name their resources after the model.
    String stem = "/" + name;
    try (InputStream model = resource(stem + ".onnx");
        InputStream vocabulary = resource(stem + "-tokenizer.json")) {
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      // Parallelism comes from running texts side by side, one thread each.
      options.setIntraOpNumThreads(1);
      this.session = env.createSession(model.readAllBytes(), options);
      this.tokenizer =
          HuggingFaceTokenizer.newInstance(
              vocabulary, Map.of("padding", "false", "truncation", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the embedding model " + name, e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the embedding model " + name, e);
    }
    this.typeIds = session.getInputNames().contains("token_type_ids");
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "heed-embed");
              t.setDaemon(true);
              return t;
            });
  }

  /** bge-small-zh-v1.5, process-wide: Chinese and English, 512 dimensions. */
  public static BgeEmbedder smallZh() {
    return ZH.get();
  }

  /** bge-small-en-v1.5, process-wide: English, 384 dimensions. */
  public static BgeEmbedder smallEn() {
    return EN.get();
  }

  /** The shared model of that name ({@link #SMALL_ZH} or {@link #SMALL_EN}). */
  public static BgeEmbedder named(String name) {
    return switch (name) {
      case SMALL_ZH -> smallZh();
      case SMALL_EN -> smallEn();
      default ->
          throw new IllegalArgumentException(
              "unknown embedder '" + name + "' (known: " + SMALL_ZH + ", " + SMALL_EN + ")");
    };
  }

  /** The shared model of that name, if it is one of these models. */
  public static java.util.Optional<BgeEmbedder> find(String name) {
    return SMALL_ZH.equals(name) || SMALL_EN.equals(name)
        ? java.util.Optional.of(named(name))
        : java.util.Optional.empty();
  }

  /**
   * The model for {@code option}: {@code auto} picks by the language of {@code texts} ({@link
   * #forTexts}), else the model of that name.
   */
  public static BgeEmbedder choose(String option, List<String> texts) {
    return switch (option) {
      case "auto" -> forTexts(texts);
      case "bge-small-zh" -> smallZh();
      case "bge-small-en" -> smallEn();
      default -> named(option);
    };
  }

  /**
   * The model for a classifier of {@code texts}: bge-small-en when at most 1% of the texts contain
   * a Han character (English, with a few stray quotes), else bge-small-zh, which reads both
   * languages.
   */
  public static BgeEmbedder forTexts(List<String> texts) {
    long han = texts.stream().filter(BgeEmbedder::hasHan).count();
    return han <= texts.size() / 100 ? smallEn() : smallZh();
  }

  /** Whether {@code text} contains a Han character. */
  public static boolean hasHan(String text) {
    return text.codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * The model's instruction, put before a short search query that is matched against passages (the
   * passages are embedded without it), as BAAI trained bge-v1.5.
   */
  public String searchQueryInstruction() {
    return name.equals(SMALL_EN)
        ? "Represent this sentence for searching relevant passages: "
        : "为这个句子生成表示以用于检索相关文章：";
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    if (texts.size() == 1) {
      return List.of(one(texts.getFirst()));
    }
    return inParallel(texts, this::one);
  }

  /** A function of one text that may fail in the model. */
  private interface PerText {
    float[] apply(String text) throws OrtException;
  }

  /** {@code f} of each text, run on the pool. */
  private List<float[]> inParallel(List<String> texts, PerText f) {
    List<Future<float[]>> futures = new ArrayList<>(texts.size());
    for (String t : texts) {
      futures.add(pool.submit(() -> f.apply(t)));
    }
    List<float[]> out = new ArrayList<>(texts.size());
    try {
      for (Future<float[]> future : futures) {
        out.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re
          ? re
          : new IllegalStateException(e.getCause());
    }
    return out;
  }

  /**
   * The last encoder layer's weights (dequantized), for classifiers that fine-tune it on states
   * from {@link #lastLayerInputs}.
   */
  public EncoderLayer lastLayer() {
    return layer(lastIndex());
  }

  /**
   * The states that enter the last encoder layer for {@code texts} (row-major {@code
   * [tokens][dim]}, [CLS] first), of each text's first 512 tokens; in parallel like {@link #embed}.
   */
  public List<float[]> lastLayerInputs(List<String> texts) {
    return layerInputs(texts, lastIndex());
  }

  /** The index of the last encoder layer (layers count from 0). */
  public int lastIndex() {
    return tapped(-1).index();
  }

  /** Encoder layer {@code index}'s weights (dequantized). */
  public EncoderLayer layer(int index) {
    return tapped(index).layer();
  }

  /** The states that enter encoder layer {@code index}, as {@link #lastLayerInputs} gives them. */
  public List<float[]> layerInputs(List<String> texts, int index) {
    Tapped t = tapped(index);
    return inParallel(texts, text -> states(t, text));
  }

  /** How many tokens {@link #lastLayerInputs} gives for {@code text} ([CLS] and [SEP] included). */
  public int lastLayerTokens(String text) {
    return Math.min(WINDOW + 2, tokenizer.encode(text.isBlank() ? " " : text).getIds().length);
  }

  /** Layer {@code index} (-1: the last) and its tapped session, made once per layer. */
  private Tapped tapped(int index) {
    synchronized (tapped) {
      if (index < 0 && lastIndex >= 0) {
        index = lastIndex;
      }
      Tapped t = tapped.get(index);
      if (t != null) {
        return t;
      }
      try (InputStream model = resource("/" + name + ".onnx")) {
        OnnxGraph graph = OnnxGraph.parse(model.readAllBytes());
        lastIndex = EncoderLayer.lastIndex(graph);
        int i = index < 0 ? lastIndex : index;
        if (i > lastIndex) {
          throw new IllegalArgumentException(
              name + " has encoder layers 0 to " + lastIndex + ", not " + i);
        }
        t = tapped.get(i);
        if (t == null) {
          EncoderLayer layer = EncoderLayer.read(graph, i, heads);
          if (layer.dim() != dimension) {
            throw new IllegalStateException(
                name
                    + ": its layer "
                    + i
                    + " has "
                    + layer.dim()
                    + " dimensions, not "
                    + dimension);
          }
          OrtSession.SessionOptions options = new OrtSession.SessionOptions();
          options.setIntraOpNumThreads(1);
          t =
              new Tapped(
                  i, layer, env.createSession(graph.withOutput(layer.inputTensor()), options));
          tapped.put(i, t);
        }
        return t;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the embedding model " + name, e);
      } catch (OrtException e) {
        throw new IllegalStateException("cannot load the embedding model " + name, e);
      }
    }
  }

  private float[] states(Tapped tap, String text) throws OrtException {
    EncoderLayer layer = tap.layer();
    long[] ids = tokenizer.encode(text.isBlank() ? " " : text).getIds();
    if (ids.length > WINDOW + 2) {
      long[] head = java.util.Arrays.copyOf(ids, WINDOW + 2);
      head[WINDOW + 1] = ids[ids.length - 1];
      ids = head;
    }
    Map<String, OnnxTensor> inputs = inputs(ids);
    try (OrtSession.Result result =
        tap.session().run(inputs, java.util.Set.of(layer.inputTensor()))) {
      float[][][] hidden = (float[][][]) result.get(layer.inputTensor()).orElseThrow().getValue();
      float[] out = new float[hidden[0].length * dimension];
      for (int i = 0; i < hidden[0].length; i++) {
        System.arraycopy(hidden[0][i], 0, out, i * dimension, dimension);
      }
      return out;
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private float[] one(String text) {
    if (text.isBlank()) {
      return new float[dimension()]; // no direction: the zero vector
    }
    Encoding e = tokenizer.encode(text);
    long[] ids = e.getIds();
    try {
      if (ids.length <= WINDOW + 2) {
        return normalized(run(ids));
      }
      // [CLS] w1 ... wn [SEP]: windows of the inner words, each wrapped again, averaged by length.
      long cls = ids[0];
      long sep = ids[ids.length - 1];
      float[] sum = new float[dimension()];
      for (int from = 1; from < ids.length - 1; from += WINDOW) {
        int to = Math.min(ids.length - 1, from + WINDOW);
        long[] window = new long[to - from + 2];
        window[0] = cls;
        System.arraycopy(ids, from, window, 1, to - from);
        window[window.length - 1] = sep;
        float[] v = normalized(run(window));
        for (int j = 0; j < sum.length; j++) {
          sum[j] += (to - from) * v[j];
        }
      }
      return normalized(sum);
    } catch (OrtException ex) {
      throw new IllegalStateException("the embedding model failed: " + ex.getMessage(), ex);
    }
  }

  private Map<String, OnnxTensor> inputs(long[] ids) throws OrtException {
    long[] mask = new long[ids.length];
    java.util.Arrays.fill(mask, 1);
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, new long[][] {ids}));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, new long[][] {mask}));
      if (typeIds) {
        inputs.put(
            "token_type_ids", OnnxTensor.createTensor(env, new long[][] {new long[ids.length]}));
      }
      return inputs;
    } catch (OrtException | RuntimeException e) {
      inputs.values().forEach(OnnxTensor::close);
      throw e;
    }
  }

  private float[] run(long[] ids) throws OrtException {
    Map<String, OnnxTensor> inputs = inputs(ids);
    try {
      try (OrtSession.Result result = session.run(inputs)) {
        float[][][] hidden = (float[][][]) result.get(0).getValue();
        return hidden[0][0].clone();
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  static float[] normalized(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm > 0) {
      float inv = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = BgeEmbedder.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException(
          name + " is not on the class path (langchain4j-embeddings-bge-small-*)");
    }
    return in;
  }
}
