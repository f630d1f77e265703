package dev.heed.text.classify;

import dev.heed.text.token.TextTokenizer;
import dev.heed.text.token.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The binary n-gram features of a text, the same for training and prediction. Text with Han
 * characters gets character 1-3-grams plus HanLP word 1-2-grams (character n-grams carry Chinese
 * sentiment without depending on segmentation); other text gets lower-cased word 1-3-grams.
 */
public final class NgramFeatures {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*|n't|[!?]");

  private NgramFeatures() {}

  /** The distinct features of {@code text}. */
  public static Set<String> of(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (hasHan(text)) {
      chineseFeatures(text, out);
    } else {
      words(englishWords(text), 3, "", out);
    }
    return out;
  }

  private static void chineseFeatures(String text, Set<String> out) {
    int[] chars =
        text.codePoints()
            .filter(c -> !Character.isWhitespace(c))
            .map(Character::toLowerCase)
            .toArray();
    for (int n = 1; n <= 3; n++) {
      for (int i = 0; i + n <= chars.length; i++) {
        out.add("c" + new String(chars, i, n));
      }
    }
    List<String> words = new ArrayList<>();
    for (Token t : TextTokenizer.forLanguage("zh").tokens(text)) {
      words.add(t.text().toLowerCase(Locale.ROOT));
    }
    words(words, 2, "w", out);
  }

  static List<String> englishWords(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  private static void words(List<String> words, int maxN, String prefix, Set<String> out) {
    for (int i = 0; i < words.size(); i++) {
      StringBuilder gram = new StringBuilder(prefix);
      for (int n = 1; n <= maxN && i + n <= words.size(); n++) {
        if (n > 1) {
          gram.append(' ');
        }
        gram.append(words.get(i + n - 1));
        out.add(gram.toString());
      }
    }
  }

  static boolean hasHan(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.UnicodeScript.of(text.charAt(i)) == Character.UnicodeScript.HAN) {
        return true;
      }
    }
    return false;
  }
}
