package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heed.eval.text.NerDataset.Span;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NerDatasetTest {
  @TempDir Path dir;

  private static String bio(String... lines) {
    return String.join("\n", lines);
  }

  @Test
  void readsSentencesSpansAndTheBioEdgeCases() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("ner.txt"),
            bio(
                "",
                "",
                "江\tB-PER",
                "泽\tI-PER",
                "民\tI-PER",
                "在\tO",
                "北\tB-LOC",
                "京\tI-LOC",
                "",
                "",
                "", // several blank lines separate one sentence
                "去 O", // SPACE-separated
                "上 I-LOC", // I- without B- starts an entity
                "海 I-LOC",
                "新 I-ORG", // a type change ends the entity and starts another
                "华 I-ORG",
                "社 I-ORG",
                "",
                "\u3000\tO", // a sentence of blank text is dropped
                "",
                "张\tB-PER",
                "王\tB-PER", // B- after B- of the same type: two entities
                "李\tB-PER")); // an entity at the end of the file, without a blank line
    NerDataset d = NerDataset.load(file.toString());
    assertThat(d.name()).isEqualTo("ner.txt");
    assertThat(d.sentences()).hasSize(3);
    assertThat(d.sentences().get(0).text()).isEqualTo("江泽民在北京");
    assertThat(d.sentences().get(0).entities())
        .containsExactly(new Span(0, 3, "PER"), new Span(4, 6, "LOC"));
    assertThat(d.sentences().get(1).text()).isEqualTo("去上海新华社");
    assertThat(d.sentences().get(1).entities())
        .containsExactly(new Span(1, 3, "LOC"), new Span(3, 6, "ORG"));
    assertThat(d.sentences().get(2).entities())
        .containsExactly(new Span(0, 1, "PER"), new Span(1, 2, "PER"), new Span(2, 3, "PER"));
  }

  @Test
  void readsTheTxtInsideAZipAndOtherTagNames() throws Exception {
    Path zip = dir.resolve("msra.zip");
    try (OutputStream raw = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(raw)) {
      out.putNextEntry(new ZipEntry("msra.txt"));
      out.write("中\tB-NS\r\n国\tI-NS\r\n队\tO\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    NerDataset d = NerDataset.load(zip.toString());
    assertThat(d.name()).isEqualTo("msra.zip");
    assertThat(d.sentences()).hasSize(1);
    assertThat(d.sentences().getFirst().text()).isEqualTo("中国队");
    assertThat(d.sentences().getFirst().entities()).containsExactly(new Span(0, 2, "LOC"));
  }

  @Test
  void badFilesFailWithTheirLine() throws Exception {
    Path tag = Files.writeString(dir.resolve("tag.txt"), "中\tO\n国\tB-GPE\n");
    assertThatThrownBy(() -> NerDataset.load(tag.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tag.txt:2", "B-GPE");
    Path bioes = Files.writeString(dir.resolve("bioes.txt"), "中\tS-LOC\n");
    assertThatThrownBy(() -> NerDataset.load(bioes.toString()))
        .hasMessageContaining("bioes.txt:1", "not O, B-X or I-X");
    Path fields = Files.writeString(dir.resolve("fields.txt"), "中国\n");
    assertThatThrownBy(() -> NerDataset.load(fields.toString()))
        .hasMessageContaining("fields.txt:1", "char TAB tag");
    Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
    assertThatThrownBy(() -> NerDataset.load(empty.toString()))
        .hasMessageContaining("no sentences");
    assertThatThrownBy(() -> NerDataset.load(dir.resolve("none.txt").toString()))
        .hasMessageContaining("no such file");
  }
}
