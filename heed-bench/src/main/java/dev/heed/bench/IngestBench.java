package dev.heed.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.core.json.Json;
import dev.heed.server.Heed;
import dev.heed.server.config.ConfigLoader;
import dev.heed.server.http.HttpApi;
import dev.heed.testing.PostgresFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Ingest throughput and latency over HTTP: batched (1,000 events a request) and single-event requests,",
      "into SQLite (WAL, synchronous=FULL) and PostgreSQL (fsync on), with a real server on loopback.",
      "Reports the median of --runs runs."
    })
final class IngestBench implements Callable<Integer> {
  private static final String KEY = "bench-admin-key-0123456789";

  @Option(names = "--stores", split = ",", description = "sqlite, postgresql (default both)")
  List<String> stores = List.of("sqlite", "postgresql");

  @Option(names = "--events", description = "Events per batched run (default 500000)")
  int events = 500_000;

  @Option(names = "--batch", description = "Events per batched request (default 1000)")
  int batch = 1_000;

  @Option(names = "--batch-clients", description = "Concurrent batched clients (default 4)")
  int batchClients = 4;

  @Option(
      names = "--single-seconds",
      description = "Length of a single-event run in seconds (default 15)")
  int singleSeconds = 15;

  @Option(names = "--single-clients", description = "Concurrent single-event clients (default 32)")
  int singleClients = 32;

  @Option(
      names = "--client",
      description =
          "wrk (a separate load-generator process; default when installed) or java (HttpClient in the server's JVM)")
  String clientKind = WrkLoad.available() ? "wrk" : "java";

  @Option(
      names = "--batch-seconds",
      description = "Length of a batched run with wrk in seconds (default 15)")
  int batchSeconds = 15;

  @Option(
      names = "--single-rate",
      description =
          "Pace the single-event load at about this many requests/s (wrk only; default 0: as fast as the"
              + " connections go). Latency at a set rate is what a p99 target is about.")
  int singleRate;

  /** The pause after each single-event response that paces the load at --single-rate. */
  private double pauseMs;

  @Option(
      names = "--runs",
      description = "Measured runs per store (default 3); the median is reported")
  int runs = 3;

  @Option(names = "--json", description = "Print one JSON object instead of a table")
  boolean json;

  @Option(
      names = "--doc",
      paramLabel = "FILE",
      description = "Record the figures in this Markdown file (e.g. docs/benchmarks.md)")
  Path doc;

  /** One run's figures: throughput and latency percentiles in milliseconds. */
  record Figures(double perSecond, double p50Ms, double p99Ms, long count) {}

  @Override
  public Integer call() throws Exception {
    System.setProperty("heed.pg.fsync", "on");
    Map<String, Map<String, Figures>> results = new LinkedHashMap<>();
    for (String store : stores) {
      Map<String, String> env = new HashMap<>();
      Path dir = Files.createTempDirectory("heed-bench-");
      env.put("HEED_DATA_DIR", dir.toString());
      env.put("HEED_ADMIN_KEY", KEY);
      switch (store) {
        case "sqlite" -> {}
        case "postgresql" -> {
          if (PostgresFixture.server().isEmpty()) {
            System.err.println("skipping postgresql: " + PostgresFixture.whyUnavailable());
            continue;
          }
          PostgresFixture.Target t = PostgresFixture.newSchema();
          env.put("HEED_STORE_URL", t.url());
          if (t.user() != null) {
            env.put("HEED_STORE_USER", t.user());
          }
        }
        default ->
            throw new IllegalArgumentException(
                "unknown store " + store + " (sqlite or postgresql)");
      }
      try (Heed heed = Heed.open(ConfigLoader.load(null, env));
          HttpApi api = new HttpApi(heed)) {
        String base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        boolean wrk = clientKind.equals("wrk");
        System.err.printf("%s: warming up (client %s)%n", store, clientKind);
        if (wrk) {
          // the JIT needs a while on 2 cores before the figures settle
          viaWrk(heed, base, "warm-b", batch, batchClients, 20);
          pauseMs = 0;
          viaWrk(heed, base, "warm-s", 1, singleClients, 10);
          if (singleRate > 0) {
            pauseMs =
                WrkLoad.calibratePause(
                    singleClients,
                    singleRate,
                    p -> {
                      pauseMs = p;
                      return viaWrk(heed, base, "cal-" + Math.round(p * 1000), 1, singleClients, 5)
                          .perSecond();
                    });
            System.err.printf(
                Locale.ROOT, "%s: pausing %.2f ms after each response%n", store, pauseMs);
          }
        } else {
          batched(client, base, "warm", Math.min(events, 100_000));
          single(client, base, "warm", 3);
        }
        List<Figures> b = new ArrayList<>();
        List<Figures> s = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
          b.add(
              wrk
                  ? viaWrk(heed, base, "b" + r, batch, batchClients, batchSeconds)
                  : batched(client, base, "r" + r, events));
          System.err.printf(
              "%s run %d batched: %,.0f events/s%n", store, r + 1, b.getLast().perSecond());
          s.add(
              wrk
                  ? viaWrk(heed, base, "s" + r, 1, singleClients, singleSeconds)
                  : single(client, base, "r" + r, singleSeconds));
          System.err.printf(
              "%s run %d single: %,.0f requests/s, p99 %.1f ms%n",
              store, r + 1, s.getLast().perSecond(), s.getLast().p99Ms());
        }
        Map<String, Figures> m = new LinkedHashMap<>();
        m.put("batched", median(b));
        m.put("single", median(s));
        results.put(store, m);
      } finally {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
    String command = "./heed bench ingest " + String.join(" ", describeOptions());
    if (json) {
      ObjectNode out = Json.mapper().createObjectNode();
      out.put("command", command);
      out.put("machine", Machine.describe());
      results.forEach((store, m) -> out.set(store, Json.mapper().valueToTree(m)));
      System.out.println(out.toPrettyString());
    } else {
      System.out.println(table(results));
    }
    if (doc != null) {
      String md =
          (singleRate > 0
                  ? "## Ingest over HTTP, single events at a set rate\n\n"
                  : "## Ingest over HTTP\n\n")
              + "Command: `"
              + command
              + "`  \n"
              + "Machine: "
              + Machine.describe()
              + "  \n"
              + "Date: "
              + java.time.LocalDate.now()
              + "\n\n"
              + "Server and load generator share the machine over loopback; the load generator is "
              + (clientKind.equals("wrk")
                  ? "wrk (2 threads, its own process)"
                  : "Java HttpClient in the server's JVM")
              + ". Batched: "
              + batchClients
              + " connections sending "
              + batch
              + " events a request; single: "
              + singleClients
              + " connections each sending one event a request, "
              + (singleRate > 0
                  ? "paced to about "
                      + singleRate
                      + " requests/s in all (each connection pauses after a response)"
                  : "back to back")
              + " (closed loop, so latency excludes queueing before send). A response means the events are durable (SQLite WAL with "
              + "synchronous=FULL; PostgreSQL with fsync on). Median of "
              + runs
              + " runs.\n\n"
              + table(results);
      BenchDoc.write(doc, singleRate > 0 ? "ingest-paced" : "ingest", md);
    }
    return 0;
  }

  private List<String> describeOptions() {
    List<String> o =
        new ArrayList<>(List.of("--client " + clientKind, "--stores " + String.join(",", stores)));
    o.add(clientKind.equals("wrk") ? "--batch-seconds " + batchSeconds : "--events " + events);
    o.addAll(
        List.of(
            "--batch " + batch,
            "--batch-clients " + batchClients,
            "--single-seconds " + singleSeconds,
            "--single-clients " + singleClients,
            "--runs " + runs));
    if (singleRate > 0) {
      o.add("--single-rate " + singleRate);
    }
    return o;
  }

  /** A wrk run, checked against what the store gained, so a lost event would show. */
  private Figures viaWrk(
      Heed heed, String base, String tag, int perRequest, int connections, int seconds)
      throws Exception {
    double delayMs = perRequest == 1 ? pauseMs : 0;
    long before = settledCount(heed);
    WrkLoad.Measured m = WrkLoad.run(base, KEY, tag, perRequest, connections, seconds, delayMs);
    long gained = settledCount(heed) - before;
    if (m.errors() > 0) {
      throw new IllegalStateException("wrk saw " + m.errors() + " failed requests in run " + tag);
    }
    long acknowledged = m.requests() * perRequest;
    // wrk stops counting at its deadline; requests then in flight still commit, at most one a
    // connection
    if (gained < acknowledged || gained > acknowledged + (long) connections * perRequest) {
      throw new IllegalStateException(
          "the store gained " + gained + " events but " + acknowledged + " were acknowledged");
    }
    return new Figures(acknowledged / m.seconds(), m.p50Ms(), m.p99Ms(), acknowledged);
  }

  /**
   * The event count once requests left in flight by the previous run have committed and what
   * follows the log in the background has caught up (the store's index; the attention rollups when
   * they are on, as by default), so one run does not pay for the last.
   */
  private static long settledCount(Heed heed) throws InterruptedException {
    long last = -1;
    long waitingSince = System.nanoTime();
    while (true) {
      long now = heed.store().events().count();
      if (now == last
          && heed.ingest().queued() == 0
          && heed.store().backlog() < 25_000
          && (!heed.config().attention().rollups() || heed.rollups().caughtUp())) {
        return now;
      }
      if (System.nanoTime() - waitingSince > 30_000_000_000L) {
        System.err.printf(
            Locale.ROOT,
            "waiting for the background work to catch up: rollups up to seq %,d, %,d events in the log%n",
            heed.store().attention().cursor(),
            now);
        waitingSince = System.nanoTime();
      }
      last = now;
      Thread.sleep(300);
    }
  }

  private static String table(Map<String, Map<String, Figures>> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| store | mode | throughput | p50 latency | p99 latency |\n|---|---|---:|---:|---:|\n");
    results.forEach(
        (store, m) -> {
          Figures b = m.get("batched");
          Figures s = m.get("single");
          sb.append(
              String.format(
                  Locale.ROOT,
                  "| %s | batched | %,.0f events/s | %.1f ms | %.1f ms |%n",
                  store,
                  b.perSecond(),
                  b.p50Ms(),
                  b.p99Ms()));
          sb.append(
              String.format(
                  Locale.ROOT,
                  "| %s | single event | %,.0f requests/s | %.2f ms | %.2f ms |%n",
                  store,
                  s.perSecond(),
                  s.p50Ms(),
                  s.p99Ms()));
        });
    return sb.toString();
  }

  private static Figures median(List<Figures> runs) {
    double[] t = runs.stream().mapToDouble(Figures::perSecond).sorted().toArray();
    double[] p50 = runs.stream().mapToDouble(Figures::p50Ms).sorted().toArray();
    double[] p99 = runs.stream().mapToDouble(Figures::p99Ms).sorted().toArray();
    return new Figures(mid(t), mid(p50), mid(p99), runs.stream().mapToLong(Figures::count).sum());
  }

  private static double mid(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private Figures batched(HttpClient client, String base, String tag, int total) throws Exception {
    int requests = total / batch;
    List<String> bodies = new ArrayList<>(requests);
    for (int r = 0; r < requests; r++) {
      StringBuilder sb = new StringBuilder(batch * 110).append('[');
      for (int i = 0; i < batch; i++) {
        int n = r * batch + i;
        sb.append(i == 0 ? "" : ",")
            .append("{\"id\":\"b-")
            .append(tag)
            .append('-')
            .append(n)
            .append("\",\"kind\":\"click\",\"userId\":\"u")
            .append(n % 10_007)
            .append("\",\"itemId\":\"i")
            .append(n % 20_011)
            .append("\",\"timestamp\":")
            .append(1_767_225_600_000L + n)
            .append('}');
      }
      bodies.add(sb.append(']').toString());
    }
    AtomicInteger next = new AtomicInteger();
    AtomicLong accepted = new AtomicLong();
    Histogram[] latencies = new Histogram[batchClients];
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < batchClients; c++) {
      Histogram h = latencies[c] = new Histogram(3);
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int r;
                    while ((r = next.getAndIncrement()) < requests) {
                      long t0 = System.nanoTime();
                      String body = post(client, base, bodies.get(r));
                      h.recordValue((System.nanoTime() - t0) / 1_000);
                      accepted.addAndGet(count(body, "\"status\":\"accepted\""));
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (accepted.get() != (long) requests * batch) {
      throw new IllegalStateException(
          "only " + accepted.get() + " of " + requests * batch + " events were accepted");
    }
    return figures(latencies, accepted.get() / seconds, accepted.get());
  }

  private Figures single(HttpClient client, String base, String tag, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong n = new AtomicLong();
    Histogram[] latencies = new Histogram[singleClients];
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < singleClients; c++) {
      Histogram h = latencies[c] = new Histogram(3);
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (System.nanoTime() < deadline) {
                      long i = n.incrementAndGet();
                      String body =
                          "{\"id\":\"s-"
                              + tag
                              + "-"
                              + i
                              + "\",\"kind\":\"dwell\",\"userId\":\"u"
                              + (i % 10_007)
                              + "\",\"itemId\":\"i"
                              + (i % 20_011)
                              + "\",\"dwellMs\":"
                              + (i % 60_000)
                              + "}";
                      long t0 = System.nanoTime();
                      String r = post(client, base, body);
                      h.recordValue((System.nanoTime() - t0) / 1_000);
                      if (!r.contains("\"accepted\":1")) {
                        throw new IllegalStateException("not accepted: " + r);
                      }
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long total = Arrays.stream(latencies).mapToLong(Histogram::getTotalCount).sum();
    return figures(latencies, total / elapsed, total);
  }

  private static Figures figures(Histogram[] parts, double perSecond, long count) {
    Histogram all = new Histogram(3);
    for (Histogram h : parts) {
      all.add(h);
    }
    return new Figures(
        perSecond,
        all.getValueAtPercentile(50) / 1000.0,
        all.getValueAtPercentile(99) / 1000.0,
        count);
  }

  private static String post(HttpClient client, String base, String body) {
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                  .header("Authorization", "Bearer " + KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long count(String s, String needle) {
    long n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
