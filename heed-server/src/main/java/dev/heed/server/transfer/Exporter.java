package dev.heed.server.transfer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.api.store.EventQuery;
import dev.heed.api.store.Store;
import dev.heed.api.store.UserData;
import dev.heed.core.ingest.EventCodec;
import dev.heed.core.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Writes the whole store as JSON Lines: {@code items.jsonl}, {@code users.jsonl} and {@code
 * events.jsonl} in a directory, in the format {@link Importer} reads back.
 */
public final class Exporter {
  private static final int PAGE = 1_000;

  /** How many records of each kind were written. */
  public record Counts(long items, long users, long events) {}

  private final Store store;
  private final LongConsumer progress;
  private long written;

  /** {@code progress} is told the running count of records written. */
  public Exporter(Store store, LongConsumer progress) {
    this.store = store;
    this.progress = progress;
  }

  /** One user's data as the document the API and {@code heed export --user} answer with. */
  public static ObjectNode userDocument(UserData data) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.set("user", data.user() == null ? null : Json.mapper().valueToTree(data.user()));
    ArrayNode events = doc.putArray("events");
    data.events().forEach(e -> events.add(EventCodec.write(e)));
    return doc;
  }

  /** Exports into {@code dir}, created if needed. */
  public Counts run(Path dir) throws IOException {
    Files.createDirectories(dir);
    long items =
        writeLines(dir.resolve("items.jsonl"), out -> pages(store.items()::page, i -> i.id(), out));
    long users =
        writeLines(dir.resolve("users.jsonl"), out -> pages(store.users()::page, u -> u.id(), out));
    long events =
        writeLines(
            dir.resolve("events.jsonl"),
            out ->
                store
                    .events()
                    .forEach(EventQuery.all(PAGE), se -> out.write(EventCodec.write(se.event()))));
    progress.accept(written);
    return new Counts(items, users, events);
  }

  /** Writes JSON values one a line to a file. */
  private final class Lines {
    private final BufferedWriter out;
    private long count;

    Lines(BufferedWriter out) {
      this.out = out;
    }

    void write(Object value) {
      try {
        out.write(
            value instanceof ObjectNode n ? n.toString() : Json.mapper().writeValueAsString(value));
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      count++;
      if (++written % PAGE == 0) {
        progress.accept(written);
      }
    }
  }

  private interface Pager<T> {
    List<T> page(String afterId, int limit);
  }

  /** Every record of a paged store, in id order. */
  private static <T> void pages(Pager<T> pager, Function<T, String> id, Lines out) {
    String after = null;
    List<T> page;
    do {
      page = pager.page(after, PAGE);
      page.forEach(out::write);
      after = page.isEmpty() ? after : id.apply(page.getLast());
    } while (page.size() == PAGE);
  }

  private long writeLines(Path file, java.util.function.Consumer<Lines> body) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      Lines lines = new Lines(w);
      try {
        body.accept(lines);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      return lines.count;
    }
  }
}
