package dev.heed.text.classify;

/** A text with its class label (e.g. {@code 1}/{@code 0} for sentiment, a topic name). */
public record LabeledText(String text, String label) {}
