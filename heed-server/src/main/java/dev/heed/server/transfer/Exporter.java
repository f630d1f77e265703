package dev.heed.server.transfer;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.heed.api.Item;
import dev.heed.api.User;
import dev.heed.api.store.EventQuery;
import dev.heed.api.store.Store;
import dev.heed.core.ingest.EventCodec;
import dev.heed.core.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  public Exporter(Store store) {
    this.store = store;
  }

  /**
   * Exports into {@code dir} (created if needed); {@code progress} gets the running record count.
   */
  public Counts run(Path dir, LongConsumer progress) throws IOException {
    Files.createDirectories(dir);
    ObjectWriter writer = Json.mapper().writer();
    long[] total = {0};
    long items;
    long users;
    long events = 0;
    try (BufferedWriter out =
        Files.newBufferedWriter(dir.resolve("items.jsonl"), StandardCharsets.UTF_8)) {
      items =
          pages(
              after -> store.items().page(after, PAGE),
              Item::id,
              i -> line(out, writer.writeValueAsString(i)),
              total,
              progress);
    }
    try (BufferedWriter out =
        Files.newBufferedWriter(dir.resolve("users.jsonl"), StandardCharsets.UTF_8)) {
      users =
          pages(
              after -> store.users().page(after, PAGE),
              User::id,
              u -> line(out, writer.writeValueAsString(u)),
              total,
              progress);
    }
    try (BufferedWriter out =
        Files.newBufferedWriter(dir.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
      long[] n = {0};
      store
          .events()
          .forEach(
              EventQuery.all(PAGE),
              se -> {
                try {
                  line(out, EventCodec.write(se.event()).toString());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                n[0]++;
                if (n[0] % PAGE == 0) {
                  progress.accept(total[0] + n[0]);
                }
              });
      events = n[0];
    }
    progress.accept(items + users + events);
    return new Counts(items, users, events);
  }

  private interface Pager<T> {
    List<T> page(String after);
  }

  private interface Sink<T> {
    void write(T t) throws IOException;
  }

  private static <T> long pages(
      Pager<T> pager,
      java.util.function.Function<T, String> id,
      Sink<T> sink,
      long[] total,
      LongConsumer progress)
      throws IOException {
    long n = 0;
    String after = null;
    while (true) {
      List<T> page = pager.page(after);
      for (T t : page) {
        sink.write(t);
      }
      n += page.size();
      total[0] += page.size();
      progress.accept(total[0]);
      if (page.size() < PAGE) {
        return n;
      }
      after = id.apply(page.getLast());
    }
  }

  private static void line(BufferedWriter out, String json) throws IOException {
    out.write(json);
    out.write('\n');
  }
}
