package dev.heed.core.recommend;

import dev.heed.testing.RecommenderConformanceSuite;
import java.util.List;

class TrendingConformanceTest extends RecommenderConformanceSuite {
  @Override
  protected Recommender create(long seed) {
    return Recommenders.create("trending", Params.parse(List.of("half_life_hours=24")));
  }

  @Override
  protected boolean personalized() {
    return false;
  }
}
