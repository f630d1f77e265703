package dev.heed.core.recommend;

/**
 * What a model knows of one user when scoring: the items they interacted with and the weight of
 * each (negative for a dislike, which pushes similar items down). {@code user} is the user's row in
 * the training matrix, or -1 for a user the model has not seen (scored by fold-in from the history
 * alone).
 */
public record UserProfile(int user, int[] items, float[] values) {
  public UserProfile {
    if (items.length != values.length) {
      throw new IllegalArgumentException("items and values differ in length");
    }
  }

  /** A profile for a user unknown to the model, every item weighted 1. */
  public static UserProfile ofItems(int... items) {
    float[] ones = new float[items.length];
    java.util.Arrays.fill(ones, 1f);
    return new UserProfile(-1, items, ones);
  }

  public int size() {
    return items.length;
  }
}
