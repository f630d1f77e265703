package dev.heed.core.recommend;

import dev.heed.testing.RecommenderConformanceSuite;
import java.util.List;

class BlendConformanceTest extends RecommenderConformanceSuite {
  @Override
  protected Recommender create(long seed) {
    return Recommenders.create(
        "blend", Params.parse(List.of("ials.factors=8", "ials.seed=" + seed)));
  }
}
