package dev.heed.api.store;

import dev.heed.api.User;
import java.util.List;
import java.util.Optional;

/** Users, keyed by id; writing an existing id replaces it. */
public interface UserStore {
  void upsert(List<User> users);

  Optional<User> get(String id);

  /** Up to {@code limit} users with ids greater than {@code afterId} (null: from the start). */
  List<User> page(String afterId, int limit);

  long count();
}
