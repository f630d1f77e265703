package dev.heed.core.recommend;

import dev.heed.testing.RecommenderConformanceSuite;
import java.util.List;

class Rp3BetaRecencyConformanceTest extends RecommenderConformanceSuite {
  @Override
  protected Recommender create(long seed) {
    return Recommenders.create(
        "rp3beta", Params.parse(List.of("neighbours=20", "recency_half_life=5")));
  }
}
