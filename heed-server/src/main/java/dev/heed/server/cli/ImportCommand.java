package dev.heed.server.cli;

import dev.heed.server.Heed;
import dev.heed.server.transfer.Importer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import items, users or events from CSV (header row) or JSON Lines; the format is detected.",
      "Rows are validated like API requests; rejected rows are reported with line numbers.",
      "Safe to re-run: items and users are replaced, events are idempotent by id (a row without",
      "an id gets one derived from its content)."
    })
final class ImportCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Parameters(index = "0", paramLabel = "KIND", description = "items, users or events")
  String kind;

  @Parameters(index = "1", paramLabel = "FILE", description = "CSV or JSONL file")
  Path file;

  @Option(names = "--format", description = "auto, csv or jsonl (default auto)")
  Importer.Format format = Importer.Format.AUTO;

  @Option(names = "--batch", description = "Records per write (default 1000)")
  int batch = 1_000;

  @Option(
      names = "--rejects",
      paramLabel = "FILE",
      description = "Write every rejected row's line number and reason here")
  Path rejectsFile;

  @Override
  public Integer call() throws IOException {
    Importer.Kind k =
        switch (kind) {
          case "items" -> Importer.Kind.ITEMS;
          case "users" -> Importer.Kind.USERS;
          case "events" -> Importer.Kind.EVENTS;
          default ->
              throw new IllegalArgumentException(
                  "KIND must be items, users or events, was '" + kind + "'");
        };
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    if (batch < 1 || batch > 100_000) {
      throw new IllegalArgumentException("--batch must be 1-100000");
    }
    try (Heed heed = Heed.open(options.load(Map.of()));
        Progress progress =
            new Progress(
                System.err, "import " + kind, Files.size(file), System.console() != null)) {
      Importer.Report r = new Importer(heed, batch).run(k, file, format, progress::update);
      progress.close();
      System.out.printf(
          "%s: %,d rows read, %,d new, %,d already present, %,d rejected%n",
          file, r.rows(), r.written() - r.duplicates(), r.duplicates(), r.rejections().size());
      int shown = 0;
      for (Importer.Rejection rej : r.rejections()) {
        if (shown++ == 20) {
          System.out.println(
              "  ... "
                  + (r.rejections().size() - 20)
                  + " more"
                  + (rejectsFile == null ? " (use --rejects FILE for all)" : ""));
          break;
        }
        System.out.println("  line " + rej.line() + ": " + rej.reason());
      }
      if (rejectsFile != null) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(rejectsFile))) {
          r.rejections().forEach(rej -> w.println(rej.line() + "\t" + rej.reason()));
        }
      }
      return r.rejections().isEmpty() ? 0 : 1;
    }
  }
}
