package dev.heed.server.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.api.User;
import dev.heed.api.store.EventStore.AppendStatus;
import dev.heed.core.ingest.EventCodec;
import dev.heed.core.ingest.FieldError;
import dev.heed.core.ingest.InvalidInputException;
import dev.heed.core.json.Json;
import dev.heed.server.Heed;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Imports items, users or events from CSV (with a header row) or JSON Lines, through the same
 * validation and ingest path as the API. Safe to re-run: items and users are upserts, events are
 * idempotent by id, and an event row without an id gets one derived from its content.
 */
public final class Importer {
  /** What to import. */
  public enum Kind {
    ITEMS,
    USERS,
    EVENTS
  }

  /** The file format; AUTO looks at the first non-blank character ({@code {} means JSON Lines). */
  public enum Format {
    AUTO,
    CSV,
    JSONL
  }

  /** A row that was not imported, with its line number (1-based) and why. */
  public record Rejection(long line, String reason) {}

  /** The outcome of an import. */
  public record Report(long rows, long written, long duplicates, List<Rejection> rejections) {}

  /** Called with (bytes read, rows read) as the import goes. */
  public interface Listener extends BiConsumer<Long, Long> {}

  private static final Set<String> EVENT_NUMBERS = Set.of("position", "dwellMs", "value", "rating");

  private final Heed heed;
  private final int batchSize;

  public Importer(Heed heed, int batchSize) {
    this.heed = heed;
    this.batchSize = batchSize;
  }

  public Report run(Kind kind, Path file, Format format, Listener listener) throws IOException {
    Format f = format == Format.AUTO ? detect(file) : format;
    Batch batch = new Batch(kind);
    long rows = 0;
    try (CountingStream in = new CountingStream(Files.newInputStream(file))) {
      if (f == Format.JSONL) {
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        long lineNo = 0;
        while ((line = reader.readLine()) != null) {
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          rows++;
          try {
            batch.add(lineNo, Json.mapper().readTree(line));
          } catch (JsonProcessingException e) {
            batch.reject(lineNo, "not valid JSON: " + e.getOriginalMessage());
          }
          listener.accept(in.count, rows);
        }
      } else {
        CsvMapper csv = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        try (MappingIterator<Map<String, String>> it =
            csv.readerFor(Map.class).with(schema).readValues(reader)) {
          while (true) {
            Map<String, String> row;
            long lineNo = it.getCurrentLocation().getLineNr(); // where the next row starts
            try {
              if (!it.hasNextValue()) {
                break;
              }
              row = it.nextValue();
            } catch (IOException | RuntimeException e) {
              // a malformed CSV row: report it and stop, since the parser cannot resynchronise
              batch.reject(it.getCurrentLocation().getLineNr(), "malformed CSV: " + e.getMessage());
              break;
            }
            rows++;
            batch.add(lineNo, fromCsv(kind, row));
            listener.accept(in.count, rows);
          }
        }
      }
    }
    batch.flush();
    return new Report(rows, batch.written, batch.duplicates, batch.rejections);
  }

  static Format detect(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      int c;
      while ((c = in.read()) != -1) {
        if (c == 0xEF || c == 0xBB || c == 0xBF || Character.isWhitespace(c)) {
          continue; // byte-order mark or blank
        }
        return c == '{' ? Format.JSONL : Format.CSV;
      }
    }
    return Format.JSONL;
  }

  /** A CSV row as the JSON object the API would take. */
  static ObjectNode fromCsv(Kind kind, Map<String, String> row) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    for (var e : row.entrySet()) {
      String key = e.getKey().trim();
      String value = e.getValue();
      if (value == null || value.isEmpty() || key.isEmpty()) {
        continue;
      }
      int dot = key.indexOf('.');
      if (dot > 0) {
        // attributes.color, consent.analytics, context.device
        ObjectNode sub =
            n.has(key.substring(0, dot))
                ? (ObjectNode) n.get(key.substring(0, dot))
                : n.putObject(key.substring(0, dot));
        String field = key.substring(dot + 1);
        if (key.startsWith("consent.")) {
          sub.put(field, Boolean.parseBoolean(value.trim()));
        } else {
          sub.put(field, value);
        }
        continue;
      }
      switch (kind) {
        case ITEMS -> {
          if (key.equals("categories") || key.equals("tags")) {
            var arr = n.putArray(key);
            for (String part : value.split("\\|")) {
              if (!part.isBlank()) {
                arr.add(part.trim());
              }
            }
          } else if (key.equals("hidden")) {
            n.put(key, Boolean.parseBoolean(value.trim()));
          } else {
            putScalar(n, key, value, key.endsWith("At"));
          }
        }
        case USERS -> putScalar(n, key, value, key.endsWith("At"));
        case EVENTS ->
            putScalar(n, key, value, EVENT_NUMBERS.contains(key) || key.equals("timestamp"));
      }
    }
    return n;
  }

  /** Numbers stay numbers where a number is expected (epoch millis, dwellMs, value). */
  private static void putScalar(ObjectNode n, String key, String value, boolean numeric) {
    if (numeric && value.matches("-?\\d+")) {
      n.put(key, Long.parseLong(value));
    } else if (numeric && value.matches("-?\\d*\\.\\d+([eE][-+]?\\d+)?")) {
      n.put(key, Double.parseDouble(value));
    } else {
      n.put(key, value);
    }
  }

  /** Rows waiting to be written, flushed every {@code batchSize}. */
  private final class Batch {
    private final Kind kind;
    private final List<Object> records = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private long written;
    private long duplicates;

    Batch(Kind kind) {
      this.kind = kind;
    }

    void reject(long line, String reason) {
      rejections.add(new Rejection(line, reason));
    }

    void add(long line, JsonNode node) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      List<FieldError> errors;
      Object record = null;
      try {
        switch (kind) {
          case ITEMS -> {
            Item item = Json.bind(node, Item.class);
            errors = heed.validation().check(item);
            record = item;
          }
          case USERS -> {
            User user = Json.bind(node, User.class);
            errors = heed.validation().check(user);
            record = user;
          }
          case EVENTS -> {
            if (node.isObject() && !node.hasNonNull("id")) {
              ((ObjectNode) node).put("id", derivedId(node));
            }
            EventCodec.Parsed p = EventCodec.read(node, () -> now);
            errors = p.ok() ? heed.validation().check(p.event(), now) : p.errors();
            record = p.event();
          }
          default -> throw new IllegalStateException();
        }
      } catch (InvalidInputException e) {
        errors = e.errors();
      }
      if (!errors.isEmpty()) {
        reject(line, new InvalidInputException(errors).getMessage());
        return;
      }
      records.add(record);
      if (records.size() >= batchSize) {
        flush();
      }
    }

    @SuppressWarnings("unchecked")
    void flush() {
      if (records.isEmpty()) {
        return;
      }
      switch (kind) {
        case ITEMS -> heed.store().items().upsert((List<Item>) (List<?>) records);
        case USERS -> heed.store().users().upsert((List<User>) (List<?>) records);
        case EVENTS -> {
          for (AppendStatus s : heed.ingest().append((List<Event>) (List<?>) records)) {
            if (s == AppendStatus.DUPLICATE) {
              duplicates++;
            }
          }
        }
      }
      written += records.size();
      records.clear();
    }
  }

  /** A stable id for an event row that has none, so re-running an import adds nothing. */
  static String derivedId(JsonNode node) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(Json.mapper().writeValueAsBytes(node));
      return "imp-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts bytes read, for the progress bar. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
