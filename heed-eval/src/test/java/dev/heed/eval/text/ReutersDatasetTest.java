package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReutersDatasetTest {
  @TempDir Path dir;

  private static String doc(int id, String title, String body, String topics) {
    return "{\"id\":\"%d\",\"date\":\"1-MAR-1987\",\"title\":\"%s\",\"body\":\"%s\"%s}"
        .formatted(id, title, body, topics == null ? "" : ",\"topics\":[" + topics + "]");
  }

  /** A package-shaped folder of two files, written here (not the real data). */
  private Path fixture() throws Exception {
    Path full = Files.createDirectories(dir.resolve("package/data/full"));
    Files.writeString(
        full.resolve("reuters-000.json"),
        "["
            + String.join(
                ",",
                doc(1, "WHEAT UP", "Wheat rose.", "\"wheat\",\"grain\""),
                doc(2, "GRAIN", "Grain fell.", "\"grain\""),
                doc(3, "NO TOPICS", "Nothing indexed.", null),
                doc(4, "COCOA", "Cocoa only.", "\"cocoa\""))
            + "]");
    Files.writeString(
        full.resolve("reuters-001.json"),
        "["
            + String.join(
                ",",
                doc(14818, "CORN", "Corn and grain.", "\"corn\",\"grain\""),
                doc(14826, "WHEAT", "Wheat test.", "\"wheat\",\"cocoa\""),
                doc(20000, "COCOA", "Cocoa test.", "\"cocoa\""))
            + "]");
    return dir;
  }

  @Test
  void splitsOnNewIdAndKeepsTheMostFrequentTrainingTopics() throws Exception {
    Path root = fixture();
    assertThat(ReutersDataset.looksLike(root)).isTrue();
    ReutersDataset d = ReutersDataset.load(root, 2);
    // grain (3 training documents), then cocoa, corn and wheat tie (1 each): first by name
    assertThat(d.labels()).containsExactly("grain", "cocoa");
    assertThat(d.train()).extracting(ReutersDataset.Doc::id).containsExactly(1, 2, 4, 14818);
    assertThat(d.train().getFirst().text()).isEqualTo("WHEAT UP\nWheat rose.");
    assertThat(d.train().getFirst().topics()).isEqualTo(Set.of("grain"));
    // test documents with none of the labels are dropped; the others keep only the labels
    assertThat(d.test()).extracting(ReutersDataset.Doc::id).containsExactly(14826, 20000);
    assertThat(d.test().getFirst().topics()).isEqualTo(Set.of("cocoa"));
  }

  @Test
  void aFolderWithoutTheFilesIsRefused() {
    assertThat(ReutersDataset.looksLike(dir)).isFalse();
    assertThatThrownBy(() -> ReutersDataset.load(dir, 10)).hasMessageContaining("reuters-NNN.json");
  }

  @Test
  void microF1PoolsTheCountsOfEveryLabel() {
    List<Set<String>> truth = List.of(Set.of("a"), Set.of("a", "b"), Set.of("b"), Set.of("a"));
    List<Set<String>> predicted = List.of(Set.of("a"), Set.of("a"), Set.of("a", "b"), Set.of());
    Map<String, Double> m = MultiLabelMetrics.of(List.of("a", "b"), truth, predicted);
    // a: tp 2, fp 1, fn 1 (F1 2/3); b: tp 1, fp 0, fn 1 (F1 2/3); pooled: tp 3, fp 1, fn 2
    assertThat(m.get("micro_precision")).isEqualTo(0.75);
    assertThat(m.get("micro_recall")).isEqualTo(0.6);
    assertThat(m.get("micro_f1")).isEqualTo(6.0 / 9);
    assertThat(m.get("macro_f1")).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(m.get("f1_b")).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
  }
}
