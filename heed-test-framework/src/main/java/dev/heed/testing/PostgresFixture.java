package dev.heed.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests. Uses {@code HEED_TEST_PG_URL} (with {@code HEED_TEST_PG_USER}
 * and {@code HEED_TEST_PG_PASSWORD}) when set, as CI does; otherwise starts a throwaway cluster
 * with the machine's {@code initdb} and {@code pg_ctl} (as the {@code postgres} user when run as
 * root) and stops it when the JVM exits. Each {@link #newSchema()} is a fresh, empty schema, so
 * tests never see each other's rows. The throwaway cluster runs with {@code fsync=off} unless
 * {@code -Dheed.pg.fsync=on}, as benchmarks set it to measure durable writes.
 */
public final class PostgresFixture {
  /** Connection details of one database (or schema) to test against. */
  public record Target(String url, String user, String password) {}

  private static Target server;
  private static String unavailable;

  private PostgresFixture() {}

  /**
   * The server, or empty with the reason in {@link #whyUnavailable()}. When {@code HEED_REQUIRE_PG}
   * is set, an unavailable server is an error instead.
   */
  public static synchronized Optional<Target> server() {
    if (server == null && unavailable == null) {
      try {
        server = locate();
      } catch (Exception e) {
        unavailable = e.getMessage();
      }
      if (server == null && System.getenv("HEED_REQUIRE_PG") != null) {
        throw new IllegalStateException(
            "HEED_REQUIRE_PG is set but PostgreSQL is unavailable: " + unavailable);
      }
    }
    return Optional.ofNullable(server);
  }

  public static synchronized String whyUnavailable() {
    return unavailable;
  }

  /** A new empty schema on the server; its URL selects it as the current schema. */
  public static Target newSchema() {
    Target t =
        server()
            .orElseThrow(() -> new IllegalStateException("PostgreSQL unavailable: " + unavailable));
    String schema = "heed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(t.url(), t.user(), t.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create a schema on " + t.url() + ": " + e.getMessage(), e);
    }
    String sep = t.url().contains("?") ? "&" : "?";
    return new Target(t.url() + sep + "currentSchema=" + schema, t.user(), t.password());
  }

  private static Target locate() throws Exception {
    String url = System.getenv("HEED_TEST_PG_URL");
    if (url != null && !url.isBlank()) {
      return new Target(
          url, System.getenv("HEED_TEST_PG_USER"), System.getenv("HEED_TEST_PG_PASSWORD"));
    }
    Path bin = findBinaries();
    if (bin == null) {
      unavailable =
          "no HEED_TEST_PG_URL and no initdb/pg_ctl found on PATH or under /usr/lib/postgresql"
              + " (install the Debian package postgresql, or set HEED_TEST_PG_URL)";
      return null;
    }
    return startThrowawayCluster(bin);
  }

  private static Path findBinaries() throws IOException {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir));
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions.sorted(Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin")));
      }
    }
    for (Path dir : candidates) {
      if (Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))) {
        return dir.resolve("initdb").toRealPath().getParent();
      }
    }
    return null;
  }

  private static Target startThrowawayCluster(Path bin) throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("heed-pg-");
    Path data = dir.resolve("data");
    if (root) {
      run(List.of("chown", "postgres:postgres", dir.toString()), false);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-A",
            "trust",
            "-U",
            "heed",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"),
        root);
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-w",
            "-o",
            "-p "
                + port
                + " -k "
                + dir
                + " -c listen_addresses=127.0.0.1 -c fsync="
                + System.getProperty("heed.pg.fsync", "off")
                + " -c max_connections=200",
            "start"),
        root);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    run(
                        List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            data.toString(),
                            "-m",
                            "immediate",
                            "stop"),
                        root);
                    try (Stream<Path> files = Files.walk(dir)) {
                      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                  } catch (Exception ignored) {
                    // the JVM is exiting; a left-over temp directory is harmless
                  }
                }));
    return new Target("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "heed", null);
  }

  private static void run(List<String> command, boolean asPostgres)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (asPostgres) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("'" + String.join(" ", cmd) + "' failed: " + out.strip());
    }
  }
}
