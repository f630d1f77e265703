package dev.heed.text.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
  private final LanguageDetector detector = new LanguageDetector();

  @Test
  void tellsChineseFromEnglishAndOthers() {
    assertThat(detector.detect("今天天气很好，我们去公园散步吧。")).isEqualTo("zh");
    assertThat(detector.detect("The weather is lovely today, let's walk to the park."))
        .isEqualTo("en");
    assertThat(detector.detect("Le temps est magnifique aujourd'hui, allons au parc ensemble."))
        .isEqualTo("fr");
    assertThat(detector.detect("Das Wetter ist heute herrlich, lass uns in den Park gehen."))
        .isEqualTo("de");
    assertThat(detector.detect("今日はとても良い天気ですね。")).isEqualTo("ja");
  }

  @Test
  void aLatinBrandInsideChineseStaysChinese() {
    assertThat(detector.detect("我昨天买了一部iPhone，拍照效果非常好")).isEqualTo("zh");
  }

  @Test
  void shortLatinTextIsNeverTakenForChineseOrKorean() {
    for (String text : new String[] {"OK", "AI", "Nice", "good!", "Hi"}) {
      assertThat(detector.detect(text)).as(text).isNotIn("zh", "ko", "ja", "cmn");
    }
    assertThat(detector.detect("好")).isEqualTo("zh");
    assertThat(detector.detect("안녕")).isEqualTo("ko");
  }

  @Test
  void textWithoutLettersIsUndetermined() {
    assertThat(detector.detect("")).isEqualTo(LanguageDetector.UNDETERMINED);
    assertThat(detector.detect("12345 !!! ...")).isEqualTo(LanguageDetector.UNDETERMINED);
  }
}
