package dev.heed.text.analyze;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Label descriptions for zero-shot classification when no model has been trained: sentiment, and a
 * general news/content taxonomy. Bilingual so that the one embedding model serves both.
 */
public final class DefaultLabels {
  private DefaultLabels() {}

  /** positive / negative, described in English and Chinese. */
  public static Map<String, List<String>> sentiment() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put(
        "negative",
        List.of(
            "This is terrible, I am very disappointed and unhappy.",
            "A bad experience, poor quality, not recommended.",
            "太差了，非常失望，不推荐。",
            "质量很差，体验糟糕，后悔。"));
    m.put(
        "positive",
        List.of(
            "This is great, I am very happy and satisfied.",
            "A wonderful experience, excellent quality, highly recommended.",
            "非常好，很满意，推荐。",
            "质量很好，体验很棒，值得。"));
    return m;
  }

  /** A general topic taxonomy for content platforms. */
  public static Map<String, List<String>> topics() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("world", List.of("world news, international politics, diplomacy, war", "国际新闻，外交，政治"));
    m.put("business", List.of("business, economy, markets, companies, finance", "财经，经济，股市，公司"));
    m.put(
        "technology",
        List.of("technology, software, internet, computers, science", "科技，互联网，软件，手机"));
    m.put("sports", List.of("sports, football, basketball, games, athletes", "体育，足球，篮球，比赛"));
    m.put("entertainment", List.of("entertainment, movies, music, celebrities, TV", "娱乐，电影，音乐，明星"));
    m.put("health", List.of("health, medicine, disease, fitness, hospitals", "健康，医疗，疾病，医院"));
    m.put("education", List.of("education, schools, students, learning, exams", "教育，学校，学生，考试"));
    m.put("lifestyle", List.of("lifestyle, travel, food, fashion, home", "生活，旅游，美食，时尚"));
    return m;
  }
}
