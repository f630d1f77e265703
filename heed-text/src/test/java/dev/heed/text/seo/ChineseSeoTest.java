package dev.heed.text.seo;

import static dev.heed.text.seo.SeoReport.Status.BAD;
import static dev.heed.text.seo.SeoReport.Status.GOOD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The Chinese checks: sentence length in characters, segmented keyphrase density, rare characters.
 */
class ChineseSeoTest {
  static final String PLAIN =
      "人工智能正在改变我们的生活。从手机上的语音助手到医院里的影像诊断，人工智能技术已经进入了很多领域。\n\n"
          + "专家认为，未来十年这项技术将在教育、交通和制造业中发挥更大的作用。但是，我们也需要关注数据安全和隐私保护的问题。\n\n"
          + "对于普通人来说，学习一些基本的编程知识，可以帮助我们更好地适应这个快速变化的时代。";

  private final SeoAnalyzer analyzer = new SeoAnalyzer();

  @Test
  void longSentencesAreCountedInCharacters() {
    String longOne = "这是一个非常长的句子".repeat(6) + "。"; // 60 characters
    String shortOne = "这句话很短。"; // 5 characters
    SeoReport r = analyzer.analyze(new SeoInput(null, null, longOne + shortOne, null, "zh"));
    assertThat(r.metrics()).containsEntry("sentences", 2).containsEntry("characters", 65);
    assertThat(r.metrics().get("long_sentence_share").doubleValue()).isEqualTo(0.5);
    assertThat(r.metrics().get("avg_sentence_length").doubleValue()).isEqualTo(32.5);
    assertThat(r.check("sentence_length").status()).isEqualTo(BAD);
    assertThat(r.check("sentence_length").message())
        .startsWith("1 of 2 sentences (50%) is longer than 50 characters");
    SeoReport fine = analyzer.analyze(new SeoInput(null, null, PLAIN, null, "zh"));
    assertThat(fine.check("sentence_length").status()).isEqualTo(GOOD);
  }

  @Test
  void keyphraseDensityCountsSegmentedWordsNotSubstrings() {
    // HanLP: 北京 / 是 / 中国 / 的 / 首都 / 北京大学 / 在 / 北京 — "北京" inside 北京大学 is no match
    SeoReport r = analyzer.analyze(new SeoInput(null, null, "北京是中国的首都。北京大学在北京。", "北京", "zh"));
    assertThat(r.metrics()).containsEntry("words", 8).containsEntry("keyphrase_occurrences", 2);
    assertThat(r.metrics().get("keyphrase_density").doubleValue()).isCloseTo(25.0, within(1e-9));
    SeoReport multiWord = analyzer.analyze(new SeoInput(null, null, PLAIN, "人工智能技术", "zh"));
    assertThat(multiWord.metrics()).containsEntry("keyphrase_occurrences", 1);
    assertThat(multiWord.check("keyphrase_length").message()).contains("人工智能 / 技术");
  }

  @Test
  void keyphrasePlacementAndLengthsInCharacters() {
    String title = "人工智能如何改变我们的日常生活与工作"; // 18 characters
    String meta = "人工智能正在进入教育、交通和医疗等领域。本文介绍它带来的机会和挑战，以及普通人应该如何准备。";
    SeoReport r = analyzer.analyze(new SeoInput(title, meta, PLAIN, "人工智能", null));
    assertThat(r.language()).isEqualTo("zh");
    assertThat(r.check("keyphrase_in_title").status()).isEqualTo(GOOD);
    assertThat(r.check("keyphrase_in_introduction").status()).isEqualTo(GOOD);
    assertThat(r.check("keyphrase_in_meta_description").status()).isEqualTo(GOOD);
    assertThat(r.check("title_length").status()).isEqualTo(GOOD);
    assertThat(r.metrics()).containsEntry("title_length", 18);
    assertThat(r.check("text_length").status()).as("under 500 characters").isEqualTo(BAD);

    SeoReport missing = analyzer.analyze(new SeoInput("日常生活", null, PLAIN, "机器学习", null));
    assertThat(missing.check("keyphrase_in_title").status()).isEqualTo(BAD);
    assertThat(missing.check("keyphrase_in_introduction").status()).isEqualTo(BAD);
    assertThat(missing.check("title_length").status())
        .as("4 characters: too short")
        .isEqualTo(SeoReport.Status.OK);
    assertThat(missing.score()).isLessThan(r.score());
  }

  @Test
  void rareCharactersRaiseTheDifficulty() {
    assertThat(CommonChineseCharacters.isCommon("的".codePointAt(0))).isTrue();
    assertThat(CommonChineseCharacters.isCommon("人".codePointAt(0))).isTrue();
    assertThat(CommonChineseCharacters.isCommon("饕".codePointAt(0))).isFalse();
    assertThat(CommonChineseCharacters.isCommon("耋".codePointAt(0))).isFalse();
    long common =
        java.util.stream.IntStream.rangeClosed(0x4E00, 0x9FFF)
            .filter(CommonChineseCharacters::isCommon)
            .count();
    assertThat(common).isEqualTo(CommonChineseCharacters.SIZE);

    SeoReport plain = analyzer.analyze(new SeoInput(null, null, PLAIN, null, "zh"));
    SeoReport rare =
        analyzer.analyze(new SeoInput(null, null, "那位耄耋老人是个饕餮之徒，常与魑魅魍魉为伍。", null, "zh"));
    double plainShare = plain.metrics().get("rare_character_share").doubleValue();
    double rareShare = rare.metrics().get("rare_character_share").doubleValue();
    assertThat(plainShare).isLessThanOrEqualTo(0.03);
    assertThat(rareShare).isGreaterThan(0.3);
    assertThat(plain.check("character_difficulty").status()).isEqualTo(GOOD);
    assertThat(rare.check("character_difficulty").status()).isEqualTo(BAD);
    assertThat(rare.check("character_difficulty").message())
        .contains("饕")
        .contains("aim for at most 3%");
  }
}
