package dev.heed.text.seo;

import java.util.Locale;

/**
 * English syllables by a spelling heuristic, for Flesch reading ease: count groups of vowels (y
 * counts as a vowel except at the start), after dropping endings that are usually silent: a final e
 * (but not the e of a consonant + le, as in ta-ble), -es after a consonant other than s, x, z, c, g
 * and ch/sh (makes, but box-es), -ed unless after t or d (played, but want-ed). Then add one for
 * vowel pairs usually split in two: a final -ia or -io (me-di-a, ra-di-o), -iu- (me-di-um), -iet
 * (di-et, so-ci-e-ty) and a final -ism. Words of up to three letters have one syllable, words
 * without letters (numbers) count as one.
 *
 * <p>Limits: spelling does not determine English pronunciation, so some words are miscounted
 * (re-ci-pe and a-re-a count one short, na-ked one short); over running text such errors are small
 * next to the formula's own coarseness, as with every syllable counter that is not
 * dictionary-based.
 */
final class Syllables {
  private Syllables() {}

  static int count(String word) {
    String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    if (w.isEmpty()) {
      return 1;
    }
    if (w.length() <= 3) {
      return 1;
    }
    int n = w.length();
    if (w.endsWith("les") && n >= 5 && !vowel(w.charAt(n - 4))) {
      w = w.substring(0, n - 1); // tables -> table: the le stays a syllable
    } else if (w.endsWith("es")
        && !vowel(w.charAt(n - 3))
        && "sxzcg".indexOf(w.charAt(n - 3)) < 0
        && !w.endsWith("ches")
        && !w.endsWith("shes")) {
      w = w.substring(0, n - 2);
    } else if (w.endsWith("ed") && "td".indexOf(w.charAt(n - 3)) < 0) {
      w = w.substring(0, n - 2);
    }
    n = w.length();
    if (n > 2 && w.endsWith("e") && !w.endsWith("ee")) {
      boolean consonantLe = w.endsWith("le") && n >= 3 && !vowel(w.charAt(n - 3));
      if (!consonantLe) {
        w = w.substring(0, n - 1);
      }
    }
    if (w.startsWith("y")) {
      w = w.substring(1);
    }
    int count = 0;
    boolean inVowels = false;
    for (int i = 0; i < w.length(); i++) {
      boolean v = vowel(w.charAt(i));
      if (v && !inVowels) {
        count++;
      }
      inVowels = v;
    }
    if (w.endsWith("ia") || w.endsWith("io")) {
      count++;
    }
    count += occurrences(w, "iu") + occurrences(w, "iet");
    if (w.endsWith("ism")) {
      count++;
    }
    return Math.max(1, count);
  }

  private static int occurrences(String w, String part) {
    int count = 0;
    for (int i = w.indexOf(part); i >= 0; i = w.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }

  private static boolean vowel(char c) {
    return "aeiouy".indexOf(c) >= 0;
  }
}
