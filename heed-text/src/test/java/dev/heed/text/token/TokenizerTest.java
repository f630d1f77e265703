package dev.heed.text.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  @Test
  void chineseWordsSentencesAndOffsets() {
    TextTokenizer zh = TextTokenizer.forLanguage("zh");
    String text = "我爱北京天安门。天安门上太阳升！";
    List<Token> tokens = zh.tokens(text);
    assertThat(tokens).extracting(Token::text).contains("北京", "天安门", "太阳");
    for (Token t : tokens) {
      assertThat(text.substring(t.start(), t.start() + t.text().length())).isEqualTo(t.text());
    }
    assertThat(tokens.stream().filter(t -> t.text().equals("北京")).findFirst().orElseThrow().tag())
        .startsWith("ns");
    assertThat(zh.sentences(text)).hasSize(2);
    assertThat(zh.sentences("  ")).isEmpty();
  }

  @Test
  void englishWordsTagsAndSentences() {
    TextTokenizer en = TextTokenizer.forLanguage("en");
    String text = "The quick brown fox jumps over the lazy dog. It didn't care!";
    List<Token> tokens = en.tokens(text);
    assertThat(tokens).extracting(Token::text).contains("fox", "jumps", "dog", ".");
    assertThat(tokens.stream().filter(t -> t.text().equals("fox")).findFirst().orElseThrow().tag())
        .isEqualTo("NOUN");
    assertThat(tokens.stream().filter(t -> t.text().equals("lazy")).findFirst().orElseThrow().tag())
        .isEqualTo("ADJ");
    for (Token t : tokens) {
      assertThat(text.substring(t.start(), t.start() + t.text().length())).isEqualTo(t.text());
    }
    assertThat(en.sentences(text))
        .containsExactly("The quick brown fox jumps over the lazy dog.", "It didn't care!");
  }
}
