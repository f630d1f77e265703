package dev.heed.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.core.store.memory.MemoryStore;
import dev.heed.server.config.ConfigLoader;
import dev.heed.server.config.HeedConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training schedule and snapshot files, on a memory store. */
class FeedEngineTest {
  @TempDir Path dir;

  private static HeedConfig.Recommend config(Map<String, String> env) {
    return ConfigLoader.load(null, env).recommend();
  }

  private static List<Event> clicks(int from, int count) {
    List<Event> events = new ArrayList<>();
    for (int k = from; k < from + count; k++) {
      events.add(new Event.Click("e" + k, "u" + (k % 7), "i" + (k % 5), Instant.now(), Map.of()));
    }
    return events;
  }

  @Test
  void retrainsAfterTheConfiguredNumberOfEventsAndAnotherEngineReloadsTheFile() throws Exception {
    MemoryStore store = new MemoryStore();
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      items.add(
          new Item(
              "i" + i, "t", null, null, List.of(), List.of(), null, null, null, null, false,
              Map.of()));
    }
    store.items().upsert(items);
    var cfg =
        config(
            Map.of(
                "HEED_RECOMMEND_RETRAIN_EVENTS", "20",
                "HEED_RECOMMEND_RETRAIN_INTERVAL", "PT0S",
                "HEED_RECOMMEND_EVALUATE_ON_BUILD", "false"));
    try (FeedEngine engine = new FeedEngine(store, cfg, dir, Clock.systemUTC());
        FeedEngine replica = new FeedEngine(store, cfg, dir, Clock.systemUTC())) {
      engine.start(100);
      replica.start(100);
      assertThat(engine.service().snapshot().info().events()).isZero();
      // 19 events: below the threshold, no build.
      for (Event e : clicks(0, 19)) {
        store.events().append(List.of(e));
        engine.observe(e);
      }
      Thread.sleep(500);
      assertThat(engine.service().snapshot().info().events()).isZero();
      assertThat(engine.building()).isFalse();
      // The 20th starts one.
      Event last = clicks(19, 1).get(0);
      store.events().append(List.of(last));
      engine.observe(last);
      long deadline = System.currentTimeMillis() + 20_000;
      while (engine.service().snapshot().info().events() < 20
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(engine.service().snapshot().info().events()).isEqualTo(20);
      assertThat(engine.service().live().eventsSinceBuild()).isZero();
      // The replica shares the directory and picks the file up without training itself.
      while (replica.service().snapshot().info().events() < 20
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(replica.service().snapshot().info().events()).isEqualTo(20);
    }
  }
}
