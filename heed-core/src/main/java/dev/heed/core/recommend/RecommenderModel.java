package dev.heed.core.recommend;

/** An immutable trained model: scores every item of the training catalog for a user profile. */
public interface RecommenderModel {
  /** Number of items the model scores (the columns of the training matrix). */
  int items();

  /**
   * Writes a score for every item into {@code scores} (length at least {@link #items()}); higher is
   * better. Items the model cannot score get {@link Float#NEGATIVE_INFINITY}. Thread-safe.
   */
  void score(UserProfile profile, float[] scores);
}
