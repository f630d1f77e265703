package dev.heed.text.keywords;

/**
 * A key phrase of a text, as it appears in the text, with its score in [0, 1] (higher is more
 * central; for English, the learned ranker's probability that it is a key phrase).
 */
public record Keyword(String text, double score) {}
