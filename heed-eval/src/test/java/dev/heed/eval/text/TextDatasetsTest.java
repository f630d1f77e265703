package dev.heed.eval.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heed.text.classify.LabeledText;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextDatasetsTest {
  @TempDir Path dir;

  @Test
  void csvWithHeaderQuotesAndABlankRow() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("hotel.csv"), "label,review\n1,\"很好,\"\"干净\"\"\"\n0,\n0,太吵了\n1\n");
    TextDataset d = TextDatasets.load(f.toString(), "auto", "sentiment");
    assertThat(d.rows())
        .containsExactly(new LabeledText("很好,\"干净\"", "1"), new LabeledText("太吵了", "0"));
    assertThat(d.test()).isNull();
  }

  @Test
  void shoppingZipGivesSentimentOrCategoryByTask() throws Exception {
    Path zip = dir.resolve("shop.zip");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("shop.csv"));
      z.write("cat,label,review\n书籍,1,好书\n水果,0,不新鲜\n".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    assertThat(TextDatasets.load(zip.toString(), "auto", "sentiment").rows())
        .extracting(LabeledText::label)
        .containsExactly("1", "0");
    assertThat(TextDatasets.load(zip.toString(), "auto", "topic").rows())
        .extracting(LabeledText::label)
        .containsExactly("书籍", "水果");
  }

  @Test
  void tsvWithOptionalHeaderAndSst2Folder() throws Exception {
    Path sst = Files.createDirectory(dir.resolve("sst2"));
    Files.writeString(sst.resolve("train.tsv"), "sentence\tlabel\ngood fun \t1\ndull\t0\n");
    Files.writeString(sst.resolve("dev.tsv"), "sentence\tlabel\nnice\t1\n");
    TextDataset d = TextDatasets.load(sst.toString(), "auto", "sentiment");
    assertThat(d.rows())
        .containsExactly(new LabeledText("good fun ", "1"), new LabeledText("dull", "0"));
    assertThat(d.test()).containsExactly(new LabeledText("nice", "1"));
    Path noHeader = Files.writeString(dir.resolve("x.tsv"), "great\tpositive\n\nbad\tnegative\n");
    assertThat(TextDatasets.load(noHeader.toString(), "auto", "sentiment").rows()).hasSize(2);
    Path broken = Files.writeString(dir.resolve("y.tsv"), "no tab here\n");
    assertThatThrownBy(() -> TextDatasets.load(broken.toString(), "auto", "sentiment"))
        .hasMessageContaining("y.tsv:1");
  }

  @Test
  void agNewsNamesClassesAndImdbJsonReadsRows() throws Exception {
    Path ag = Files.createDirectory(dir.resolve("ag"));
    Files.writeString(ag.resolve("classes.txt"), "World\nSports\n");
    Files.writeString(ag.resolve("test.csv"), "\"2\",\"Goal!\",\"A late\\winner.\"\n");
    assertThat(TextDatasets.load(ag.toString(), "auto", "topic").rows())
        .containsExactly(new LabeledText("Goal!. A late winner.", "Sports"));
    Path imdb =
        Files.writeString(
            dir.resolve("reviews.json"), "[{\"t\":\"Loved it\",\"s\":1},{\"t\":\" \",\"s\":0}]");
    assertThat(TextDatasets.load(imdb.toString(), "auto", "sentiment").rows())
        .containsExactly(new LabeledText("Loved it", "1"));
  }

  @Test
  void unknownPathsAndFormatsAreClearErrors() {
    assertThatThrownBy(
            () -> TextDatasets.load(dir.resolve("nope.csv").toString(), "auto", "sentiment"))
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> TextDatasets.load(dir.toString(), "xml", "sentiment"))
        .hasMessageContaining("unknown text format xml");
  }
}
