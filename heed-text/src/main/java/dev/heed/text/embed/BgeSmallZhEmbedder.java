package dev.heed.text.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * BAAI's bge-small-zh-v1.5 (int8-quantized ONNX, 512 dimensions, Chinese and English) run
 * in-process by ONNX Runtime; the weights ship inside the langchain4j artifact, nothing is
 * downloaded. Texts longer than the model's 512 tokens are split and their vectors averaged.
 */
public final class BgeSmallZhEmbedder implements TextEmbedder {
  public static final String NAME = "bge-small-zh-v1.5-q";

  private static volatile BgeSmallZhEmbedder shared;

  private final BgeSmallZhV15QuantizedEmbeddingModel model;

  private BgeSmallZhEmbedder(int threads) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "heed-embed");
              t.setDaemon(true);
              return t;
            });
    this.model = new BgeSmallZhV15QuantizedEmbeddingModel(pool);
  }

  /** The process-wide instance (the model takes ~100 MB and a second to load). */
  public static BgeSmallZhEmbedder shared() {
    if (shared == null) {
      synchronized (BgeSmallZhEmbedder.class) {
        if (shared == null) {
          shared = new BgeSmallZhEmbedder(Runtime.getRuntime().availableProcessors());
        }
      }
    }
    return shared;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int dimension() {
    return 512;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String t : texts) {
      if (!t.isBlank()) {
        segments.add(TextSegment.from(t));
      }
    }
    List<Embedding> embeddings =
        segments.isEmpty() ? List.of() : model.embedAll(segments).content();
    List<float[]> out = new ArrayList<>(texts.size());
    int next = 0;
    for (String t : texts) {
      // The model refuses blank input; blank text has no direction, so it gets the zero vector.
      out.add(t.isBlank() ? new float[dimension()] : normalized(embeddings.get(next++).vector()));
    }
    return out;
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
}
