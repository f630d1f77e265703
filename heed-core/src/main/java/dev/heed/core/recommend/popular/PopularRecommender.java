package dev.heed.core.recommend.popular;

import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommender;
import dev.heed.core.recommend.RecommenderFactory;
import dev.heed.core.recommend.TrainingListener;

/**
 * Most popular items: the number of users who interacted with each item. With a half-life, each
 * interaction counts 0.5^(age / half-life) instead of 1, age measured back from the newest
 * interaction in the data ("trending").
 */
public final class PopularRecommender implements Recommender {
  private final String name;
  private final Params params;
  private final double halfLifeMillis;

  private PopularRecommender(String name, Params params, double halfLifeHours) {
    this.name = name;
    this.params = params;
    this.halfLifeMillis = halfLifeHours * 3_600_000.0;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public PopularityModel fit(Interactions data, TrainingListener listener) {
    float[] score = new float[data.items()];
    long now = data.maxTime();
    boolean decay = halfLifeMillis > 0 && data.hasTimes();
    for (int u = 0; u < data.users(); u++) {
      for (int p = data.userStart(u); p < data.userEnd(u); p++) {
        double w = decay ? Math.pow(0.5, (now - data.userTime(p)) / halfLifeMillis) : 1.0;
        score[data.userItem(p)] += (float) w;
      }
    }
    listener.progress("count", 1, 1);
    return new PopularityModel(score);
  }

  /** Registers "popular": interaction counts. */
  public static final class Popular implements RecommenderFactory {
    @Override
    public String name() {
      return "popular";
    }

    @Override
    public String description() {
      return "most popular items (no parameters)";
    }

    @Override
    public Recommender create(Params params) {
      return new PopularRecommender("popular", params, 0);
    }
  }

  /** Registers "trending": time-decayed interaction counts. */
  public static final class Trending implements RecommenderFactory {
    @Override
    public String name() {
      return "trending";
    }

    @Override
    public String description() {
      return "time-decayed popularity (half_life_hours, default 168)";
    }

    @Override
    public Recommender create(Params params) {
      return new PopularRecommender(
          "trending", params, params.getDouble("half_life_hours", 168, 1e-6, 1e9));
    }
  }
}
