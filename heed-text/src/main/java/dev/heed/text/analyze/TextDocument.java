package dev.heed.text.analyze;

import dev.heed.text.embed.TextEmbedder;
import dev.heed.text.token.TextTokenizer;
import dev.heed.text.token.Token;
import java.util.List;

/**
 * A text under analysis with its language and what analyzers share, computed once on first use:
 * tokens, sentences, the embedding. Used by one request at a time.
 */
public final class TextDocument {
  private final String text;
  private final String language;
  private final TextEmbedder embedder;
  private List<Token> tokens;
  private List<String> sentences;
  private float[] embedding;
  private java.util.Map<String, float[]> otherEmbeddings;

  public TextDocument(String text, String language, TextEmbedder embedder) {
    this.text = text;
    this.language = language;
    this.embedder = embedder;
  }

  public String text() {
    return text;
  }

  /** ISO 639-1 code, or {@code und}. */
  public String language() {
    return language;
  }

  public TextEmbedder embedder() {
    return embedder;
  }

  public List<Token> tokens() {
    if (tokens == null) {
      tokens = TextTokenizer.forLanguage(language).tokens(text);
    }
    return tokens;
  }

  public List<String> sentences() {
    if (sentences == null) {
      sentences = TextTokenizer.forLanguage(language).sentences(text);
    }
    return sentences;
  }

  /** The text's unit vector (zero for blank text). */
  public float[] embedding() {
    if (embedding == null) {
      embedding = embedder.embed(text);
    }
    return embedding;
  }

  /** The text's unit vector by {@code model} (a classifier's, when not the document's own). */
  public float[] embedding(TextEmbedder model) {
    if (model.name().equals(embedder.name())) {
      return embedding();
    }
    if (otherEmbeddings == null) {
      otherEmbeddings = new java.util.HashMap<>();
    }
    return otherEmbeddings.computeIfAbsent(model.name(), n -> model.embed(text));
  }
}
