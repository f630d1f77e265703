package dev.heed.core.recommend;

import dev.heed.testing.RecommenderConformanceSuite;
import java.util.List;

class PopularConformanceTest extends RecommenderConformanceSuite {
  @Override
  protected Recommender create(long seed) {
    return Recommenders.create("popular", Params.parse(List.of()));
  }

  @Override
  protected boolean personalized() {
    return false;
  }
}
