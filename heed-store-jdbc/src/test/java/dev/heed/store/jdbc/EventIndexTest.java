package dev.heed.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.heed.api.Event;
import dev.heed.api.store.EventQuery;
import dev.heed.api.store.StoreSettings;
import dev.heed.api.store.StoredEvent;
import dev.heed.core.store.Stores;
import dev.heed.testing.Generators;
import dev.heed.testing.PostgresFixture;
import dev.heed.testing.Seeds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scans by user and item read the bulk-indexed part of the log and the unindexed tail; whatever the
 * watermark, they must see exactly the matching events, and erase must reach both parts.
 */
class EventIndexTest {
  @TempDir Path dir;

  private JdbcStore open(String dialect) {
    if (dialect.equals("sqlite")) {
      return (JdbcStore)
          Stores.open(new StoreSettings("jdbc:sqlite:" + dir.resolve("heed.db"), null, null, 4));
    }
    assumeTrue(
        PostgresFixture.server().isPresent(),
        () -> "PostgreSQL skipped: " + PostgresFixture.whyUnavailable());
    PostgresFixture.Target t = PostgresFixture.newSchema();
    return (JdbcStore) Stores.open(new StoreSettings(t.url(), t.user(), t.password(), 4));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void scansAgreeWithTheLogWhereverTheWatermarkIs(String dialect) {
    Generators gen = new Generators(Seeds.seed("EventIndexTest"));
    try (JdbcStore store = open(dialect)) {
      List<Event> all = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        List<Event> batch = gen.events(300, 6, 9);
        store.events().append(batch);
        all.addAll(batch);
        if (round % 2 == 0) {
          store.indexTail(round == 0 ? 100_000 : 170); // all of the first round, part of the third
        }
        // (the background indexer may also have moved the watermark; scans must not care)
        check(store, all);
      }
      Instant from = Instant.parse("2026-02-01T00:00:00Z");
      assertScan(
          store,
          new EventQuery("u1", "i2", from, null, 0, 3),
          all,
          e -> e.userId().equals("u1") && "i2".equals(e.itemId()) && !e.timestamp().isBefore(from));
      long mine = all.stream().filter(e -> e.userId().equals("u3")).count();
      assertThat(store.erase("u3").eventsDeleted()).isEqualTo(mine);
      List<Event> rest = all.stream().filter(e -> !e.userId().equals("u3")).toList();
      check(store, rest);
      store.indexTail(100_000);
      assertThat(store.unindexed()).isZero();
      check(store, rest);
    }
  }

  private static void check(JdbcStore store, List<Event> all) {
    for (int u = 0; u < 6; u++) {
      String user = "u" + u;
      assertScan(store, EventQuery.byUser(user, 7), all, e -> e.userId().equals(user));
    }
    for (int i = 0; i < 9; i++) {
      String item = "i" + i;
      assertScan(store, EventQuery.byItem(item, 11), all, e -> item.equals(e.itemId()));
    }
    assertScan(store, EventQuery.all(50), all, e -> true);
  }

  private static void assertScan(
      JdbcStore store, EventQuery q, List<Event> all, Predicate<Event> p) {
    List<Event> got = new ArrayList<>();
    store.events().forEach(q, (StoredEvent se) -> got.add(se.event()));
    assertThat(got).as("%s", q).isEqualTo(all.stream().filter(p).toList());
  }
}
