package dev.heed.server.cli;

import dev.heed.server.Heed;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "rollups",
    mixinStandardHelpOptions = true,
    description = "Attention rollups (the counts behind GET /v1/metrics/...).",
    subcommands = {RollupsCommand.Rebuild.class})
final class RollupsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "rebuild",
      mixinStandardHelpOptions = true,
      description = {
        "Recompute the attention rollups exactly from the raw event log: empty them, then roll up",
        "every event again with the catalog as it is now. Safe beside a running server (each batch",
        "moves the rollup cursor with a compare-and-set, so no event is counted twice); metrics",
        "read while it runs are partial."
      })
  static final class Rebuild implements Callable<Integer> {
    @Mixin ConfigOptions options;

    @Override
    public Integer call() {
      // The background roller stays off here: this command rolls up itself.
      try (Heed heed = Heed.open(options.load(Map.of("HEED_ATTENTION_ROLLUPS", "false")))) {
        long total = heed.store().events().count();
        long start = System.nanoTime();
        long events;
        try (Progress bar =
            new Progress(System.err, "rollups rebuild", total, System.console() != null)) {
          events = heed.rollups().rebuild((done, cursor) -> bar.update(done, done));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "rebuilt attention rollups from %,d events in %.1f s (%,.0f events/s); cursor at seq %d%n",
            events,
            seconds,
            events / Math.max(seconds, 1e-9),
            heed.store().attention().cursor());
        return 0;
      }
    }
  }
}
