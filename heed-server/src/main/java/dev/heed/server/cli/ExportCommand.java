package dev.heed.server.cli;

import dev.heed.api.store.StoreCounts;
import dev.heed.api.store.UserData;
import dev.heed.core.json.Json;
import dev.heed.server.Heed;
import dev.heed.server.transfer.Exporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export the store as JSON Lines (items.jsonl, users.jsonl, events.jsonl) that 'heed import' reads back,",
      "or, with --user, everything stored about one user as one JSON document on stdout."
    })
final class ExportCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Directory to write (default ./heed-export)")
  Path out = Path.of("heed-export");

  @Option(
      names = "--user",
      paramLabel = "ID",
      description = "Export only this user's data, to stdout")
  String user;

  @Override
  public Integer call() throws IOException {
    try (Heed heed = Heed.open(options.load(Map.of()))) {
      if (user != null) {
        UserData data = heed.store().export(user);
        System.out.println(
            Json.mapper()
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(Exporter.userDocument(data)));
        return data.user() == null && data.events().isEmpty() ? 1 : 0;
      }
      StoreCounts counts = heed.store().counts();
      long total = counts.items() + counts.users() + counts.events();
      Exporter.Counts c;
      try (Progress progress =
          new Progress(System.err, "export", total, System.console() != null)) {
        c = new Exporter(heed.store(), n -> progress.update(n, n)).run(out);
      }
      System.out.printf(
          "exported %,d items, %,d users, %,d events to %s%n",
          c.items(), c.users(), c.events(), out);
      return 0;
    }
  }
}
