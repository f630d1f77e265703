package dev.heed.api.store;

import dev.heed.api.Experiment;
import java.util.List;
import java.util.Optional;

/** Experiment definitions, keyed by id. */
public interface ExperimentStore {
  /** Creates or replaces the experiment. */
  void put(Experiment experiment);

  /**
   * Stores the experiment unless one with its id exists, atomically; returns what is stored
   * afterwards (the given experiment, or the one that was there).
   */
  Experiment putIfAbsent(Experiment experiment);

  Optional<Experiment> get(String id);

  /** Every experiment, in id order. */
  List<Experiment> list();

  /** Returns whether an experiment was deleted. Its events stay in the log. */
  boolean delete(String id);
}
