package dev.heed.server.monitor;

import dev.heed.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts as JSON to one URL, signed with {@code X-Heed-Signature: sha256=<hex
 * HMAC-SHA256(secret, body)>}, on a background thread: up to {@link #ATTEMPTS} attempts, waiting
 * {@code backoff}, then twice that, between them. A 2xx answer is a delivery.
 */
public final class AlertWebhook implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertWebhook.class);

  public static final int ATTEMPTS = 3;

  private final URI url;
  private final byte[] secret;
  private final Duration backoff;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService sender =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "heed-monitor-webhook");
            t.setDaemon(true);
            return t;
          });

  public AlertWebhook(URI url, String secret, Duration backoff) {
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("the webhook URL must be http or https: " + url);
    }
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException(
          "the webhook secret (HEED_MONITOR_WEBHOOK_SECRET) must be at least 16 characters");
    }
    this.url = url;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.backoff = backoff;
  }

  /** The signature header's value for {@code body}. */
  public static String signature(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** Queues {@code payload}; {@code done} hears true once delivered, false after the last try. */
  void send(Map<String, Object> payload, Consumer<Boolean> done) {
    byte[] body;
    try {
      body = Json.mapper().writeValueAsBytes(payload);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    sender.execute(() -> attempt(body, 1, done));
  }

  private void attempt(byte[] body, int attempt, Consumer<Boolean> done) {
    String failure;
    try {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .header("X-Heed-Signature", signature(secret, body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 == 2) {
        done.accept(true);
        return;
      }
      failure = "status " + status;
    } catch (java.io.IOException e) {
      failure = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done.accept(false);
      return;
    }
    if (attempt >= ATTEMPTS) {
      log.warn("monitor webhook: giving up after {} attempts: {}", attempt, failure);
      done.accept(false);
      return;
    }
    long wait = backoff.toMillis() << (attempt - 1);
    sender.schedule(() -> attempt(body, attempt + 1, done), wait, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    sender.shutdownNow();
  }
}
