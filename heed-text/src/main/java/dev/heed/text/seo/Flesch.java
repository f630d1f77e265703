package dev.heed.text.seo;

/**
 * Flesch reading ease (Flesch 1948): 206.835 − 1.015 × words per sentence − 84.6 × syllables per
 * word. Higher is easier: 60–70 is plain English, below 30 is very difficult. The value is not
 * clamped, so very short, simple text can exceed 100.
 */
final class Flesch {
  private Flesch() {}

  static double readingEase(int words, int sentences, int syllables) {
    if (words == 0 || sentences == 0) {
      throw new IllegalArgumentException("needs at least one word and one sentence");
    }
    return 206.835 - 1.015 * words / sentences - 84.6 * syllables / words;
  }
}
