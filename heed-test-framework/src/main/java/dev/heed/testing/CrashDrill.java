package dev.heed.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Proves that an acknowledged event is never lost nor doubled: runs a Heed server as a separate
 * process, streams batches of events with client ids from several senders, kills the server with
 * SIGKILL several times mid-stream, restarts it, re-sends every batch whose acknowledgement did not
 * arrive, and finally reads back the whole log.
 */
public final class CrashDrill {
  /**
   * @param serverCommand the command that runs the heed CLI (for example {@code java -jar
   *     heed.jar}); {@code serve --data-dir --port} is appended
   */
  public record Settings(
      List<String> serverCommand,
      Path dataDir,
      int port,
      int batches,
      int batchSize,
      int kills,
      int senders,
      long seed) {}

  /** What happened. {@code ok} is the verdict: the log holds every event exactly once. */
  public record Result(
      int kills,
      long requests,
      long failedRequests,
      long expected,
      long stored,
      long distinct,
      boolean ok) {}

  private static final String KEY = "crash-drill-admin-key-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Settings s;
  private final PrintStream log;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;
  private volatile Process server;
  private int starts;

  public CrashDrill(Settings settings, PrintStream log) {
    this.s = settings;
    this.log = log;
    this.base = "http://127.0.0.1:" + settings.port();
  }

  public Result run() throws Exception {
    start();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger acked = new AtomicInteger();
    AtomicLong requests = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < s.senders(); t++) {
      senders.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int b;
                    while ((b = next.getAndIncrement()) < s.batches()) {
                      String body = batch(b);
                      while (true) {
                        requests.incrementAndGet();
                        if (send(body)) {
                          acked.incrementAndGet();
                          break;
                        }
                        failures.incrementAndGet();
                        sleep(50);
                      }
                    }
                  }));
    }
    Random random = new Random(s.seed());
    for (int k = 1; k <= s.kills(); k++) {
      int target = (int) ((long) s.batches() * k / (s.kills() + 1));
      while (acked.get() < target) {
        sleep(5);
      }
      sleep(random.nextInt(30));
      log.printf("kill -9 #%d after %d acknowledged batches%n", k, acked.get());
      server.destroyForcibly(); // SIGKILL: no shutdown hook runs
      server.waitFor();
      start();
    }
    for (Thread t : senders) {
      t.join();
    }
    Set<String> ids = new HashSet<>();
    long stored = 0;
    String cursor = "";
    while (cursor != null) {
      JsonNode page = get("/v1/events?limit=1000&cursor=" + cursor);
      for (JsonNode e : page.get("events")) {
        ids.add(e.get("id").asText());
        stored++;
      }
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    }
    server.destroy();
    server.waitFor();
    long expected = (long) s.batches() * s.batchSize();
    boolean allThere = true;
    for (int b = 0; b < s.batches() && allThere; b++) {
      for (int i = 0; i < s.batchSize(); i++) {
        if (!ids.contains(id(b, i))) {
          allThere = false;
          break;
        }
      }
    }
    boolean ok = allThere && stored == expected && ids.size() == expected;
    return new Result(s.kills(), requests.get(), failures.get(), expected, stored, ids.size(), ok);
  }

  private static String id(int batch, int i) {
    return "drill-" + batch + "-" + i;
  }

  private String batch(int b) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < s.batchSize(); i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(id(b, i))
          .append("\",\"kind\":\"click\",\"userId\":\"u")
          .append(i % 97)
          .append("\",\"itemId\":\"i")
          .append(b % 89)
          .append("\"}");
    }
    return sb.append(']').toString();
  }

  /** True when the server acknowledged the whole batch (each event accepted or duplicate). */
  private boolean send(String body) {
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                  .header("Authorization", "Bearer " + KEY)
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return false;
      }
      JsonNode n = JSON.readTree(r.body());
      return n.get("accepted").asInt() + n.get("duplicates").asInt() == s.batchSize();
    } catch (IOException e) {
      return false; // the server died under us: the batch counts as unacknowledged
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + KEY)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private void start() throws Exception {
    List<String> cmd = new ArrayList<>(s.serverCommand());
    cmd.addAll(
        List.of(
            "serve", "--data-dir", s.dataDir().toString(), "--port", Integer.toString(s.port())));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(
        ProcessBuilder.Redirect.appendTo(s.dataDir().resolve("drill-server.log").toFile()));
    pb.environment().put("HEED_ADMIN_KEY", KEY);
    s.dataDir().toFile().mkdirs();
    server = pb.start();
    starts++;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "the server exited with "
                + server.exitValue()
                + "; see "
                + s.dataDir().resolve("drill-server.log"));
      }
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          log.printf("server start #%d ready%n", starts);
          return;
        }
      } catch (ConnectException e) {
        // not listening yet
      } catch (IOException e) {
        // not ready yet
      }
      sleep(50);
    }
    server.destroyForcibly();
    throw new IllegalStateException("the server did not become ready within 60 s");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
