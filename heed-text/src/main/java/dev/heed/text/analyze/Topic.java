package dev.heed.text.analyze;

/** A topic label of a text with its probability. */
public record Topic(String label, double probability) {}
