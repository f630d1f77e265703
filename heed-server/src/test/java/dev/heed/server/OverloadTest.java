package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full ingest queue answers 429 with Retry-After and writes nothing of the refused request. */
class OverloadTest {
  @TempDir Path dir;

  @Test
  void aFullQueueRefusesWith429AndNothingRefusedIsStored() throws Exception {
    // room for one request's events at a time, so concurrent requests must find the queue full
    Map<String, String> env =
        Map.of("HEED_INGEST_QUEUE_CAPACITY", "20", "HEED_INGEST_MAX_EVENTS_PER_REQUEST", "20");
    try (TestServer s = new TestServer(dir, env)) {
      AtomicInteger accepted = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      List<String> unexpected = new ArrayList<>();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 16; c++) {
        int client = c;
        clients.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      for (int r = 0; r < 10; r++) {
                        StringBuilder body = new StringBuilder("[");
                        for (int i = 0; i < 20; i++) {
                          body.append(i == 0 ? "" : ",")
                              .append("{\"id\":\"o-")
                              .append(client)
                              .append('-')
                              .append(r)
                              .append('-')
                              .append(i)
                              .append("\",\"kind\":\"click\",\"userId\":\"u\",\"itemId\":\"i\"}");
                        }
                        TestServer.Response resp =
                            s.post("/v1/events", body.append(']').toString());
                        if (resp.status() == 200) {
                          accepted.addAndGet(resp.json().get("accepted").asInt());
                        } else if (resp.status() == 429
                            && resp.contentType().startsWith("application/problem+json")
                            && resp.headers().containsKey("retry-after")) {
                          refused.incrementAndGet();
                        } else {
                          synchronized (unexpected) {
                            unexpected.add(resp.status() + " " + resp.body());
                          }
                        }
                      }
                    }));
      }
      for (Thread t : clients) {
        t.join();
      }
      assertThat(unexpected).isEmpty();
      assertThat(refused.get()).as("requests refused with 429").isPositive();
      assertThat(accepted.get()).isPositive();
      assertThat(s.get("/v1/stats").json().get("events").asLong()).isEqualTo(accepted.get());
    }
  }
}
