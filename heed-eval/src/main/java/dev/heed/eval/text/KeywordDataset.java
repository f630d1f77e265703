package dev.heed.eval.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Documents with gold key phrases: {@code test} is what is scored, {@code validation} what
 * parameters are chosen on, {@code catalog} the documents whose document frequencies TF-IDF learns
 * (the platform's own catalog). Formats: Hulth 2003 (Inspec: the original tar.gz of
 * Training/Validation/Test zips with .abstr and .uncontr files; the catalog is the training split,
 * and the splits are scored against the uncontrolled keys) and CSL ("to keywords" TAB text TAB
 * keywords joined by "_"; one split, which is the catalog and is scored, no validation).
 */
public record KeywordDataset(
    String name, String language, List<Doc> catalog, List<Doc> validation, List<Doc> test) {
  /** A document's text and gold phrases. */
  public record Doc(String id, String text, List<String> keys) {}

  /** The split named {@code test} or {@code validation}. */
  public List<Doc> split(String split) {
    return switch (split) {
      case "test" -> test;
      case "validation" -> {
        if (validation.isEmpty()) {
          throw new IllegalArgumentException(name + " has no validation split");
        }
        yield validation;
      }
      default -> throw new IllegalArgumentException("split " + split + ": use test or validation");
    };
  }

  /** Loads Inspec (Hulth2003.tar.gz) or a CSL keywords TSV. */
  public static KeywordDataset load(String path) {
    Path p = Path.of(path);
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("no such file or folder: " + path);
    }
    String name = p.getFileName().toString();
    try {
      if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
        return hulth(p);
      }
      if (name.endsWith(".tsv")) {
        return csl(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        path + ": keywords need Hulth2003.tar.gz (Inspec) or a CSL .tsv");
  }

  private static KeywordDataset hulth(Path p) throws IOException {
    Map<String, Map<String, String>> splits = new TreeMap<>(); // split -> file -> content
    try (InputStream raw = Files.newInputStream(p);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        String entry = e.getName();
        if (!entry.endsWith(".zip")) {
          continue;
        }
        String split = entry.substring(entry.lastIndexOf('/') + 1, entry.length() - 4);
        Map<String, String> files = new TreeMap<>();
        ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(tar.readAllBytes()));
        for (ZipEntry z = zip.getNextEntry(); z != null; z = zip.getNextEntry()) {
          if (!z.isDirectory()) {
            String file = z.getName().substring(z.getName().lastIndexOf('/') + 1);
            files.put(file, new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1));
          }
        }
        splits.put(split, files);
      }
    }
    if (!splits.containsKey("Test")) {
      throw new IllegalArgumentException(p + ": no Test.zip inside");
    }
    Map<String, List<Doc>> docs = new TreeMap<>();
    for (Map.Entry<String, Map<String, String>> split : splits.entrySet()) {
      for (Map.Entry<String, String> f : split.getValue().entrySet()) {
        if (!f.getKey().endsWith(".abstr")) {
          continue;
        }
        String id = f.getKey().substring(0, f.getKey().length() - 6);
        // Titles and abstracts wrap with a TAB on continuation lines; the first line is the title.
        String text = f.getValue().replace("\r", "").replaceAll("\n\t", " ").strip();
        String keys = split.getValue().getOrDefault(id + ".uncontr", "");
        Doc doc =
            new Doc(
                split.getKey() + "/" + id,
                text,
                Arrays.stream(keys.replace("\r", "").replaceAll("\\s+", " ").split(";"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList());
        docs.computeIfAbsent(split.getKey(), k -> new ArrayList<>()).add(doc);
      }
    }
    return new KeywordDataset(
        "inspec",
        "en",
        docs.getOrDefault("Training", List.of()),
        docs.getOrDefault("Validation", List.of()),
        docs.getOrDefault("Test", List.of()));
  }

  private static KeywordDataset csl(Path p) throws IOException {
    List<Doc> docs = new ArrayList<>();
    int line = 0;
    for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
      line++;
      if (l.isBlank()) {
        continue;
      }
      String[] f = l.split("\t");
      if (f.length != 3) {
        throw new IllegalArgumentException(p + ":" + line + ": expected 3 TAB-separated fields");
      }
      docs.add(
          new Doc(
              String.valueOf(line),
              f[1],
              Arrays.stream(f[2].split("_"))
                  .map(String::strip)
                  .filter(s -> !s.isEmpty())
                  .toList()));
    }
    return new KeywordDataset("csl", "zh", docs, List.of(), docs);
  }
}
