package dev.heed.core.recommend;

import dev.heed.testing.RecommenderConformanceSuite;
import java.util.List;

class EaseRecencyConformanceTest extends RecommenderConformanceSuite {
  @Override
  protected Recommender create(long seed) {
    return Recommenders.create("ease", Params.parse(List.of("reg=10", "recency_half_life=5")));
  }
}
