package dev.heed.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.core.json.Json;
import dev.heed.core.recommend.feed.FeedSnapshot;
import dev.heed.eval.data.InteractionLog;
import dev.heed.eval.data.SyntheticData;
import dev.heed.server.Heed;
import dev.heed.server.config.ConfigLoader;
import dev.heed.server.http.HttpApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Feed serving latency: a SQLite store with a synthetic catalog and interactions, one trained",
      "snapshot, then wrk requesting GET /v1/users/{id}/recommendations?n=N for random users (5% of",
      "them unknown, served by fallbacks) at a set rate, and once as fast as it goes. Median of --runs."
    })
final class ServeBench implements Callable<Integer> {
  private static final String KEY = "bench-admin-key-0123456789";

  private static final String SCRIPT =
      """
      local users = 1
      local n = 20
      local pause = 0
      init = function(args)
        users = tonumber(args[1])
        n = tonumber(args[2])
        pause = tonumber(args[3])
        math.randomseed(os.time() + math.floor(os.clock() * 1000000))
      end
      PACED_DELAY
      request = function()
        local path
        if users == 0 then
          path = string.format("/v1/popular?n=%d", n)
        elseif math.random() < 0.05 then
          path = string.format("/v1/users/new%d/recommendations?n=%d", math.random(1, 1000000), n)
        else
          path = string.format("/v1/users/u%d/recommendations?n=%d", math.random(0, users - 1), n)
        end
        return wrk.format("GET", path, {["Authorization"] = "Bearer KEY"})
      end
      """;

  @Option(names = "--users", description = "Users (default 20000)")
  int users = 20_000;

  @Option(names = "--items", description = "Catalog items (default 20000)")
  int items = 20_000;

  @Option(names = "--interactions", description = "Synthetic interactions (default 1000000)")
  int interactions = 1_000_000;

  @Option(names = "--algorithm", description = "recommend.algorithm (default blend)")
  String algorithm = "blend";

  @Option(names = "--n", description = "Items per page (default 20)")
  int n = 20;

  @Option(names = "--rate", description = "Requests/s to pace at (default 3000)")
  int rate = 3_000;

  @Option(names = "--clients", description = "Connections (default 32)")
  int clients = 32;

  @Option(names = "--seconds", description = "Length of a run (default 20)")
  int seconds = 20;

  @Option(names = "--runs", description = "Runs, median reported (default 3)")
  int runs = 3;

  @Option(names = "--json", description = "Print one JSON object instead of a table")
  boolean json;

  @Option(names = "--doc", paramLabel = "FILE", description = "Record the figures in this file")
  Path doc;

  record Figures(double perSecond, double p50Ms, double p99Ms, long errors) {}

  @Override
  public Integer call() throws Exception {
    if (!WrkLoad.available()) {
      throw new IllegalStateException("this benchmark needs wrk (apt-get install wrk)");
    }
    Path dir = Files.createTempDirectory("heed-bench-serve-");
    Map<String, String> env = new HashMap<>();
    env.put("HEED_DATA_DIR", dir.toString());
    env.put("HEED_ADMIN_KEY", KEY);
    env.put("HEED_RECOMMEND_ALGORITHM", algorithm);
    env.put("HEED_RECOMMEND_RETRAIN_EVENTS", "0");
    env.put("HEED_RECOMMEND_RETRAIN_INTERVAL", "PT0S");
    env.put("HEED_RECOMMEND_EVALUATE_ON_BUILD", "false");
    try (Heed heed = Heed.open(ConfigLoader.load(null, env));
        HttpApi api = new HttpApi(heed)) {
      load(heed);
      // A freshly loaded store's rollups take minutes to catch up, on one of the two cores: wait,
      // so the figures are those of a server whose background work has caught up.
      while (heed.config().attention().rollups() && !heed.rollups().caughtUp()) {
        System.err.printf(
            Locale.ROOT,
            "serve: waiting for the attention rollups (at event %,d)%n",
            heed.store().attention().cursor());
        Thread.sleep(15_000);
      }
      System.err.println("serve: training " + algorithm);
      FeedSnapshot.Info info = heed.feeds().train((stage, done, total) -> {}).join();
      System.err.printf(
          Locale.ROOT,
          "serve: snapshot of %,d users x %,d items, %,d interactions, built in %.1f s%n",
          info.users(),
          info.items(),
          info.interactions(),
          info.buildSeconds());
      String base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
      String script = SCRIPT.replace("KEY", KEY).replace("PACED_DELAY", WrkLoad.PACED_DELAY);
      System.err.println("serve: warming up");
      wrk(base, script, 0, 20);
      double pause =
          WrkLoad.calibratePause(clients, rate, p -> wrk(base, script, p, 5).perSecond());
      System.err.printf(Locale.ROOT, "serve: pausing %.2f ms after each response%n", pause);
      List<Figures> paced = new ArrayList<>();
      List<Figures> open = new ArrayList<>();
      List<Figures> control = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        paced.add(wrk(base, script, pause, seconds));
        control.add(wrk(base, script, pause, seconds, 0));
        open.add(wrk(base, script, 0, seconds));
        System.err.printf(
            Locale.ROOT,
            "serve run %d: paced %,.0f req/s p99 %.2f ms; unpaced %,.0f req/s p99 %.2f ms%n",
            r + 1,
            paced.getLast().perSecond(),
            paced.getLast().p99Ms(),
            open.getLast().perSecond(),
            open.getLast().p99Ms());
      }
      report(info, median(paced), median(open), median(control), pause);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    return 0;
  }

  /** A synthetic catalog (20 categories) and click history, straight into the store. */
  private void load(Heed heed) {
    List<Item> batch = new ArrayList<>();
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < items; i++) {
      batch.add(
          new Item(
              "i" + i,
              "Item " + i,
              null,
              null,
              List.of("c" + (i % 20)),
              List.of(),
              null,
              start.plusSeconds(60L * i),
              start.plusSeconds(60L * i),
              null,
              false,
              Map.of()));
      if (batch.size() == 5_000) {
        heed.store().items().upsert(batch);
        batch.clear();
      }
    }
    heed.store().items().upsert(batch);
    InteractionLog log =
        new SyntheticData(users, items, interactions, 7, Math.max(2, Math.min(50, items / 40)))
            .generate();
    List<Event> events = new ArrayList<>();
    for (int row = 0; row < log.size(); row++) {
      events.add(
          new Event.Click(
              "s" + row,
              "u" + log.user(row),
              "i" + log.item(row),
              Instant.ofEpochMilli(log.time(row)),
              Map.of()));
      if (events.size() == 20_000) {
        heed.store().events().append(events);
        events.clear();
        if (row % 200_000 < 20_000) {
          System.err.printf(Locale.ROOT, "serve: loaded %,d/%,d events%n", row + 1, log.size());
        }
      }
    }
    heed.store().events().append(events);
  }

  private Figures wrk(String base, String script, double pauseMs, int secs) throws Exception {
    return wrk(base, script, pauseMs, secs, users);
  }

  /** {@code userCount} 0 requests GET /v1/popular instead: the control. */
  private Figures wrk(String base, String script, double pauseMs, int secs, int userCount)
      throws Exception {
    WrkLoad.Measured m =
        WrkLoad.runScript(
            base,
            script,
            clients,
            secs,
            List.of(
                Integer.toString(userCount),
                Integer.toString(n),
                String.format(Locale.ROOT, "%.3f", pauseMs)));
    return new Figures(m.requests() / m.seconds(), m.p50Ms(), m.p99Ms(), m.errors());
  }

  private static Figures median(List<Figures> runs) {
    return new Figures(
        BenchDoc.median(runs.stream().mapToDouble(Figures::perSecond).toArray()),
        BenchDoc.median(runs.stream().mapToDouble(Figures::p50Ms).toArray()),
        BenchDoc.median(runs.stream().mapToDouble(Figures::p99Ms).toArray()),
        runs.stream().mapToLong(Figures::errors).sum());
  }

  private void report(
      FeedSnapshot.Info info, Figures paced, Figures open, Figures control, double pause)
      throws Exception {
    String command =
        String.format(
            Locale.ROOT,
            "./heed bench serve --users %d --items %d --interactions %d --algorithm %s --n %d --rate"
                + " %d --clients %d --seconds %d --runs %d",
            users,
            items,
            interactions,
            algorithm,
            n,
            rate,
            clients,
            seconds,
            runs);
    if (json) {
      ObjectNode out = Json.mapper().createObjectNode();
      out.put("command", command);
      out.put("machine", Machine.describe());
      out.put("build_seconds", info.buildSeconds());
      out.set("paced", Json.mapper().valueToTree(paced));
      out.set("unpaced", Json.mapper().valueToTree(open));
      out.set("control_popular_paced", Json.mapper().valueToTree(control));
      System.out.println(out.toPrettyString());
    }
    String table =
        String.format(
            Locale.ROOT,
            "| load | requests/s | p50 ms | p99 ms | errors |%n|---|---|---|---|---|%n"
                + "| paced (%d connections, %.1f ms pause) | %,.0f | %.2f | %.2f | %d |%n"
                + "| as fast as it goes (%d connections) | %,.0f | %.2f | %.2f | %d |%n"
                + "| control: GET /v1/popular?n=%d, paced the same | %,.0f | %.2f | %.2f | %d |%n",
            clients,
            pause,
            paced.perSecond(),
            paced.p50Ms(),
            paced.p99Ms(),
            paced.errors(),
            clients,
            open.perSecond(),
            open.p50Ms(),
            open.p99Ms(),
            open.errors(),
            n,
            control.perSecond(),
            control.p50Ms(),
            control.p99Ms(),
            control.errors());
    if (!json) {
      System.out.print(table);
    }
    if (doc != null) {
      String md =
          BenchDoc.header("Feed serving", command)
              + String.format(
                  Locale.ROOT,
                  "Snapshot: %,d users x %,d catalog items, %,d interactions (%s), built in %.1f s."
                      + " GET /v1/users/{id}/recommendations?n=%d for uniformly random users, 5%%"
                      + " of them unknown (fallback path); wrk (2 threads, its own process) and the"
                      + " server share the 2 cores over loopback. The control requests a"
                      + " precomputed ranking through the same HTTP, auth and JSON path: the"
                      + " latency the machine adds without any scoring. Measured once the attention"
                      + " rollups had caught up with the loaded events. Median of %d runs.%n%n",
                  info.users(),
                  info.catalogItems(),
                  info.interactions(),
                  algorithm,
                  info.buildSeconds(),
                  n,
                  runs)
              + table;
      BenchDoc.write(doc, "serve", md);
    }
  }
}
