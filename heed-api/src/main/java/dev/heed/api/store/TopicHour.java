package dev.heed.api.store;

/** One topic's hour in the opinion monitor: documents counted and how many were negative. */
public record TopicHour(String topic, long hour, long documents, long negative) {
  public TopicHour {
    if (topic == null || documents < 0 || negative < 0 || negative > documents) {
      throw new IllegalArgumentException(
          "need a topic and 0 <= negative <= documents, got " + negative + " of " + documents);
    }
  }
}
