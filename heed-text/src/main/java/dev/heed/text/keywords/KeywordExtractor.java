package dev.heed.text.keywords;

import com.hankcs.hanlp.dictionary.stopword.CoreStopWordDictionary;
import dev.heed.text.embed.TextEmbedder;
import dev.heed.text.token.TextTokenizer;
import dev.heed.text.token.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import opennlp.tools.stemmer.PorterStemmer;

/**
 * Key phrases by TF-IDF (document frequencies from the platform's own catalog) combined with
 * TextRank (PageRank over the co-occurrence graph of candidate words), for English also weighed by
 * the position of the first occurrence. Candidates are noun phrases: for English, runs of nouns,
 * proper nouns and adjectives (prenominal participles and hyphenated compounds included) ending in
 * a noun (as in the pke toolkit); for Chinese, HanLP nouns of two or more characters and runs of up
 * to four of them. Thread-safe.
 */
public final class KeywordExtractor {
  /** A candidate phrase: its matching key (stemmed for English), surface form and word keys. */
  public record Candidate(String key, String surface, List<String> words, int count, int first) {}

  /** Words link when adjacent among the text's words, as in pke's TextRank (window 2). */
  private static final int WINDOW = 2;

  /**
   * English: weight of the first occurrence's position against the rest of the score, 1 / (1 +
   * position / 10) with position in words (the title comes first). Chosen on Inspec's validation
   * split.
   */
  private static final double POSITION_SHARE = 0.2;

  private static final double DAMPING = 0.85;

  private final DocumentFrequencies frequencies;
  private final double tfidfShare;
  private final TextEmbedder embedder;
  private final double embeddingShare;
  private final KeyphraseRanker ranker;

  /**
   * An extractor reading {@code frequencies}; {@code tfidfShare} in [0, 1] weighs TF-IDF against
   * TextRank (each normalized to a maximum of 1 per text).
   */
  public KeywordExtractor(DocumentFrequencies frequencies, double tfidfShare) {
    this(frequencies, tfidfShare, null, 0, null);
  }

  /**
   * An extractor that ranks English candidates by {@code ranker} (a learned model over their {@link
   * Signals}) instead of the fixed TF-IDF/TextRank/position mix; Chinese keeps the mix.
   */
  public KeywordExtractor(DocumentFrequencies frequencies, KeyphraseRanker ranker) {
    this(frequencies, 0.3, null, 0, ranker);
  }

  /**
   * As above, plus EmbedRank (Bennani-Smires et al. 2018): the cosine between each phrase's
   * embedding and the text's, min-max normalized per text, weighs {@code embeddingShare} against
   * the statistical score.
   */
  public KeywordExtractor(
      DocumentFrequencies frequencies,
      double tfidfShare,
      TextEmbedder embedder,
      double embeddingShare) {
    this(frequencies, tfidfShare, embedder, embeddingShare, null);
  }

  /** Every part: {@code ranker} may be null (the fixed mix). */
  public KeywordExtractor(
      DocumentFrequencies frequencies,
      double tfidfShare,
      TextEmbedder embedder,
      double embeddingShare,
      KeyphraseRanker ranker) {
    if (!(tfidfShare >= 0 && tfidfShare <= 1) || !(embeddingShare >= 0 && embeddingShare <= 1)) {
      throw new IllegalArgumentException("tfidfShare and embeddingShare must be in [0, 1]");
    }
    if (embeddingShare > 0 && embedder == null) {
      throw new IllegalArgumentException("embeddingShare > 0 needs an embedder");
    }
    this.frequencies = frequencies;
    this.tfidfShare = tfidfShare;
    this.embedder = embedder;
    this.embeddingShare = embeddingShare;
    this.ranker = ranker;
  }

  /** The {@code n} best key phrases of a text in a language ({@code zh} or other). */
  public List<Keyword> extract(String text, String language, int n) {
    boolean chinese = "zh".equals(language);
    List<Signals> signals = signals(text, language);
    double[] similarity =
        embeddingShare > 0 && !signals.isEmpty() ? similarities(text, signals) : null;
    double[] learned = !chinese && ranker != null ? ranker.scores(signals, frequencies) : null;
    List<Keyword> out = new ArrayList<>(signals.size());
    for (int i = 0; i < signals.size(); i++) {
      Signals s = signals.get(i);
      double score;
      if (learned != null) {
        score = learned[i];
      } else {
        score = tfidfShare * s.tfidf() + (1 - tfidfShare) * s.textRank();
        if (!chinese) {
          score = (1 - POSITION_SHARE) * score + POSITION_SHARE * s.position();
        }
      }
      if (similarity != null) {
        score = (1 - embeddingShare) * score + embeddingShare * similarity[i];
      }
      out.add(new Keyword(s.candidate().surface(), score));
    }
    out.sort(Comparator.comparingDouble(Keyword::score).reversed());
    return List.copyOf(out.subList(0, Math.min(n, out.size())));
  }

  /**
   * What a candidate is ranked by: TF-IDF and the sum of its words' TextRank, each divided by the
   * text's maximum; the position term 1 / (1 + first / 10), first in words; its idf; and the text's
   * length in words.
   */
  public record Signals(
      Candidate candidate,
      double tfidf,
      double textRank,
      double position,
      double idf,
      int textWords) {}

  /** The candidates of a text with their {@link Signals}, in order of first occurrence. */
  public List<Signals> signals(String text, String language) {
    boolean chinese = "zh".equals(language);
    List<Token> tokens = words(text, language);
    List<Candidate> candidates = candidates(tokens, chinese);
    if (candidates.isEmpty()) {
      return List.of();
    }
    Map<String, Double> rank = textRank(tokens, chinese);
    double maxTfidf = 0;
    double maxRank = 0;
    double[] idf = new double[candidates.size()];
    double[] tfidf = new double[candidates.size()];
    double[] tr = new double[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      idf[i] = frequencies.idf(c.key());
      tfidf[i] = c.count() * idf[i];
      for (String w : c.words()) {
        tr[i] += rank.getOrDefault(w, 0.0);
      }
      maxTfidf = Math.max(maxTfidf, tfidf[i]);
      maxRank = Math.max(maxRank, tr[i]);
    }
    List<Signals> out = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      out.add(
          new Signals(
              candidates.get(i),
              maxTfidf > 0 ? tfidf[i] / maxTfidf : 0,
              maxRank > 0 ? tr[i] / maxRank : 0,
              1.0 / (1.0 + candidates.get(i).first() / 10.0),
              idf[i],
              tokens.size()));
    }
    return out;
  }

  /** Cosine of each candidate with the text, min-max normalized to [0, 1]. */
  private double[] similarities(String text, List<Signals> candidates) {
    List<String> texts = new ArrayList<>(candidates.size() + 1);
    texts.add(text);
    for (Signals c : candidates) {
      texts.add(c.candidate().surface());
    }
    List<float[]> vectors = embedder.embed(texts);
    float[] doc = vectors.getFirst();
    double[] s = new double[candidates.size()];
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int i = 0; i < s.length; i++) {
      float[] v = vectors.get(i + 1);
      double dot = 0;
      for (int j = 0; j < v.length; j++) {
        dot += v[j] * doc[j];
      }
      s[i] = dot;
      min = Math.min(min, dot);
      max = Math.max(max, dot);
    }
    for (int i = 0; i < s.length; i++) {
      s[i] = max > min ? (s[i] - min) / (max - min) : 1;
    }
    return s;
  }

  /** The distinct candidate keys of a text: what {@link DocumentFrequencies} counts. */
  public static Set<String> keys(String text, String language) {
    Set<String> keys = new LinkedHashSet<>();
    for (Candidate c : candidates(words(text, language), "zh".equals(language))) {
      keys.add(c.key());
    }
    return keys;
  }

  private static final Set<String> OBJECT_TAGS =
      Set.of("DET", "PRON", "NOUN", "PROPN", "ADJ", "NUM");

  /**
   * The tokens of a text; for English, hyphenated compounds joined into one word ("long-range",
   * which OpenNLP splits as "long", "-", "range" or "frequency", "-selective") and participles
   * re-tagged.
   */
  static List<Token> words(String text, String language) {
    List<Token> tokens = TextTokenizer.forLanguage(language).tokens(text);
    if ("zh".equals(language)) {
      return tokens;
    }
    List<Token> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (!out.isEmpty()) {
        Token last = out.getLast();
        boolean touching = last.start() + last.text().length() == t.start();
        if (touching
            && (last.text().endsWith("-") || t.text().startsWith("-"))
            && !(last.text().equals("-") && t.text().equals("-"))) {
          String joined = last.text() + t.text();
          String tag = t.text().equals("-") ? last.tag() : compoundTag(t);
          // "-selective" comes tagged PUNCT: the compound is then a noun like "power-law"
          out.set(out.size() - 1, new Token(joined, tag, last.start()));
          continue;
        }
      }
      out.add(t);
    }
    // OpenNLP's UD tagger calls participles VERB; Penn-tag patterns (Hulth 2003) count a
    // prenominal one as an adjective ("computed tomography", "layered structure") ...
    for (int i = 0; i + 1 < out.size(); i++) {
      Token t = out.get(i);
      String w = t.text().toLowerCase(Locale.ROOT);
      if (t.tag().equals("VERB")
          && (w.endsWith("ed") || w.endsWith("ing"))
          && isNominal(out.get(i + 1).tag())) {
        out.set(i, new Token(t.text(), "ADJ", t.start()));
      }
    }
    // ... and a gerund after a noun that takes no object as the head ("image processing").
    for (int i = 1; i < out.size(); i++) {
      Token t = out.get(i);
      String next = i + 1 < out.size() ? out.get(i + 1).tag() : "PUNCT";
      if (t.tag().equals("VERB")
          && t.text().toLowerCase(Locale.ROOT).endsWith("ing")
          && out.get(i - 1).tag().equals("NOUN")
          && !OBJECT_TAGS.contains(next)) {
        out.set(i, new Token(t.text(), "NOUN", t.start()));
      }
    }
    return out;
  }

  private static String compoundTag(Token last) {
    String tag = last.tag();
    return tag.equals("NOUN") || tag.equals("PROPN") || tag.equals("PUNCT") ? "NOUN" : "ADJ";
  }

  private static boolean isNominal(String tag) {
    return tag.equals("NOUN") || tag.equals("PROPN") || tag.equals("ADJ");
  }

  /**
   * The matching key of a phrase: for English lower-cased, Porter-stemmed words, hyphens splitting
   * words like spaces (so that "long-range" and "long - range" match).
   */
  public static String key(String phrase, String language) {
    if ("zh".equals(language)) {
      return phrase.strip().toLowerCase(Locale.ROOT);
    }
    PorterStemmer stemmer = new PorterStemmer();
    StringBuilder key = new StringBuilder();
    for (String w : phrase.toLowerCase(Locale.ROOT).split("[\\s\\-]+")) {
      if (!w.isEmpty()) {
        if (!key.isEmpty()) {
          key.append(' ');
        }
        key.append(stemmer.stem(w));
      }
    }
    return key.toString();
  }

  static List<Candidate> candidates(List<Token> tokens, boolean chinese) {
    Map<String, Candidate> byKey = new LinkedHashMap<>();
    List<Token> run = new ArrayList<>();
    for (int i = 0; i <= tokens.size(); i++) {
      Token t = i < tokens.size() ? tokens.get(i) : null;
      if (t != null && eligible(t, chinese)) {
        run.add(t);
        continue;
      }
      if (!run.isEmpty()) {
        emit(run, chinese, i - run.size(), byKey);
        run.clear();
      }
    }
    return new ArrayList<>(byKey.values());
  }

  private static void emit(
      List<Token> run, boolean chinese, int position, Map<String, Candidate> out) {
    if (chinese) {
      for (Token t : run) {
        if (t.text().codePointCount(0, t.text().length()) >= 2) {
          add(List.of(t), true, position, out);
        }
      }
      if (run.size() > 1 && run.size() <= 4) {
        add(run, true, position, out);
      }
      return;
    }
    int end = run.size();
    while (end > 0 && run.get(end - 1).tag().equals("ADJ")) {
      end--; // a noun phrase ends in a noun
    }
    if (end > 0 && end <= 5) {
      add(run.subList(0, end), false, position, out);
    }
  }

  private static void add(
      List<Token> words, boolean chinese, int position, Map<String, Candidate> out) {
    List<String> keys = new ArrayList<>(words.size());
    StringBuilder surface = new StringBuilder();
    for (Token t : words) {
      String w = t.text().toLowerCase(Locale.ROOT);
      keys.add(chinese ? w : key(w, "en"));
      if (!chinese && !surface.isEmpty()) {
        surface.append(' ');
      }
      surface.append(chinese ? t.text() : w);
    }
    String key = String.join(chinese ? "" : " ", keys);
    Candidate old = out.get(key);
    out.put(
        key,
        old == null
            ? new Candidate(key, surface.toString(), List.copyOf(keys), 1, position)
            : new Candidate(key, old.surface(), old.words(), old.count() + 1, old.first()));
  }

  private static boolean eligible(Token t, boolean chinese) {
    String w = t.text();
    if (chinese) {
      String tag = t.tag();
      boolean noun = tag.startsWith("n") || tag.equals("vn") || tag.startsWith("g");
      return noun
          && !CoreStopWordDictionary.contains(w)
          && w.codePoints().anyMatch(Character::isLetter);
    }
    String tag = t.tag();
    return (tag.equals("NOUN") || tag.equals("PROPN") || tag.equals("ADJ"))
        && w.codePoints().anyMatch(Character::isLetter)
        && !EnglishStopWords.contains(w.toLowerCase(Locale.ROOT));
  }

  /** PageRank over candidate words linked when within {@link #WINDOW} words of each other. */
  private static Map<String, Double> textRank(List<Token> tokens, boolean chinese) {
    List<String> sequence = new ArrayList<>();
    for (Token t : tokens) {
      if (eligible(t, chinese)) {
        String w = t.text().toLowerCase(Locale.ROOT);
        sequence.add(chinese ? w : key(w, "en"));
      } else {
        sequence.add(null); // any other word or punctuation breaks co-occurrence
      }
    }
    Map<String, Integer> index = new HashMap<>();
    for (String w : sequence) {
      if (w != null) {
        index.putIfAbsent(w, index.size());
      }
    }
    int n = index.size();
    if (n == 0) {
      return Map.of();
    }
    List<Map<Integer, Double>> edges = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      edges.add(new HashMap<>());
    }
    for (int i = 0; i < sequence.size(); i++) {
      if (sequence.get(i) == null) {
        continue;
      }
      for (int j = i + 1; j < Math.min(sequence.size(), i + WINDOW); j++) {
        if (sequence.get(j) == null) {
          break;
        }
        int a = index.get(sequence.get(i));
        int b = index.get(sequence.get(j));
        if (a != b) {
          edges.get(a).merge(b, 1.0, Double::sum);
          edges.get(b).merge(a, 1.0, Double::sum);
        }
      }
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = edges.get(i).values().stream().mapToDouble(Double::doubleValue).sum();
    }
    double[] score = new double[n];
    java.util.Arrays.fill(score, 1.0 / n);
    for (int iteration = 0; iteration < 50; iteration++) {
      double[] next = new double[n];
      java.util.Arrays.fill(next, (1 - DAMPING) / n);
      for (int a = 0; a < n; a++) {
        if (out[a] == 0) {
          continue;
        }
        for (Map.Entry<Integer, Double> e : edges.get(a).entrySet()) {
          next[e.getKey()] += DAMPING * score[a] * e.getValue() / out[a];
        }
      }
      score = next;
    }
    Map<String, Double> byWord = new HashMap<>();
    index.forEach((w, i) -> byWord.put(w, 0.0));
    for (Map.Entry<String, Integer> e : index.entrySet()) {
      byWord.put(e.getKey(), score[e.getValue()]);
    }
    return byWord;
  }
}
