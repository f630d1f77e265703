package dev.heed.core.recommend;

/** Hears how far training has come, for progress bars and logs. */
@FunctionalInterface
public interface TrainingListener {
  TrainingListener NONE = (stage, done, total) -> {};

  /** {@code done} of {@code total} steps of {@code stage} (e.g. "iteration") are finished. */
  void progress(String stage, int done, int total);
}
