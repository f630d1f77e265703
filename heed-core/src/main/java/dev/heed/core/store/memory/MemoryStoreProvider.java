package dev.heed.core.store.memory;

import dev.heed.api.store.Store;
import dev.heed.api.store.StoreProvider;
import dev.heed.api.store.StoreSettings;

/** Opens {@link MemoryStore} for the URL {@code memory:}. */
public final class MemoryStoreProvider implements StoreProvider {
  @Override
  public boolean accepts(String url) {
    return url.equals("memory:");
  }

  @Override
  public Store open(StoreSettings settings) {
    return new MemoryStore();
  }
}
