package dev.heed.text.analyze;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import dev.heed.text.token.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named entities. Chinese: a trained {@link EntityTagger} when given (its own entity types), else
 * HanLP's role-tagging recognizers for person, place and organization names (the dictionary models
 * of the portable jar). English: runs of proper nouns from the POS tagger, untyped ({@code NAME}) —
 * no offline English NER model of acceptable license and quality ships with the engine. {@link
 * #analyze} reports each distinct entity once, at its first offset; {@link #mentions} reports every
 * occurrence.
 */
public final class EntityRecognizer implements Analyzer<List<Entity>> {
  private final EntityTagger tagger;
  private final Segment chinese =
      HanLP.newSegment()
          .enableOffset(true)
          .enableNameRecognize(true)
          .enablePlaceRecognize(true)
          .enableOrganizationRecognize(true);

  /** HanLP's recognizers for Chinese. */
  public EntityRecognizer() {
    this(null);
  }

  /** {@code tagger} for Chinese; null means HanLP's recognizers. */
  public EntityRecognizer(EntityTagger tagger) {
    this.tagger = tagger;
  }

  @Override
  public String task() {
    return "entities";
  }

  @Override
  public List<Entity> analyze(TextDocument document) {
    Map<String, Entity> out = new LinkedHashMap<>();
    for (Entity e : mentions(document)) {
      out.putIfAbsent(e.type() + ":" + e.text(), e);
    }
    return List.copyOf(out.values());
  }

  /**
   * Every occurrence of an entity, in text order; an entity spans {@code [start, start +
   * text.length())} of the document's text (UTF-16 offsets).
   */
  public List<Entity> mentions(TextDocument document) {
    List<Entity> out = new ArrayList<>();
    if ("zh".equals(document.language()) && tagger != null) {
      return tagger.entities(document.text());
    }
    if ("zh".equals(document.language())) {
      for (Term t : chinese.seg(document.text())) {
        String tag = t.nature == null ? "" : t.nature.toString();
        String type =
            tag.startsWith("nr")
                ? "PERSON"
                : tag.startsWith("ns") ? "PLACE" : tag.startsWith("nt") ? "ORGANIZATION" : null;
        if (type != null && t.word.length() >= 2) {
          out.add(new Entity(t.word, type, t.offset));
        }
      }
      return out;
    }
    List<Token> run = new ArrayList<>();
    List<Token> tokens = document.tokens();
    for (int i = 0; i <= tokens.size(); i++) {
      Token t = i < tokens.size() ? tokens.get(i) : null;
      if (t != null && t.tag().equals("PROPN") && Character.isUpperCase(t.text().codePointAt(0))) {
        run.add(t);
        continue;
      }
      if (!run.isEmpty()) {
        int start = run.getFirst().start();
        Token last = run.getLast();
        String text = document.text().substring(start, last.start() + last.text().length());
        out.add(new Entity(text, "NAME", start));
        run.clear();
      }
    }
    return out;
  }
}
