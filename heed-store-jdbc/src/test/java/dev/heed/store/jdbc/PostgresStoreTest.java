package dev.heed.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.heed.api.store.Store;
import dev.heed.api.store.StoreSettings;
import dev.heed.core.store.Stores;
import dev.heed.testing.PostgresFixture;
import dev.heed.testing.StoreConformanceSuite;

class PostgresStoreTest extends StoreConformanceSuite {
  @Override
  protected Store openEmptyStore() {
    assumeTrue(
        PostgresFixture.server().isPresent(),
        () -> "PostgreSQL tests skipped: " + PostgresFixture.whyUnavailable());
    PostgresFixture.Target t = PostgresFixture.newSchema();
    return Stores.open(new StoreSettings(t.url(), t.user(), t.password(), 4));
  }
}
