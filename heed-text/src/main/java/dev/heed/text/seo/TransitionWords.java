package dev.heed.text.seo;

import java.util.ArrayList;
import java.util.List;

/**
 * English transition words and phrases: the signposts of addition, contrast, cause, sequence,
 * example and conclusion that Yoast's transition-word check looks for. The list is Heed's own
 * (common connectives of English usage guides), about 110 entries; a sentence has a transition when
 * one of them occurs in it as whole words.
 */
final class TransitionWords {
  private TransitionWords() {}

  static final List<String> ENTRIES =
      List.of(
          // addition
          "also",
          "additionally",
          "furthermore",
          "moreover",
          "besides",
          "likewise",
          "similarly",
          "equally",
          "in addition",
          "as well as",
          "not only",
          "what is more",
          "along with",
          "together with",
          "in the same way",
          "by the same token",
          // contrast and concession
          "however",
          "nevertheless",
          "nonetheless",
          "although",
          "though",
          "even though",
          "whereas",
          "while",
          "yet",
          "but",
          "instead",
          "conversely",
          "otherwise",
          "despite",
          "in spite of",
          "on the other hand",
          "on the contrary",
          "in contrast",
          "by contrast",
          "even so",
          "rather than",
          "unlike",
          "regardless",
          "still",
          // cause and effect
          "because",
          "since",
          "therefore",
          "thus",
          "hence",
          "consequently",
          "accordingly",
          "as a result",
          "as a consequence",
          "for this reason",
          "due to",
          "because of",
          "so that",
          "in order to",
          "that is why",
          "owing to",
          "thanks to",
          // sequence and time
          "first",
          "firstly",
          "second",
          "secondly",
          "third",
          "thirdly",
          "next",
          "then",
          "finally",
          "lastly",
          "afterwards",
          "afterward",
          "meanwhile",
          "subsequently",
          "previously",
          "eventually",
          "first of all",
          "to begin with",
          "at the same time",
          "in the meantime",
          "at first",
          "at last",
          "later",
          "before",
          "until",
          "once",
          "simultaneously",
          "in the end",
          // example and emphasis
          "for example",
          "for instance",
          "such as",
          "in particular",
          "particularly",
          "especially",
          "specifically",
          "namely",
          "to illustrate",
          "in fact",
          "indeed",
          "of course",
          "above all",
          "in other words",
          "that is",
          "notably",
          "clearly",
          // conclusion
          "in conclusion",
          "to sum up",
          "in summary",
          "in short",
          "in brief",
          "overall",
          "all in all",
          "to conclude",
          "ultimately",
          "in general",
          "generally",
          "on the whole");

  private static final List<String[]> PHRASES = split(ENTRIES);

  private static List<String[]> split(List<String> entries) {
    List<String[]> out = new ArrayList<>(entries.size());
    for (String e : entries) {
      out.add(e.split(" "));
    }
    return out;
  }

  /** Whether a sentence's lower-cased words contain a transition word or phrase. */
  static boolean containsTransition(List<String> lowerCaseWords) {
    for (String[] phrase : PHRASES) {
      if (indexOf(lowerCaseWords, phrase) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(List<String> words, String[] phrase) {
    outer:
    for (int i = 0; i + phrase.length <= words.size(); i++) {
      for (int j = 0; j < phrase.length; j++) {
        if (!words.get(i + j).equals(phrase[j])) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
