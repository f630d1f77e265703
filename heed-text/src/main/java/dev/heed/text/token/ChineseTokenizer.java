package dev.heed.text.token;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import com.hankcs.hanlp.utility.SentencesUtil;
import java.util.ArrayList;
import java.util.List;

/** Chinese words and sentences by HanLP's dictionary segmenter (the portable jar's models). */
public final class ChineseTokenizer implements TextTokenizer {
  static final ChineseTokenizer INSTANCE = new ChineseTokenizer();

  private final Segment segment = HanLP.newSegment().enableOffset(true);

  private ChineseTokenizer() {}

  @Override
  public String language() {
    return "zh";
  }

  @Override
  public List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String s : SentencesUtil.toSentenceList(text, false)) {
      String t = s.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public List<Token> tokens(String text) {
    List<Term> terms = segment.seg(text);
    List<Token> out = new ArrayList<>(terms.size());
    for (Term t : terms) {
      if (!t.word.isBlank()) {
        out.add(new Token(t.word, t.nature == null ? "x" : t.nature.toString(), t.offset));
      }
    }
    return out;
  }
}
