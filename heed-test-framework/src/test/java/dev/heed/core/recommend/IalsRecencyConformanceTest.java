package dev.heed.core.recommend;

import dev.heed.testing.RecommenderConformanceSuite;
import java.util.List;

class IalsRecencyConformanceTest extends RecommenderConformanceSuite {
  @Override
  protected Recommender create(long seed) {
    return Recommenders.create(
        "ials",
        Params.parse(List.of("factors=8", "iterations=8", "seed=" + seed, "recency_half_life=5")));
  }
}
