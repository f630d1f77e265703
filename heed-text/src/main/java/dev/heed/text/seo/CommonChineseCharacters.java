package dev.heed.text.seo;

import com.hankcs.hanlp.collection.trie.DoubleArrayTrie;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The 2,500 most common Chinese characters, derived from HanLP's core dictionary (about 85,000
 * words with their corpus frequencies, shipped in the portable jar): each character scores the
 * summed frequency of the words it occurs in, and the top 2,500 are kept. This approximates the
 * 2,500 常用字 of 《现代汉语常用字表》 (1988), which cover about 98% of characters in running text; the official
 * list itself is not bundled. Built once, on first use (about half a second).
 */
final class CommonChineseCharacters {
  /** How many characters count as common, as in the official list. */
  static final int SIZE = 2500;

  private CommonChineseCharacters() {}

  private static final class Holder {
    static final Set<Integer> COMMON = derive();
  }

  /** Whether a Han character is among the 2,500 most common. */
  static boolean isCommon(int codePoint) {
    return Holder.COMMON.contains(codePoint);
  }

  /**
   * Walks HanLP's double-array trie from the root: a child of state {@code b} by character {@code
   * c} sits at {@code b + c + 1} with {@code check == b}, and a word ends where a child at offset 0
   * holds a negative base (the value index). Grouping positions by their check value turns the walk
   * into a visit of every word.
   */
  private static Set<Integer> derive() {
    DoubleArrayTrie<CoreDictionary.Attribute> trie = CoreDictionary.trie;
    int[] base = trie.getBase();
    int[] check = trie.getCheck();
    int n = Math.min(base.length, check.length);
    int[] start = new int[n + 1];
    for (int p = 1; p < n; p++) {
      if (check[p] > 0 && check[p] < n) {
        start[check[p] + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      start[i + 1] += start[i];
    }
    int[] children = new int[start[n]];
    int[] fill = Arrays.copyOf(start, n);
    for (int p = 1; p < n; p++) {
      if (check[p] > 0 && check[p] < n) {
        children[fill[check[p]]++] = p;
      }
    }
    Map<Integer, Long> frequency = new HashMap<>();
    List<Integer> states = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    states.add(base[0]);
    prefixes.add("");
    while (!states.isEmpty()) {
      int b = states.removeLast();
      String prefix = prefixes.removeLast();
      if (b <= 0 || b >= n) {
        continue;
      }
      for (int i = start[b]; i < start[b + 1]; i++) {
        int p = children[i];
        int code = p - b;
        if (code == 0) {
          if (base[p] < 0 && allHan(prefix)) {
            long f = trie.getValueAt(-base[p] - 1).totalFrequency;
            prefix.codePoints().forEach(c -> frequency.merge(c, f, Long::sum));
          }
        } else if (code > 0 && code <= Character.MAX_VALUE + 1) {
          states.add(base[p]);
          prefixes.add(prefix + (char) (code - 1));
        }
      }
    }
    if (frequency.size() < SIZE) {
      throw new IllegalStateException(
          "HanLP's core dictionary yielded only " + frequency.size() + " characters");
    }
    List<Map.Entry<Integer, Long>> ranked = new ArrayList<>(frequency.entrySet());
    ranked.sort(
        Map.Entry.<Integer, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    Set<Integer> common = new java.util.HashSet<>();
    for (int i = 0; i < SIZE; i++) {
      common.add(ranked.get(i).getKey());
    }
    return Set.copyOf(common);
  }

  /** Real words only: HanLP's placeholders (未##数, 始##始) and Latin entries are skipped. */
  private static boolean allHan(String word) {
    return !word.isEmpty()
        && word.codePoints()
            .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }
}
