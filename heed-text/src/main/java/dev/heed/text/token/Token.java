package dev.heed.text.token;

/**
 * A word as segmented from text, with its part-of-speech tag (HanLP's tag set for Chinese,
 * Universal Dependencies tags for English) and its character offset in the text.
 */
public record Token(String text, String tag, int start) {}
