package dev.heed.core.store.memory;

import dev.heed.api.store.Store;
import dev.heed.testing.StoreConformanceSuite;

class MemoryStoreTest extends StoreConformanceSuite {
  @Override
  protected Store openEmptyStore() {
    return new MemoryStore();
  }
}
