package dev.heed.core.recommend;

/**
 * Makes a {@link Recommender} by name; implementations are found through {@link
 * java.util.ServiceLoader} (see {@link Recommenders}).
 */
public interface RecommenderFactory {
  String name();

  /** One line: what the algorithm is and which parameters it takes. */
  String description();

  /** A recommender with {@code params}; throws {@link IllegalArgumentException} on a bad one. */
  Recommender create(Params params);
}
