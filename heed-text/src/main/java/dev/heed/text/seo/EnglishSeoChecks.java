package dev.heed.text.seo;

import static dev.heed.text.seo.ReportBuilder.fmt;
import static dev.heed.text.seo.ReportBuilder.percent;
import static dev.heed.text.seo.SeoReport.Status.BAD;
import static dev.heed.text.seo.SeoReport.Status.GOOD;
import static dev.heed.text.seo.SeoReport.Status.OK;

import dev.heed.text.keywords.EnglishStopWords;
import dev.heed.text.token.TextTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opennlp.tools.stemmer.PorterStemmer;

/**
 * The English checks with Yoast's thresholds: keyphrase of at most 4 content words (8 acceptable),
 * at the beginning of the title, in the first paragraph (in one sentence), density 0.5–3%, in the
 * meta description; title 30–60 characters (a proxy for Yoast's 600-pixel width); meta description
 * 120–156 characters; at least 300 words (250 acceptable); at most 25% of sentences over 20 words
 * (30% acceptable); paragraphs of at most 150 words (200 acceptable); sections under headings of at
 * most 300 words (350 acceptable); at most 10% passive sentences (15% acceptable); at least 30% of
 * sentences with a transition word (20% acceptable); Flesch reading ease of 60 or more (50
 * acceptable). Keyphrase matching is case-insensitive on Porter stems, so "report" matches
 * "reports".
 */
final class EnglishSeoChecks {
  private EnglishSeoChecks() {}

  /** A word: letters and digits, with inner apostrophes, hyphens and dots (don't, e-mail, 3.5). */
  static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’.\\-][\\p{L}\\p{N}]+)*");

  /** One sentence as the checks see it. */
  record Sentence(List<String> lower, List<String> stems, int syllables, boolean passive) {}

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  static List<String> stems(List<String> words, PorterStemmer stemmer) {
    List<String> out = new ArrayList<>(words.size());
    for (String w : words) {
      out.add(stemmer.stem(w.toLowerCase(Locale.ROOT).replace('’', '\'')));
    }
    return out;
  }

  static void run(SeoInput in, ReportBuilder r) {
    SeoText doc = SeoText.parse(in.text(), false);
    TextTokenizer tokenizer = TextTokenizer.forLanguage("en");
    PorterStemmer stemmer = new PorterStemmer();
    List<List<Sentence>> paragraphs = new ArrayList<>();
    for (String paragraph : doc.paragraphs()) {
      List<Sentence> sentences = new ArrayList<>();
      for (String s : tokenizer.sentences(paragraph)) {
        List<String> words = words(s);
        if (words.isEmpty()) {
          continue;
        }
        int syllables = 0;
        List<String> lower = new ArrayList<>(words.size());
        for (String w : words) {
          syllables += Syllables.count(w);
          lower.add(w.toLowerCase(Locale.ROOT).replace('’', '\''));
        }
        boolean passive = PassiveVoice.isPassive(tokenizer.tokens(s));
        sentences.add(new Sentence(lower, stems(words, stemmer), syllables, passive));
      }
      if (!sentences.isEmpty()) {
        paragraphs.add(sentences);
      }
    }
    List<Sentence> all = paragraphs.stream().flatMap(List::stream).toList();
    int words = all.stream().mapToInt(s -> s.lower().size()).sum();
    int syllables = all.stream().mapToInt(Sentence::syllables).sum();
    int sentences = all.size();
    r.metric("words", words);
    r.metric("sentences", sentences);
    r.metric("paragraphs", paragraphs.size());
    r.metric("syllables", syllables);

    String title = in.title() == null ? "" : in.title().strip();
    String meta = in.metaDescription() == null ? "" : in.metaDescription().strip();
    keyphraseChecks(in.keyphrase(), title, meta, paragraphs, all, words, stemmer, r);
    titleLength(title, r);
    metaLength(meta, r);
    textLength(words, r);
    if (sentences > 0) {
      readability(paragraphs, all, words, syllables, r);
    }
    if (doc.hasHeadings()) {
      List<Integer> sectionWords = new ArrayList<>();
      for (SeoText.Section s : doc.sections()) {
        int n = 0;
        for (String p : s.paragraphs()) {
          n += words(p).size();
        }
        if (n > 0) {
          sectionWords.add(n);
        }
      }
      Lengths.subheadings(sectionWords, 300, 350, "words", r);
    }
  }

  private static void keyphraseChecks(
      String keyphrase,
      String title,
      String meta,
      List<List<Sentence>> paragraphs,
      List<Sentence> all,
      int words,
      PorterStemmer stemmer,
      ReportBuilder r) {
    List<String> kpWords = keyphrase == null ? List.of() : words(keyphrase);
    if (kpWords.isEmpty()) {
      SeoAnalyzer.noKeyphrase(r);
      return;
    }
    List<String> phrase = stems(kpWords, stemmer);
    List<String> contentWords = new ArrayList<>();
    for (int i = 0; i < kpWords.size(); i++) {
      if (!EnglishStopWords.contains(kpWords.get(i).toLowerCase(Locale.ROOT))) {
        contentWords.add(phrase.get(i));
      }
    }
    List<String> content = contentWords.isEmpty() ? phrase : contentWords;

    int n = content.size();
    if (n <= 4) {
      r.check(
          "keyphrase_length",
          GOOD,
          "The keyphrase has " + n + " content word" + (n == 1 ? "" : "s") + ": focused enough.",
          (double) n);
    } else {
      r.check(
          "keyphrase_length",
          n <= 8 ? OK : BAD,
          "The keyphrase has "
              + n
              + " content words; shorten it to at most 4, the way people phrase a search.",
          (double) n);
    }

    List<String> titleStems = stems(words(title), stemmer);
    Phrases.title(
        title.isEmpty(), Phrases.indexOf(titleStems, phrase), titleStems.containsAll(content), r);

    List<Sentence> first = paragraphs.isEmpty() ? List.of() : paragraphs.getFirst();
    boolean inOneSentence = first.stream().anyMatch(s -> s.stems().containsAll(content));
    List<String> firstStems = first.stream().flatMap(s -> s.stems().stream()).toList();
    Phrases.introduction(inOneSentence, firstStems.containsAll(content), r);

    int occurrences = 0;
    for (Sentence s : all) {
      occurrences += Phrases.occurrences(s.stems(), phrase);
    }
    Phrases.density(occurrences, words, "words", r);

    List<String> metaStems = stems(words(meta), stemmer);
    Phrases.metaDescription(
        meta.isEmpty(),
        Phrases.indexOf(metaStems, phrase) >= 0 || metaStems.containsAll(content),
        r);
  }

  private static void titleLength(String title, ReportBuilder r) {
    Lengths.title(title.codePointCount(0, title.length()), 30, 60, r);
  }

  private static void metaLength(String meta, ReportBuilder r) {
    Lengths.meta(meta.codePointCount(0, meta.length()), 120, 156, r);
  }

  private static void textLength(int words, ReportBuilder r) {
    Lengths.text(words, 300, 250, "words", r);
  }

  private static void readability(
      List<List<Sentence>> paragraphs,
      List<Sentence> all,
      int words,
      int syllables,
      ReportBuilder r) {
    int sentences = all.size();
    int longSentences = 0;
    int passive = 0;
    int transitions = 0;
    for (Sentence s : all) {
      if (s.lower().size() > 20) {
        longSentences++;
      }
      if (s.passive()) {
        passive++;
      }
      if (TransitionWords.containsTransition(s.lower())) {
        transitions++;
      }
    }
    double avgLength = (double) words / sentences;
    double ease = Flesch.readingEase(words, sentences, syllables);
    r.metric("avg_sentence_length", avgLength);
    r.metric("avg_syllables_per_word", (double) syllables / words);
    r.metric("flesch_reading_ease", ease);
    r.metric("long_sentence_share", (double) longSentences / sentences);
    r.metric("passive_share", (double) passive / sentences);
    r.metric("transition_share", (double) transitions / sentences);

    Lengths.sentences(longSentences, sentences, 20, "words", r);

    List<Integer> paragraphWords = new ArrayList<>();
    for (List<Sentence> p : paragraphs) {
      paragraphWords.add(p.stream().mapToInt(s -> s.lower().size()).sum());
    }
    Lengths.paragraphs(paragraphWords, 150, 200, "words", r);

    double passiveShare = (double) passive / sentences;
    String passiveCount =
        passive + " of " + sentences + " sentences (" + percent(passiveShare) + ")";
    if (passiveShare <= 0.10) {
      r.check(
          "passive_voice",
          GOOD,
          passiveCount + " use the passive voice: within 10%.",
          passiveShare);
    } else {
      r.check(
          "passive_voice",
          passiveShare <= 0.15 ? OK : BAD,
          passiveCount
              + " use the passive voice; aim for at most 10%: say who does what (\"the team"
              + " analyzed the results\", not \"the results were analyzed\").",
          passiveShare);
    }

    double transitionShare = (double) transitions / sentences;
    String transitionCount =
        transitions + " of " + sentences + " sentences (" + percent(transitionShare) + ")";
    if (transitionShare >= 0.30) {
      r.check(
          "transition_words",
          GOOD,
          transitionCount + " contain a transition word: at least 30%.",
          transitionShare);
    } else {
      r.check(
          "transition_words",
          transitionShare >= 0.20 ? OK : BAD,
          "Only "
              + transitionCount
              + " contain a transition word; aim for at least 30%: link sentences with words such"
              + " as however, therefore, for example, first, finally.",
          transitionShare);
    }

    String band =
        ease >= 90
            ? "very easy"
            : ease >= 80
                ? "easy"
                : ease >= 70
                    ? "fairly easy"
                    : ease >= 60
                        ? "plain English"
                        : ease >= 50
                            ? "fairly difficult"
                            : ease >= 30 ? "difficult" : "very difficult";
    String easeText = "Flesch reading ease is " + fmt(ease, 1) + " (" + band + ")";
    if (ease >= 60) {
      r.check("flesch_reading_ease", GOOD, easeText + ": 60 or more is easy to read.", ease);
    } else {
      r.check(
          "flesch_reading_ease",
          ease >= 50 ? OK : BAD,
          easeText
              + "; aim for 60 or more: use shorter sentences (now "
              + fmt(avgLength, 1)
              + " words on average) and shorter words (now "
              + fmt((double) syllables / words, 2)
              + " syllables per word).",
          ease);
    }
  }
}
