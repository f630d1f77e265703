package dev.heed.text.embed;

import java.util.List;

/**
 * A sentence-embedding model: text in, unit-length vectors out. Implementations are thread-safe.
 */
public interface TextEmbedder {
  /** The model's name, stored with every vector it made so that vectors never mix models. */
  String name();

  /** The length of each vector. */
  int dimension();

  /** One unit-length vector per text, in order; batching and threading are the model's. */
  List<float[]> embed(List<String> texts);

  /** The vector of one text. */
  default float[] embed(String text) {
    return embed(List.of(text)).getFirst();
  }
}
