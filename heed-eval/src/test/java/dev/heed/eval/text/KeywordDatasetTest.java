package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heed.text.keywords.KeyphraseRanker;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywordDatasetTest {
  @TempDir Path dir;

  private static byte[] zip(String folder, Map<String, String> files) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        z.putNextEntry(new ZipEntry(folder + "/" + f.getKey()));
        z.write(f.getValue().getBytes(StandardCharsets.ISO_8859_1));
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A Hulth-2003-shaped archive: one document per split, written here (not the real data). */
  private Path hulth() throws Exception {
    Path file = dir.resolve("Hulth2003.tar.gz");
    try (OutputStream raw = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(raw))) {
      Map<String, byte[]> zips =
          Map.of(
              "Training",
              zip(
                  "Training",
                  Map.of(
                      "1.abstr",
                      "Sorting pebbles\r\n\tby colour\r\nWe sort.",
                      "1.uncontr",
                      "pebble sorting;\r\n\tcolour")),
              "Validation",
              zip("Validation", Map.of("2.abstr", "Kites\nKites fly.", "2.uncontr", "kites")),
              "Test",
              zip(
                  "Test",
                  Map.of(
                      "3.abstr",
                      "Fast boats\nBoats float.",
                      "3.uncontr",
                      "fast boats; boats",
                      "3.contr",
                      "vessels")));
      for (Map.Entry<String, byte[]> z : zips.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry("Hulth2003/" + z.getKey() + ".zip");
        e.setSize(z.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(z.getValue());
        tar.closeArchiveEntry();
      }
    }
    return file;
  }

  @Test
  void hulthKeepsTheSplitsApartAndReadsTheUncontrolledKeys() throws Exception {
    KeywordDataset d = KeywordDataset.load(hulth().toString());
    assertThat(d.language()).isEqualTo("en");
    // Document frequencies come from the training split only, never the scored ones.
    assertThat(d.catalog()).extracting(KeywordDataset.Doc::id).containsExactly("Training/1");
    KeywordDataset.Doc train = d.catalog().getFirst();
    assertThat(train.text()).isEqualTo("Sorting pebbles by colour\nWe sort.");
    assertThat(train.keys()).containsExactly("pebble sorting", "colour");
    assertThat(d.split("validation"))
        .extracting(KeywordDataset.Doc::id)
        .containsExactly("Validation/2");
    assertThat(d.split("test").getFirst().keys()).containsExactly("fast boats", "boats");
    assertThatThrownBy(() -> d.split("train")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cslIsOneSplitWithoutValidation() throws Exception {
    Path file =
        Files.writeString(dir.resolve("k.tsv"), "to keywords\t文本一\t甲_乙\n\nto keywords\t文本二\t丙\n");
    KeywordDataset d = KeywordDataset.load(file.toString());
    assertThat(d.test())
        .extracting(KeywordDataset.Doc::keys)
        .containsExactly(List.of("甲", "乙"), List.of("丙"));
    assertThat(d.catalog()).isEqualTo(d.test());
    assertThatThrownBy(() -> d.split("validation")).hasMessageContaining("no validation");
  }

  @Test
  void aRankerLearnsFromTheTrainingSplitOnlyAndNeverFromTheScoredOne() throws Exception {
    KeywordDataset inspec = KeywordDataset.load(hulth().toString());
    // One training abstract: "colour" is its gold phrase among the candidates.
    KeyphraseRanker ranker = KeywordEvaluation.trainRanker(inspec, 1, line -> {});
    assertThat(ranker.weights(true)).containsKey("log_tagged");
    Path csl = Files.writeString(dir.resolve("k.tsv"), "to keywords\t文本一\t甲_乙\n");
    assertThatThrownBy(
            () -> KeywordEvaluation.trainRanker(KeywordDataset.load(csl.toString()), 1, l -> {}))
        .hasMessageContaining("no training split apart from the scored one");
  }
}
