package dev.heed.core.recommend;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Looks up recommendation algorithms by name. */
public final class Recommenders {
  private Recommenders() {}

  /** All algorithms on the class path, by name. */
  public static Map<String, RecommenderFactory> all() {
    Map<String, RecommenderFactory> byName = new TreeMap<>();
    for (RecommenderFactory f : ServiceLoader.load(RecommenderFactory.class)) {
      byName.put(f.name(), f);
    }
    return byName;
  }

  /**
   * The algorithm {@code name} with {@code params}; unknown names and parameters are errors that
   * list what is known.
   */
  public static Recommender create(String name, Params params) {
    RecommenderFactory factory = all().get(name);
    if (factory == null) {
      throw new IllegalArgumentException(
          "unknown algorithm '" + name + "' (known: " + String.join(", ", all().keySet()) + ")");
    }
    Recommender r = factory.create(params);
    params.checkAllUsed(name);
    return r;
  }
}
