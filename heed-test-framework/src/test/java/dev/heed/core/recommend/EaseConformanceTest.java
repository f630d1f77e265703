package dev.heed.core.recommend;

import dev.heed.testing.RecommenderConformanceSuite;
import java.util.List;

class EaseConformanceTest extends RecommenderConformanceSuite {
  @Override
  protected Recommender create(long seed) {
    return Recommenders.create("ease", Params.parse(List.of("reg=10")));
  }
}
