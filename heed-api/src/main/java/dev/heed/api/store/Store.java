package dev.heed.api.store;

/**
 * Where Heed keeps its catalog, users, events, API keys and experiment definitions. Implementations
 * are found by name through {@link StoreProvider}; every one passes the conformance suite in
 * heed-test-framework. All methods are safe to call from many threads.
 */
public interface Store extends AutoCloseable {
  ItemStore items();

  UserStore users();

  EventStore events();

  ApiKeyStore apiKeys();

  ExperimentStore experiments();

  /** Attention rollups (counts per item, creator, category and topic in time buckets). */
  AttentionStore attention();

  /** Opinion-monitor series, alerts and the cursor of the reviews counted. */
  MonitorStore monitor();

  default StoreCounts counts() {
    return new StoreCounts(items().count(), users().count(), events().count());
  }

  /**
   * Events written but not yet reachable through the store's secondary indexes (work its background
   * maintenance still has to do); 0 for stores that index on write.
   */
  default long backlog() {
    return 0;
  }

  /** Everything stored about one user: the user record (null if absent) and all their events. */
  UserData export(String userId);

  /** Deletes the user and every event of theirs, in one transaction. */
  Erasure erase(String userId);

  @Override
  void close();
}
