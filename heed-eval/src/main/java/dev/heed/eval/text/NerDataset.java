package dev.heed.eval.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
 * Sentences with gold entity spans, read from character-level BIO: one {@code char TAB tag} (or
 * {@code char SPACE tag}) line per character, sentences separated by blank lines, tags {@code O},
 * {@code B-X} and {@code I-X} over PER, LOC and ORG (MSRA's form; NR, NS, NT and the spelled-out
 * names are read as the same three). A plain file or a zip holding one {@code .txt}. As in
 * conlleval, an {@code I-X} that does not continue an X entity starts one.
 */
public record NerDataset(String name, List<Sentence> sentences) {
  /** The entity types, in the order they are reported. */
  public static final List<String> TYPES = List.of("PER", "LOC", "ORG");

  /** An entity of {@code type} over the characters {@code [start, end)} of its sentence. */
  public record Span(int start, int end, String type) {}

  /** A sentence's text and its gold entities in text order. */
  public record Sentence(String text, List<Span> entities) {}

  /** Loads a BIO file or a zip holding one; sentences with blank text are dropped. */
  public static NerDataset load(String path) {
    Path p = Path.of(path);
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException("no such file: " + path);
    }
    String name = p.getFileName().toString();
    try (InputStream raw = Files.newInputStream(p)) {
      if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
        ZipInputStream zip = new ZipInputStream(raw);
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          if (!e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(".txt")) {
            return new NerDataset(name, parse(path + "!" + e.getName(), zip));
          }
        }
        throw new IllegalArgumentException(path + ": no .txt file inside the zip");
      }
      return new NerDataset(name, parse(path, raw));
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  static List<Sentence> parse(String source, InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<Sentence> out = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    List<Span> spans = new ArrayList<>();
    String open = null; // type of the entity being read
    int openStart = 0;
    int lineNumber = 0;
    for (String line = reader.readLine(); ; line = reader.readLine()) {
      lineNumber++;
      if (line == null || line.isBlank()) {
        if (open != null) {
          spans.add(new Span(openStart, text.length(), open));
          open = null;
        }
        if (!text.toString().isBlank()) {
          out.add(new Sentence(text.toString(), List.copyOf(spans)));
        }
        text.setLength(0);
        spans.clear();
        if (line == null) {
          break;
        }
        continue;
      }
      int sep = line.lastIndexOf('\t');
      if (sep < 0) {
        sep = line.stripTrailing().lastIndexOf(' ');
      }
      if (sep <= 0) {
        throw new IllegalArgumentException(
            source + ":" + lineNumber + ": expected 'char TAB tag', got '" + line + "'");
      }
      String token = line.substring(0, sep);
      String tag = line.substring(sep + 1).strip();
      String type = null;
      boolean begin = false;
      if (!tag.equals("O")) {
        if (tag.length() < 3 || tag.charAt(1) != '-' || "BI".indexOf(tag.charAt(0)) < 0) {
          throw new IllegalArgumentException(
              source + ":" + lineNumber + ": tag '" + tag + "' is not O, B-X or I-X");
        }
        begin = tag.charAt(0) == 'B';
        type = type(tag.substring(2));
        if (type == null) {
          throw new IllegalArgumentException(
              source + ":" + lineNumber + ": unknown entity type in '" + tag + "' (PER, LOC, ORG)");
        }
      }
      if (open != null && (type == null || begin || !type.equals(open))) {
        spans.add(new Span(openStart, text.length(), open));
        open = null;
      }
      if (type != null && open == null) {
        open = type;
        openStart = text.length();
      }
      text.append(token);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(source + ": no sentences");
    }
    return out;
  }

  private static String type(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "PER", "PERSON", "NR" -> "PER";
      case "LOC", "LOCATION", "NS" -> "LOC";
      case "ORG", "ORGANIZATION", "NT" -> "ORG";
      default -> null;
    };
  }
}
