package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.api.store.AttentionCounts;
import dev.heed.api.store.RollupKey;
import dev.heed.core.ingest.EventCodec;
import dev.heed.core.json.Json;
import dev.heed.server.cli.HeedCli;
import dev.heed.server.config.ConfigLoader;
import dev.heed.testing.Generators;
import dev.heed.testing.Seeds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollups kept incrementally while seeded random events arrive over HTTP (with duplicates and
 * events on items missing from the catalog) equal, row for row, what {@code heed rollups rebuild}
 * computes from the raw log.
 */
class RollupRebuildTest {
  @TempDir Path dir;

  private static Map<RollupKey, AttentionCounts> rows(Heed heed) {
    Map<RollupKey, AttentionCounts> rows = new HashMap<>();
    heed.store().attention().forEach(r -> rows.put(r.key(), r.counts()));
    return rows;
  }

  @Test
  void incrementalRollupsEqualARebuildFromTheLog() {
    long seed = Seeds.seed("RollupRebuildTest");
    Generators gen = new Generators(seed, Instant.now().minusSeconds(86_400L * 120));
    java.util.Random random = new java.util.Random(seed);
    Map<RollupKey, AttentionCounts> incremental;
    long events;
    try (TestServer s = new TestServer(dir)) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        Item g = gen.item("i" + i);
        Map<String, Object> attrs = new HashMap<>(g.attributes());
        if (i % 3 > 0) {
          attrs.put("topic", i % 3 == 1 ? "t" + i % 4 : List.of("t" + i % 5, "t" + i % 7));
        }
        Item item =
            new Item(
                g.id(),
                g.title(),
                g.body(),
                g.language(),
                i % 4 == 0 ? List.of() : List.of("c" + i % 5, "c" + i % 3),
                g.tags(),
                g.author(),
                g.createdAt(),
                g.publishedAt(),
                g.expiresAt(),
                g.hidden(),
                attrs);
        items.add(Json.mapper().valueToTree(item).toString());
      }
      assertThat(s.post("/v1/items", "[" + String.join(",", items) + "]").status()).isEqualTo(200);
      List<Event> all = gen.events(20_000, 300, 70); // i60..i69 are not in the catalog
      for (int i = 0; i < all.size(); ) {
        int size = 1 + random.nextInt(1_500);
        List<Event> batch = new ArrayList<>(all.subList(i, Math.min(all.size(), i + size)));
        if (i > 0 && random.nextBoolean()) {
          batch.add(all.get(random.nextInt(i))); // a re-sent event
        }
        String body =
            batch.stream()
                .map(e -> EventCodec.write(e).toString())
                .collect(Collectors.joining(",", "[", "]"));
        var r = s.post("/v1/events", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        i += size;
      }
      MetricsApiTest.awaitRollups(s);
      incremental = rows(s.heed);
      events = s.heed.store().events().count();
    }
    assertThat(events).isEqualTo(20_000);
    assertThat(incremental).hasSizeGreaterThan(1_000);

    assertThat(HeedCli.execute("rollups", "rebuild", "--data-dir", dir.toString())).isZero();
    try (Heed heed =
        Heed.open(
            ConfigLoader.load(
                null,
                Map.of("HEED_DATA_DIR", dir.toString(), "HEED_ATTENTION_ROLLUPS", "false")))) {
      Map<RollupKey, AttentionCounts> rebuilt = rows(heed);
      assertThat(rebuilt.keySet()).isEqualTo(incremental.keySet());
      rebuilt.forEach((k, c) -> assertThat(c).as("%s", k).isEqualTo(incremental.get(k)));
      assertThat(heed.store().attention().cursor()).isEqualTo(lastSeq(heed));
    }
  }

  private static long lastSeq(Heed heed) {
    long last = 0;
    List<dev.heed.api.store.StoredEvent> page;
    long after = 0;
    do {
      page = heed.store().events().scan(dev.heed.api.store.EventQuery.all(10_000).after(after));
      if (!page.isEmpty()) {
        last = after = page.getLast().seq();
      }
    } while (page.size() == 10_000);
    return last;
  }
}
