package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.testing.CrashDrill;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real server process with SIGKILL mid-stream, several times; no acknowledged event is lost
 * or doubled.
 */
class CrashRecoveryIT {
  @TempDir Path dir;

  @Test
  void acknowledgedEventsSurviveKillMinusNineExactlyOnce() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(java, "-cp", System.getProperty("java.class.path"), "dev.heed.server.cli.HeedCli");
    CrashDrill.Result r =
        new CrashDrill(new CrashDrill.Settings(command, dir, port, 300, 200, 4, 3, 42), System.out)
            .run();
    System.out.println(r);
    assertThat(r.kills()).isEqualTo(4);
    assertThat(r.failedRequests())
        .as("some requests must have been cut off by the kills")
        .isPositive();
    assertThat(r.stored()).isEqualTo(r.expected());
    assertThat(r.distinct()).isEqualTo(r.expected());
    assertThat(r.ok()).isTrue();
  }
}
