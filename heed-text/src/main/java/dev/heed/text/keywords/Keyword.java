package dev.heed.text.keywords;

/** A key phrase of a text, as it appears in the text, with its score (higher is more central). */
public record Keyword(String text, double score) {}
