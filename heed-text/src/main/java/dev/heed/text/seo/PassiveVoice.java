package dev.heed.text.seo;

import dev.heed.text.token.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * English passive voice from Universal Dependencies POS tags: a form of "be" or "get" (tagged AUX
 * or VERB; also contractions like it's), then optionally adverbs and "not" (ADV, PART), then a past
 * participle tagged VERB, or tagged ADJ after a form of "get" (OpenNLP's UD model tags "got fired"
 * so). UD tags carry no tense, so a participle is recognized by form: a regular -ed form (not one
 * of the -ed words that are no participles, as red or hundred) or one of 180 irregular participles.
 *
 * <p>Limits: adjectival participles tagged VERB count ("the door was closed" is passive here, as in
 * Yoast), while those tagged ADJ do not ("they were tired", "she was interested"); passives without
 * an auxiliary (reduced relatives, "the report, written by ...") are missed, and so are irregular
 * participles outside the list; "'s" standing for "has" reads as "is" ("she's taken it" counts).
 */
final class PassiveVoice {
  private PassiveVoice() {}

  private static final Set<String> BE =
      Set.of("am", "is", "are", "was", "were", "be", "been", "being", "'s", "’s", "'re", "’re");
  private static final Set<String> GET = Set.of("get", "gets", "got", "gotten", "getting");
  private static final Set<String> NOT_PARTICIPLES =
      Set.of(
          "red",
          "bed",
          "wed",
          "hundred",
          "sacred",
          "naked",
          "wicked",
          "kindred",
          "rugged",
          "ragged",
          "crooked",
          "beloved",
          "learned",
          "aged",
          "dogged",
          "wretched",
          "jagged",
          "blessed",
          "need",
          "seed",
          "speed",
          "feed",
          "deed",
          "greed",
          "breed",
          "weed",
          "bleed",
          "proceed",
          "succeed",
          "exceed",
          "embed");
  private static final Set<String> IRREGULAR =
      Set.copyOf(
          List.of(
              "arisen",
              "awoken",
              "beaten",
              "begun",
              "bent",
              "bet",
              "bid",
              "bitten",
              "bled",
              "blown",
              "borne",
              "born",
              "bound",
              "broken",
              "bred",
              "brought",
              "built",
              "burnt",
              "burst",
              "bought",
              "cast",
              "caught",
              "chosen",
              "clung",
              "cost",
              "crept",
              "cut",
              "dealt",
              "dug",
              "done",
              "drawn",
              "dreamt",
              "drunk",
              "driven",
              "eaten",
              "fallen",
              "fed",
              "felt",
              "fought",
              "found",
              "fled",
              "flung",
              "flown",
              "forbidden",
              "forecast",
              "foreseen",
              "forgotten",
              "forgiven",
              "frozen",
              "given",
              "ground",
              "grown",
              "hung",
              "heard",
              "hidden",
              "hit",
              "held",
              "hurt",
              "kept",
              "knelt",
              "knit",
              "known",
              "laid",
              "led",
              "leapt",
              "learnt",
              "left",
              "lent",
              "let",
              "lain",
              "lit",
              "lost",
              "made",
              "meant",
              "met",
              "mislaid",
              "misled",
              "mistaken",
              "misunderstood",
              "mown",
              "overcome",
              "overdone",
              "overheard",
              "overridden",
              "overrun",
              "overseen",
              "overtaken",
              "overthrown",
              "paid",
              "proven",
              "put",
              "quit",
              "read",
              "rebuilt",
              "redone",
              "rewritten",
              "rid",
              "ridden",
              "rung",
              "risen",
              "run",
              "said",
              "sawn",
              "seen",
              "sought",
              "sold",
              "sent",
              "set",
              "sewn",
              "shaken",
              "shaven",
              "shorn",
              "shed",
              "shone",
              "shod",
              "shot",
              "shown",
              "shrunk",
              "shut",
              "sung",
              "sunk",
              "sat",
              "slain",
              "slept",
              "slid",
              "slung",
              "slit",
              "smelt",
              "sown",
              "spoken",
              "sped",
              "spelt",
              "spent",
              "spilt",
              "spun",
              "spat",
              "split",
              "spoilt",
              "spread",
              "sprung",
              "stood",
              "stolen",
              "stuck",
              "stung",
              "stunk",
              "strewn",
              "stricken",
              "struck",
              "strung",
              "striven",
              "sworn",
              "swept",
              "swollen",
              "swum",
              "swung",
              "taken",
              "taught",
              "torn",
              "told",
              "thought",
              "thrown",
              "thrust",
              "trodden",
              "understood",
              "undertaken",
              "undergone",
              "undone",
              "upheld",
              "upset",
              "woken",
              "worn",
              "woven",
              "wept",
              "won",
              "wound",
              "withdrawn",
              "withheld",
              "withstood",
              "written",
              "wrung"));

  /** Whether a tagged English sentence has a passive construction. */
  static boolean isPassive(List<Token> sentence) {
    for (int i = 0; i < sentence.size(); i++) {
      Token aux = sentence.get(i);
      boolean be = isBe(aux);
      boolean get = !be && isGet(aux);
      if (!be && !get) {
        continue;
      }
      int j = i + 1;
      while (j < sentence.size()
          && (sentence.get(j).tag().equals("ADV") || sentence.get(j).tag().equals("PART"))) {
        j++;
      }
      if (j < sentence.size()) {
        Token p = sentence.get(j);
        boolean tagOk = p.tag().equals("VERB") || (get && p.tag().equals("ADJ"));
        if (tagOk && isParticiple(p.text())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isBe(Token t) {
    String w = t.text().toLowerCase(Locale.ROOT);
    if (!t.tag().contains("AUX") && !t.tag().contains("VERB")) {
      return false;
    }
    if (BE.contains(w)) {
      return true;
    }
    // OpenNLP keeps contractions whole and tags them PRON+AUX: it's, that's, they're
    return t.tag().contains("+AUX")
        && (w.endsWith("'s") || w.endsWith("’s") || w.endsWith("'re") || w.endsWith("’re"));
  }

  private static boolean isGet(Token t) {
    return (t.tag().equals("VERB") || t.tag().equals("AUX"))
        && GET.contains(t.text().toLowerCase(Locale.ROOT));
  }

  static boolean isParticiple(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (IRREGULAR.contains(w)) {
      return true;
    }
    return w.length() > 3 && w.endsWith("ed") && !w.endsWith("eed") && !NOT_PARTICIPLES.contains(w);
  }
}
