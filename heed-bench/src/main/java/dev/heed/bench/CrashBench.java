package dev.heed.bench;

import dev.heed.testing.CrashDrill;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "crash",
    mixinStandardHelpOptions = true,
    description = {
      "Crash drill: run the server as a separate process, stream events, kill -9 it several times,",
      "restart, re-send unacknowledged batches; verify every acknowledged event is stored exactly once."
    })
final class CrashBench implements Callable<Integer> {
  @Option(
      names = "--server-jar",
      description = "The heed jar (default heed-server/target/heed.jar)")
  Path jar = Path.of("heed-server/target/heed.jar");

  @Option(names = "--kills", description = "How many times to kill the server (default 5)")
  int kills = 5;

  @Option(names = "--batches", description = "Batches to send (default 500)")
  int batches = 500;

  @Option(names = "--batch-size", description = "Events per batch (default 200)")
  int batchSize = 200;

  @Option(names = "--senders", description = "Concurrent senders (default 4)")
  int senders = 4;

  @Option(names = "--seed", description = "Seed for the kill timing (default 1)")
  long seed = 1;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(jar)) {
      System.err.println("no server jar at " + jar + "; build it with ./heed version first");
      return 2;
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("heed-crash-");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    CrashDrill.Result r =
        new CrashDrill(
                new CrashDrill.Settings(
                    List.of(java, "-jar", jar.toString()),
                    dir,
                    port,
                    batches,
                    batchSize,
                    kills,
                    senders,
                    seed),
                System.out)
            .run();
    System.out.printf(
        "kills=%d requests=%d cut-off=%d expected=%d stored=%d distinct=%d -> %s%n",
        r.kills(),
        r.requests(),
        r.failedRequests(),
        r.expected(),
        r.stored(),
        r.distinct(),
        r.ok() ? "OK: every acknowledged event stored exactly once" : "FAILED");
    System.out.println("data and server log: " + dir);
    return r.ok() ? 0 : 1;
  }
}
