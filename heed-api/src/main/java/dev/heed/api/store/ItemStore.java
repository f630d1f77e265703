package dev.heed.api.store;

import dev.heed.api.Item;
import java.util.List;
import java.util.Optional;

/** The catalog. Items are keyed by id; writing an existing id replaces it. */
public interface ItemStore {
  void upsert(List<Item> items);

  Optional<Item> get(String id);

  /** Returns whether an item was deleted. */
  boolean delete(String id);

  /** Up to {@code limit} items with ids greater than {@code afterId} (null: from the start). */
  List<Item> page(String afterId, int limit);

  long count();

  /** The whole catalog, read page by page in id order. */
  default List<Item> all() {
    List<Item> all = new java.util.ArrayList<>();
    String after = null;
    while (true) {
      List<Item> page = page(after, 10_000);
      all.addAll(page);
      if (page.size() < 10_000) {
        return all;
      }
      after = page.getLast().id();
    }
  }
}
