package dev.heed.text.analyze;

/**
 * One analysis task (keywords, summary, sentiment, ...) over a document, returning its result as a
 * record or a list of records. Implementations are thread-safe and never fail on blank or unusual
 * text: they return an empty result instead.
 */
public interface Analyzer<R> {
  /** The task's name as requested in {@code tasks} (lower case). */
  String task();

  /** The result for one document. */
  R analyze(TextDocument document);
}
