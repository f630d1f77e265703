package dev.heed.text.analyze;

/**
 * The polarity of a text: {@code score} in [-1, 1] is P(positive) - P(negative); the label is
 * positive above 0.2, negative below -0.2, neutral between.
 */
public record Sentiment(double score, String label) {
  static Sentiment of(double positive, double negative) {
    double score = positive - negative;
    String label = score > 0.2 ? "positive" : score < -0.2 ? "negative" : "neutral";
    return new Sentiment(score, label);
  }
}
