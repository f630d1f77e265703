package dev.heed.api.store;

import java.util.List;
import java.util.Optional;

/** API keys, stored as hashes only. */
public interface ApiKeyStore {
  void put(ApiKey key);

  Optional<ApiKey> get(String id);

  List<ApiKey> list();

  boolean delete(String id);
}
