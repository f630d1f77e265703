package dev.heed.text.token;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

/**
 * English sentences, words and Universal Dependencies POS tags by OpenNLP's maxent models (trained
 * on UD English-EWT). Also the fallback for other Latin-script languages.
 */
public final class EnglishTokenizer implements TextTokenizer {
  static final EnglishTokenizer INSTANCE = new EnglishTokenizer();

  private final SentenceModel sentenceModel =
      load("/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin", SentenceModel::new);
  private final TokenizerModel tokenizerModel =
      load("/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin", TokenizerModel::new);
  private final POSModel posModel = load("/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin", POSModel::new);

  // The models are thread-safe; the ME wrappers around them are not.
  private final ThreadLocal<SentenceDetectorME> sentences =
      ThreadLocal.withInitial(() -> new SentenceDetectorME(sentenceModel));
  private final ThreadLocal<TokenizerME> tokenizer =
      ThreadLocal.withInitial(() -> new TokenizerME(tokenizerModel));
  private final ThreadLocal<POSTaggerME> tagger =
      ThreadLocal.withInitial(() -> new POSTaggerME(posModel));

  private EnglishTokenizer() {}

  @Override
  public String language() {
    return "en";
  }

  @Override
  public List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String paragraph : text.split("\\R\\s*\\R")) {
      for (String s : sentences.get().sentDetect(paragraph)) {
        String t = s.strip();
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  @Override
  public List<Token> tokens(String text) {
    Span[] spans = tokenizer.get().tokenizePos(text);
    String[] words = Span.spansToStrings(spans, text);
    String[] tags = tagger.get().tag(words);
    List<Token> out = new ArrayList<>(words.length);
    for (int i = 0; i < words.length; i++) {
      out.add(new Token(words[i], tags[i], spans[i].getStart()));
    }
    return out;
  }

  /** Words only, without tagging: the cheap path for classifiers. */
  public String[] words(String text) {
    return tokenizer.get().tokenize(text);
  }

  private interface ModelReader<M> {
    M read(InputStream in) throws IOException;
  }

  private static <M> M load(String resource, ModelReader<M> reader) {
    try (InputStream in = EnglishTokenizer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      return reader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
