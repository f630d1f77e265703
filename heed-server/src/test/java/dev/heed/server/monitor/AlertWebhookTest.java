package dev.heed.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The webhook's signature against RFC 4231, its retries against a receiver that always fails. */
class AlertWebhookTest {
  @Test
  void signatureIsHmacSha256Hex() {
    // RFC 4231, test case 2.
    assertThat(
            AlertWebhook.signature(
                "Jefe".getBytes(StandardCharsets.UTF_8),
                "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void givesUpAfterThreeAttempts() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        ex -> {
          ex.getRequestBody().readAllBytes();
          calls.incrementAndGet();
          ex.sendResponseHeaders(500, -1);
          ex.close();
        });
    receiver.start();
    URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/");
    try (AlertWebhook hook = new AlertWebhook(url, "0123456789abcdef", Duration.ofMillis(10))) {
      CompletableFuture<Boolean> done = new CompletableFuture<>();
      hook.send(Map.of("type", "test"), done::complete);
      assertThat(done.get(10, TimeUnit.SECONDS)).isFalse();
      assertThat(calls.get()).isEqualTo(AlertWebhook.ATTEMPTS);
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void aShortSecretOrAnotherSchemeIsRefused() {
    assertThatThrownBy(
            () -> new AlertWebhook(URI.create("http://localhost/"), "short", Duration.ZERO))
        .hasMessageContaining("at least 16 characters");
    assertThatThrownBy(
            () ->
                new AlertWebhook(URI.create("ftp://localhost/"), "0123456789abcdef", Duration.ZERO))
        .hasMessageContaining("http or https");
    assertThatThrownBy(
            () ->
                MonitorEngine.fromEnvironment(
                    null,
                    new dev.heed.core.store.memory.MemoryStore(),
                    3.5,
                    Map.of("HEED_MONITOR_WEBHOOK_URL", "http://x/")))
        .hasMessageContaining("HEED_MONITOR_WEBHOOK_SECRET");
  }
}
