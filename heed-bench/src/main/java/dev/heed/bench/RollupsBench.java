package dev.heed.bench;

import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.server.Heed;
import dev.heed.server.config.ConfigLoader;
import dev.heed.server.http.HttpApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "rollups",
    mixinStandardHelpOptions = true,
    description = {
      "The cost of attention analytics on SQLite: HTTP ingest throughput with rollups off and on",
      "(alternating runs in one session, medians), and latency of the metrics queries over a store",
      "of --query-events events loaded straight into the store and rolled up."
    })
final class RollupsBench implements Callable<Integer> {
  private static final String KEY = "bench-admin-key-0123456789";
  private static final long DAY = 86_400_000L;

  @Option(names = "--events", description = "Events per ingest run (default 200000)")
  int events = 200_000;

  @Option(names = "--batch", description = "Events per request (default 1000)")
  int batch = 1_000;

  @Option(names = "--clients", description = "Concurrent batched clients (default 4)")
  int clients = 4;

  @Option(names = "--runs", description = "Ingest runs per setting (default 3)")
  int runs = 3;

  @Option(names = "--items", description = "Catalog size (default 20000)")
  int items = 20_000;

  @Option(names = "--query-events", description = "Events in the query store (default 10000000)")
  long queryEvents = 10_000_000;

  @Option(names = "--queries", description = "Measured requests per query kind (default 300)")
  int queries = 300;

  @Option(names = "--seed", description = "Seed of the synthetic data (default 1)")
  long seed = 1;

  @Option(
      names = "--query-store",
      paramLabel = "DIR",
      description = {
        "Keep the query store in DIR (not deleted). When DIR already holds one from an earlier run",
        "(same --items, --query-events and --seed), its queries are measured without loading it",
        "again; load and catch-up are then not measured."
      })
  Path queryStore;

  @Option(
      names = "--doc",
      paramLabel = "FILE",
      description = "Record the figures in this Markdown file (e.g. docs/benchmarks.md)")
  Path doc;

  record Ingest(double ackPerSecond, double caughtUpPerSecond) {}

  @Override
  public Integer call() throws Exception {
    long now = Instant.now().toEpochMilli();
    List<Double> offAck = new ArrayList<>();
    List<Double> onAck = new ArrayList<>();
    List<Double> onCaught = new ArrayList<>();
    for (int r = 0; r < runs + 1; r++) { // run 0 warms the JIT up and is not counted
      for (boolean on : new boolean[] {false, true}) {
        Ingest m = ingestRun(on, r, now);
        System.err.printf(
            Locale.ROOT,
            "run %d rollups %s: %,.0f events/s acknowledged, %,.0f events/s rolled up%n",
            r,
            on ? "on" : "off",
            m.ackPerSecond(),
            m.caughtUpPerSecond());
        if (r > 0) {
          (on ? onAck : offAck).add(m.ackPerSecond());
          if (on) {
            onCaught.add(m.caughtUpPerSecond());
          }
        }
      }
    }
    Map<String, double[]> latencies = new LinkedHashMap<>();
    double[] load = queryRun(now, latencies);

    StringBuilder md = new StringBuilder();
    md.append(
            BenchDoc.header(
                "Attention rollups",
                "./heed bench rollups --events "
                    + events
                    + " --batch "
                    + batch
                    + " --clients "
                    + clients
                    + " --runs "
                    + runs
                    + " --items "
                    + items
                    + " --query-events "
                    + queryEvents
                    + " --queries "
                    + queries
                    + (queryStore == null ? "" : " --query-store " + queryStore)))
        .append("Ingest over HTTP into SQLite (WAL, synchronous=FULL), ")
        .append(String.format(Locale.ROOT, "%,d events a run", events))
        .append(", ")
        .append(batch)
        .append(" events a request from ")
        .append(clients)
        .append(" clients, a fresh store each run, runs alternating off/on in one session (one")
        .append(" warm-up pair not counted); median of ")
        .append(runs)
        .append(". Events: 60% impressions, 12% clicks, 15% dwells, 5% completes, 4% likes, 4%")
        .append(" shares over 30 days, on a catalog of ")
        .append(String.format(Locale.ROOT, "%,d", items))
        .append(" items (500 creators, 2 of 30 categories and one of 50 topics each).")
        .append(" *Acknowledged*: events/s until the last response (2xx = durable).")
        .append(" *Rolled up*: events/s until the rollups had caught up with the log too.\n\n")
        .append("| rollups | acknowledged | rolled up |\n|---|---:|---:|\n")
        .append(
            String.format(
                Locale.ROOT,
                "| off | %,.0f events/s | - |%n| on | %,.0f events/s | %,.0f events/s |%n%n",
                median(offAck),
                median(onAck),
                median(onCaught)))
        .append(
            Double.isNaN(load[0])
                ? String.format(
                    Locale.ROOT,
                    "Query store: %,d events loaded by an earlier run (`--query-store`; load and"
                        + " catch-up are not measured in this one), %,d rollup rows. Then %d"
                        + " requests of each kind over HTTP, one at a time, after 20 warm-up"
                        + " requests; random items, 30-day windows ending now.%n%n",
                    queryEvents,
                    (long) load[2],
                    queries)
                : String.format(
                    Locale.ROOT,
                    "Query store: %,d events loaded straight into SQLite in %.0f s (%,.0f events/s) with"
                        + " rollups on; the rollups caught up %.0f s after the last append (%,d rollup"
                        + " rows). Then %d requests of each kind over HTTP, one at a time, after 20"
                        + " warm-up requests; random items, 30-day windows ending now.%n%n",
                    queryEvents,
                    load[0],
                    queryEvents / load[0],
                    load[1],
                    (long) load[2],
                    queries))
        .append("| query | p50 | p99 |\n|---|---:|---:|\n");
    latencies.forEach(
        (name, l) ->
            md.append(
                String.format(Locale.ROOT, "| `%s` | %.1f ms | %.1f ms |%n", name, l[0], l[1])));
    System.out.println(md);
    if (doc != null) {
      BenchDoc.write(doc, "rollups", md.toString());
    }
    return 0;
  }

  private Heed open(Path dir, boolean rollups) {
    return Heed.open(
        ConfigLoader.load(
            null,
            Map.of(
                "HEED_DATA_DIR",
                dir.toString(),
                "HEED_ADMIN_KEY",
                KEY,
                "HEED_ATTENTION_ROLLUPS",
                Boolean.toString(rollups))));
  }

  private List<Item> catalog(Random random) {
    List<Item> out = new ArrayList<>(items);
    Instant t = Instant.now();
    for (int i = 0; i < items; i++) {
      int c1 = random.nextInt(30);
      out.add(
          new Item(
              "i" + i,
              "item " + i,
              null,
              "en",
              List.of("c" + c1, "c" + (c1 + 1 + random.nextInt(29)) % 30),
              List.of(),
              "a" + random.nextInt(500),
              t,
              t,
              null,
              false,
              Map.of("topic", "t" + random.nextInt(50))));
    }
    return out;
  }

  /** Event n of a stream of {@code total} spread evenly over the 30 days before {@code now}. */
  private static Event event(Random random, String id, long n, long total, long now, int items) {
    long ts = now - 30 * DAY + (long) ((double) n / total * 30 * DAY);
    Instant at = Instant.ofEpochMilli(ts);
    // popularity skewed towards low item numbers
    String item = "i" + (int) (items * Math.pow(random.nextDouble(), 2));
    String user = "u" + random.nextInt(100_000);
    int k = random.nextInt(100);
    if (k < 60) {
      return new Event.Impression(id, user, item, at, "home", 1 + k % 10, null, null, null);
    } else if (k < 72) {
      return new Event.Click(id, user, item, at, null);
    } else if (k < 87) {
      return new Event.Dwell(
          id, user, item, at, (long) (1000 * Math.exp(random.nextGaussian() * 1.2 + 2.5)), null);
    } else if (k < 92) {
      return new Event.Complete(id, user, item, at, null);
    } else if (k < 96) {
      return new Event.Like(id, user, item, at, null);
    }
    return new Event.Share(id, user, item, at, null);
  }

  private Ingest ingestRun(boolean rollups, int run, long now) throws Exception {
    Path dir = Files.createTempDirectory("heed-bench-rollups-");
    try (Heed heed = open(dir, rollups);
        HttpApi api = new HttpApi(heed)) {
      String base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
      Random random = new Random(seed + run);
      heed.store().items().upsert(catalog(random));
      int requests = events / batch;
      List<String> bodies = new ArrayList<>(requests);
      for (int r = 0; r < requests; r++) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < batch; i++) {
          long n = (long) r * batch + i;
          Event e = event(random, "r" + run + "-" + n, n, events, now, items);
          sb.append(i == 0 ? "" : ",").append(dev.heed.core.ingest.EventCodec.write(e));
        }
        bodies.add(sb.append(']').toString());
      }
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      AtomicInteger next = new AtomicInteger();
      long start = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      int r;
                      while ((r = next.getAndIncrement()) < requests) {
                        send(client, "POST", base + "/v1/events", bodies.get(r));
                      }
                    }));
      }
      for (Thread t : threads) {
        t.join();
      }
      double ack = (System.nanoTime() - start) / 1e9;
      double caught = Double.NaN;
      if (rollups) {
        while (!heed.rollups().caughtUp()) {
          Thread.sleep(10);
        }
        caught = (System.nanoTime() - start) / 1e9;
      }
      long stored = heed.store().events().count();
      if (stored != (long) requests * batch) {
        throw new IllegalStateException("stored " + stored + " of " + requests * batch);
      }
      return new Ingest(stored / ack, stored / caught);
    } finally {
      delete(dir);
    }
  }

  /** Loads the query store, measures the queries; returns load seconds, catch-up seconds, rows. */
  private double[] queryRun(long now, Map<String, double[]> latencies) throws Exception {
    boolean reuse = queryStore != null && Files.exists(queryStore.resolve("heed.db"));
    Path dir =
        queryStore != null
            ? Files.createDirectories(queryStore)
            : Files.createTempDirectory("heed-bench-rollups-q-");
    try (Heed heed = open(dir, true);
        HttpApi api = new HttpApi(heed)) {
      String base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
      Random random = new Random(seed);
      if (!reuse) {
        heed.store().items().upsert(catalog(random));
      }
      long start = System.nanoTime();
      int page = 20_000;
      for (long n = 0; n < (reuse ? 0 : queryEvents); n += page) {
        List<Event> chunk = new ArrayList<>(page);
        for (long i = n; i < Math.min(queryEvents, n + page); i++) {
          chunk.add(event(random, "q" + i, i, queryEvents, now, items));
        }
        heed.store().events().append(chunk);
        heed.rollups().nudge();
        if (n % 1_000_000 == 0) {
          System.err.printf(Locale.ROOT, "loaded %,d events%n", n);
        }
      }
      double load = reuse ? Double.NaN : (System.nanoTime() - start) / 1e9;
      long appended = System.nanoTime();
      while (!heed.rollups().caughtUp()) {
        Thread.sleep(100);
      }
      double catchUp = (System.nanoTime() - appended) / 1e9;
      long[] rows = {0};
      heed.store().attention().forEach(r -> rows[0]++);
      System.err.printf(Locale.ROOT, "loaded in %.0f s, rolled up %.0f s later%n", load, catchUp);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String to = Instant.ofEpochMilli(now).toString();
      String from = Instant.ofEpochMilli(now - 30 * DAY).toString();
      String range = "from=" + from + "&to=" + to;
      Map<String, java.util.function.Supplier<String>> kinds = new LinkedHashMap<>();
      kinds.put(
          "GET /v1/metrics/items/{id}?bucket=day (30 days)",
          () -> "/v1/metrics/items/i" + random.nextInt(items) + "?bucket=day&" + range);
      kinds.put(
          "GET /v1/metrics/items/{id}?bucket=hour (7 days)",
          () ->
              "/v1/metrics/items/i"
                  + random.nextInt(items)
                  + "?bucket=hour&from="
                  + Instant.ofEpochMilli(now - 7 * DAY)
                  + "&to="
                  + to);
      kinds.put(
          "GET /v1/metrics/top?metric=attention (items, 30 days)",
          () -> "/v1/metrics/top?metric=attention&" + range);
      kinds.put(
          "GET /v1/metrics/top?metric=ctr&category=c (30 days)",
          () -> "/v1/metrics/top?metric=ctr&category=c" + random.nextInt(30) + "&" + range);
      kinds.put(
          "GET /v1/metrics/top?metric=clicks&dimension=creator (30 days)",
          () -> "/v1/metrics/top?metric=clicks&dimension=creator&" + range);
      kinds.put(
          "GET /v1/metrics/top?metric=trending", () -> "/v1/metrics/top?metric=trending&to=" + to);
      for (var k : kinds.entrySet()) {
        Histogram h = new Histogram(3);
        for (int i = 0; i < 20 + queries; i++) {
          long t0 = System.nanoTime();
          send(client, "GET", base + k.getValue().get(), null);
          if (i >= 20) {
            h.recordValue((System.nanoTime() - t0) / 1_000);
          }
        }
        latencies.put(
            k.getKey(),
            new double[] {
              h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0
            });
        System.err.printf(
            Locale.ROOT,
            "%s: p50 %.1f ms, p99 %.1f ms%n",
            k.getKey(),
            h.getValueAtPercentile(50) / 1000.0,
            h.getValueAtPercentile(99) / 1000.0);
      }
      return new double[] {load, catchUp, rows[0]};
    } finally {
      if (queryStore == null) {
        delete(dir);
      }
    }
  }

  private static String send(HttpClient client, String method, String url, String body) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY);
      if (body != null) {
        b.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            method + " " + url + ": HTTP " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double median(List<Double> values) {
    return BenchDoc.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static void delete(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
