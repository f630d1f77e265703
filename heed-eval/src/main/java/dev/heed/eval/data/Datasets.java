package dev.heed.eval.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads interaction data sets: a file in one of the {@link DataFormat}s, or {@code
 * synthetic:USERS,ITEMS,INTERACTIONS,SEED} for the seeded generator. With a minimum rating, rows
 * whose weight is below it are dropped; otherwise every row is a positive interaction.
 */
public final class Datasets {
  private Datasets() {}

  /** Loads {@code data} in {@code format} ("auto" detects it); {@code minRating} may be null. */
  public static InteractionLog load(String data, String format, Double minRating) {
    if (data.startsWith("synthetic:")) {
      return SyntheticData.parse(data).generate();
    }
    return load(data, format, minRating, new InteractionLog());
  }

  /**
   * Loads into {@code log} (sharing its id indices, as a test file must with its training file).
   */
  public static InteractionLog load(
      String data, String format, Double minRating, InteractionLog log) {
    Path path = Path.of(data);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no data file at " + path.toAbsolutePath());
    }
    DataFormat f =
        format == null || format.equals("auto") ? detect(path) : DataFormat.parse(format);
    try {
      switch (f) {
        case ML_DAT -> readDoubleColon(path, minRating, log);
        case ML100K -> readDelimited(path, '\t', false, true, minRating, log);
        case ML_CSV -> readDelimited(path, ',', true, true, minRating, log);
        case LASTFM -> readDelimited(path, '\t', true, false, minRating, log);
        case CSV -> readGeneric(path, minRating, log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path + ": " + e.getMessage(), e);
    }
    if (log.size() == 0) {
      throw new IllegalArgumentException(
          "no interactions in " + path + " (format " + f.cliName + ")");
    }
    return log;
  }

  /** Guesses the format from the file name and first line. */
  public static DataFormat detect(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    String first = firstLine(path);
    if (first.contains("::")) {
      return DataFormat.ML_DAT;
    }
    if (name.equals("u.data") || name.startsWith("u") && name.matches("u\\d?\\.(base|test)")) {
      return DataFormat.ML100K;
    }
    if (first.toLowerCase(Locale.ROOT).startsWith("userid\tartistid")) {
      return DataFormat.LASTFM;
    }
    if (first.startsWith("userId,movieId")) {
      return DataFormat.ML_CSV;
    }
    return DataFormat.CSV;
  }

  private static String firstLine(Path path) {
    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
      String line = r.readLine();
      return line == null ? "" : line;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path + ": " + e.getMessage(), e);
    }
  }

  /** ratings.dat: user::item::rating::seconds (a fixed numeric layout, not CSV). */
  private static void readDoubleColon(Path path, Double minRating, InteractionLog log)
      throws IOException {
    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("::");
        if (f.length < 3) {
          throw new IllegalArgumentException(path + ":" + lineNo + ": expected user::item::rating");
        }
        addRow(
            log,
            f[0],
            f[1],
            number(f[2], path, lineNo),
            f.length > 3 ? seconds(f[3], path, lineNo) : 0,
            minRating);
      }
    }
  }

  private static void readDelimited(
      Path path,
      char separator,
      boolean header,
      boolean timeColumn,
      Double minRating,
      InteractionLog log)
      throws IOException {
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
    try (MappingIterator<String[]> it = reader(schema).readValues(path.toFile())) {
      int lineNo = 0;
      while (it.hasNext()) {
        String[] f = it.next();
        lineNo++;
        if ((header && lineNo == 1) || (f.length == 1 && f[0].isBlank())) {
          continue;
        }
        if (f.length < 3 || (timeColumn && f.length < 4)) {
          throw new IllegalArgumentException(
              path + ":" + lineNo + ": expected " + (timeColumn ? 4 : 3) + " columns");
        }
        addRow(
            log,
            f[0],
            f[1],
            number(f[2], path, lineNo),
            timeColumn ? seconds(f[3], path, lineNo) : 0,
            minRating);
      }
    }
  }

  /**
   * user,item[,weight][,timestamp]: comma or tab (whichever the first line has), header skipped
   * when its weight/timestamp columns are not numbers. Timestamps: unix seconds, or milliseconds
   * when above 10^11.
   */
  private static void readGeneric(Path path, Double minRating, InteractionLog log)
      throws IOException {
    String first = firstLine(path);
    char separator = first.indexOf('\t') >= 0 ? '\t' : ',';
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
    try (MappingIterator<String[]> it = reader(schema).readValues(path.toFile())) {
      int lineNo = 0;
      while (it.hasNext()) {
        String[] f = it.next();
        lineNo++;
        if (f.length == 1 && f[0].isBlank()) {
          continue;
        }
        if (f.length < 2) {
          throw new IllegalArgumentException(path + ":" + lineNo + ": expected user,item[,weight]");
        }
        if (lineNo == 1 && isHeader(f)) {
          continue;
        }
        float w = f.length > 2 && !f[2].isBlank() ? number(f[2], path, lineNo) : 1f;
        long t = f.length > 3 && !f[3].isBlank() ? time(f[3], path, lineNo) : 0;
        addRow(log, f[0].trim(), f[1].trim(), w, t, minRating);
      }
    }
  }

  private static boolean isHeader(String[] f) {
    if (f.length == 2) {
      String a = f[0].trim().toLowerCase(Locale.ROOT);
      return a.equals("user") || a.equals("user_id") || a.equals("userid");
    }
    try {
      Double.parseDouble(f[2].trim());
      return false;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static com.fasterxml.jackson.databind.ObjectReader reader(CsvSchema schema) {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    mapper.enable(CsvParser.Feature.TRIM_SPACES);
    return mapper.readerFor(String[].class).with(schema);
  }

  private static void addRow(
      InteractionLog log, String user, String item, float w, long t, Double minRating) {
    if (minRating == null || w >= minRating) {
      log.add(user, item, w, t);
    }
  }

  private static float number(String s, Path path, int lineNo) {
    try {
      return Float.parseFloat(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(path + ":" + lineNo + ": '" + s + "' is not a number");
    }
  }

  private static long seconds(String s, Path path, int lineNo) {
    try {
      return Long.parseLong(s.trim()) * 1000;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(path + ":" + lineNo + ": '" + s + "' is not unix seconds");
    }
  }

  private static long time(String s, Path path, int lineNo) {
    try {
      long v = Long.parseLong(s.trim());
      return v > 100_000_000_000L ? v : v * 1000;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(path + ":" + lineNo + ": '" + s + "' is not a timestamp");
    }
  }
}
