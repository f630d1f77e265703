package dev.heed.core.recommend.popular;

import dev.heed.core.recommend.RecommenderModel;
import dev.heed.core.recommend.UserProfile;

/** The same score for every user: an item's popularity. */
public record PopularityModel(float[] popularity)
    implements RecommenderModel, java.io.Serializable {
  @Override
  public int items() {
    return popularity.length;
  }

  @Override
  public void score(UserProfile profile, float[] scores) {
    System.arraycopy(popularity, 0, scores, 0, popularity.length);
  }
}
