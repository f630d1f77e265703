package dev.heed.text.analyze;

/**
 * A named entity: its text, its type ({@code PERSON}, {@code PLACE}, {@code ORGANIZATION}, or
 * {@code NAME} for English proper-noun spans, which are untyped) and its character offset.
 */
public record Entity(String text, String type, int start) {}
