package dev.heed.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.text.analyze.Analyzer;
import dev.heed.text.analyze.TextDocument;
import dev.heed.text.embed.TextEmbedder;
import dev.heed.text.lang.LanguageDetector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Analyzer} must do, whatever its task: distinct lower-case task names; no
 * failure on blank, symbol-only, mixed-language or very long text; the same result for the same
 * text, also when called from several threads at once. An implementation's test supplies the
 * analyzers and the embedder.
 */
public abstract class AnalyzerConformanceSuite {
  /** The analyzers under test. */
  protected abstract List<Analyzer<?>> analyzers();

  /** The embedding model the documents carry. */
  protected abstract TextEmbedder embedder();

  private static final List<String> TEXTS =
      List.of(
          "北京的这家酒店位置很好，房间干净整洁。服务人员热情周到，早餐也很丰富。",
          "The committee approved the budget on Tuesday. Critics said it was too small.",
          "我用iPhone拍了照片，效果 really good！",
          "Short.",
          "¡¿…!!! 123 😀 ###");

  private TextDocument document(String text) {
    return new TextDocument(text, new LanguageDetector().detect(text), embedder());
  }

  @Test
  void taskNamesAreDistinctAndLowerCase() {
    Set<String> seen = new HashSet<>();
    for (Analyzer<?> a : analyzers()) {
      assertThat(a.task()).matches("[a-z_]+");
      assertThat(seen.add(a.task())).as("duplicate task %s", a.task()).isTrue();
    }
  }

  @Test
  void blankTextGivesAResultNotAnError() {
    for (Analyzer<?> a : analyzers()) {
      for (String text : List.of("", "   ", "\n\t")) {
        assertThat(a.analyze(new TextDocument(text, "und", embedder())))
            .as("%s on blank text", a.task())
            .isNotNull();
      }
    }
  }

  @Test
  void everyKindOfTextIsAnalyzedTheSameWayTwice() {
    for (Analyzer<?> a : analyzers()) {
      for (String text : TEXTS) {
        Object first = a.analyze(document(text));
        assertThat(first).as("%s on %s", a.task(), text).isNotNull();
        assertThat(a.analyze(document(text))).as("%s is deterministic", a.task()).isEqualTo(first);
      }
    }
  }

  @Test
  void longTextCompletes() {
    String longText = "酒店的房间很干净，服务也很好。The staff were friendly and helpful. ".repeat(600);
    for (Analyzer<?> a : analyzers()) {
      assertThat(a.analyze(document(longText))).as(a.task()).isNotNull();
    }
  }

  @Test
  void concurrentCallsGiveTheSequentialResults() throws Exception {
    for (Analyzer<?> a : analyzers()) {
      List<Object> expected = new ArrayList<>();
      for (String text : TEXTS) {
        expected.add(a.analyze(document(text)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<Object>>> runs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          runs.add(
              pool.submit(
                  () -> {
                    List<Object> out = new ArrayList<>();
                    for (String text : TEXTS) {
                      out.add(a.analyze(document(text)));
                    }
                    return out;
                  }));
        }
        for (Future<List<Object>> run : runs) {
          assertThat(run.get()).as(a.task()).isEqualTo(expected);
        }
      } finally {
        pool.shutdown();
      }
    }
  }
}
