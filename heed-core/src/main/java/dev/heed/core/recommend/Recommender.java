package dev.heed.core.recommend;

/**
 * A recommendation algorithm with its parameters: the builder that turns an interaction matrix into
 * an immutable {@link RecommenderModel}. Fitting never mutates the matrix.
 */
public interface Recommender {
  /** The algorithm's name as chosen in configuration and on the command line. */
  String name();

  /** The effective parameters, defaults included (for reports). */
  Params params();

  /**
   * Trains a model; {@code listener} hears about progress (may be {@link TrainingListener#NONE}).
   */
  RecommenderModel fit(Interactions data, TrainingListener listener);
}
