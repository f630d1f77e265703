package dev.heed.text.token;

import java.util.List;

/** Splits text of one language into sentences and tagged words. Implementations are thread-safe. */
public interface TextTokenizer {
  /** The ISO 639-1 code of the language this tokenizer handles. */
  String language();

  /** The sentences of {@code text}, trimmed, in order; none for blank text. */
  List<String> sentences(String text);

  /** The words of {@code text} with part-of-speech tags and offsets, punctuation included. */
  List<Token> tokens(String text);

  /** The tokenizer for a language: Chinese for {@code zh}, English for everything else. */
  static TextTokenizer forLanguage(String language) {
    return "zh".equals(language) ? ChineseTokenizer.INSTANCE : EnglishTokenizer.INSTANCE;
  }
}
