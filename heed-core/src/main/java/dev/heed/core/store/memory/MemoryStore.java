package dev.heed.core.store.memory;

import dev.heed.api.Event;
import dev.heed.api.Experiment;
import dev.heed.api.Item;
import dev.heed.api.User;
import dev.heed.api.store.ApiKey;
import dev.heed.api.store.ApiKeyStore;
import dev.heed.api.store.Erasure;
import dev.heed.api.store.EventQuery;
import dev.heed.api.store.EventStore;
import dev.heed.api.store.ExperimentStore;
import dev.heed.api.store.ItemStore;
import dev.heed.api.store.Store;
import dev.heed.api.store.StoredEvent;
import dev.heed.api.store.UserData;
import dev.heed.api.store.UserStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A store in the heap, for tests and throwaway runs: nothing survives the process. One lock guards
 * everything, which keeps it obviously correct; it is not the fast path.
 */
public final class MemoryStore implements Store {
  private final Object lock = new Object();
  private final NavigableMap<String, Item> items = new TreeMap<>();
  private final NavigableMap<String, User> users = new TreeMap<>();
  private final NavigableMap<Long, Event> log = new TreeMap<>();
  private final Map<String, Long> seqById = new HashMap<>();
  private final Map<String, ApiKey> keys = new TreeMap<>();
  private final Map<String, Experiment> experiments = new TreeMap<>();
  private long nextSeq = 1;
  private final MemoryAttentionStore attention = new MemoryAttentionStore(lock);
  private final MemoryMonitorStore monitor = new MemoryMonitorStore(lock);

  private final ItemStore itemStore =
      new ItemStore() {
        @Override
        public void upsert(List<Item> batch) {
          synchronized (lock) {
            batch.forEach(i -> items.put(i.id(), i));
          }
        }

        @Override
        public Optional<Item> get(String id) {
          synchronized (lock) {
            return Optional.ofNullable(items.get(id));
          }
        }

        @Override
        public boolean delete(String id) {
          synchronized (lock) {
            return items.remove(id) != null;
          }
        }

        @Override
        public List<Item> page(String afterId, int limit) {
          synchronized (lock) {
            var tail = afterId == null ? items : items.tailMap(afterId, false);
            return tail.values().stream().limit(limit).toList();
          }
        }

        @Override
        public long count() {
          synchronized (lock) {
            return items.size();
          }
        }
      };

  private final UserStore userStore =
      new UserStore() {
        @Override
        public void upsert(List<User> batch) {
          synchronized (lock) {
            batch.forEach(u -> users.put(u.id(), u));
          }
        }

        @Override
        public Optional<User> get(String id) {
          synchronized (lock) {
            return Optional.ofNullable(users.get(id));
          }
        }

        @Override
        public List<User> page(String afterId, int limit) {
          synchronized (lock) {
            var tail = afterId == null ? users : users.tailMap(afterId, false);
            return tail.values().stream().limit(limit).toList();
          }
        }

        @Override
        public long count() {
          synchronized (lock) {
            return users.size();
          }
        }
      };

  private final EventStore eventStore =
      new EventStore() {
        @Override
        public List<AppendStatus> append(List<Event> events) {
          synchronized (lock) {
            List<AppendStatus> out = new ArrayList<>(events.size());
            for (Event e : events) {
              if (seqById.containsKey(e.id())) {
                out.add(AppendStatus.DUPLICATE);
              } else {
                long seq = nextSeq++;
                seqById.put(e.id(), seq);
                log.put(seq, e);
                out.add(AppendStatus.ACCEPTED);
              }
            }
            return out;
          }
        }

        @Override
        public List<StoredEvent> scan(EventQuery q) {
          synchronized (lock) {
            List<StoredEvent> out = new ArrayList<>();
            for (var entry : log.tailMap(q.afterSeq(), false).entrySet()) {
              Event e = entry.getValue();
              if (matches(q, e)) {
                out.add(new StoredEvent(entry.getKey(), e));
                if (out.size() == q.limit()) {
                  break;
                }
              }
            }
            return out;
          }
        }

        @Override
        public long count() {
          synchronized (lock) {
            return log.size();
          }
        }
      };

  private final ApiKeyStore keyStore =
      new ApiKeyStore() {
        @Override
        public void put(ApiKey key) {
          synchronized (lock) {
            keys.put(key.id(), key);
          }
        }

        @Override
        public Optional<ApiKey> get(String id) {
          synchronized (lock) {
            return Optional.ofNullable(keys.get(id));
          }
        }

        @Override
        public List<ApiKey> list() {
          synchronized (lock) {
            return List.copyOf(keys.values());
          }
        }

        @Override
        public boolean delete(String id) {
          synchronized (lock) {
            return keys.remove(id) != null;
          }
        }
      };

  private final ExperimentStore experimentStore =
      new ExperimentStore() {
        @Override
        public void put(Experiment experiment) {
          synchronized (lock) {
            experiments.put(experiment.id(), experiment);
          }
        }

        @Override
        public Experiment putIfAbsent(Experiment experiment) {
          synchronized (lock) {
            Experiment there = experiments.putIfAbsent(experiment.id(), experiment);
            return there == null ? experiment : there;
          }
        }

        @Override
        public Optional<Experiment> get(String id) {
          synchronized (lock) {
            return Optional.ofNullable(experiments.get(id));
          }
        }

        @Override
        public List<Experiment> list() {
          synchronized (lock) {
            return List.copyOf(experiments.values());
          }
        }

        @Override
        public boolean delete(String id) {
          synchronized (lock) {
            return experiments.remove(id) != null;
          }
        }
      };

  private static boolean matches(EventQuery q, Event e) {
    return (q.userId() == null || q.userId().equals(e.userId()))
        && (q.itemId() == null || q.itemId().equals(e.itemId()))
        && (q.from() == null || !e.timestamp().isBefore(q.from()))
        && (q.to() == null || e.timestamp().isBefore(q.to()));
  }

  @Override
  public ItemStore items() {
    return itemStore;
  }

  @Override
  public UserStore users() {
    return userStore;
  }

  @Override
  public EventStore events() {
    return eventStore;
  }

  @Override
  public ApiKeyStore apiKeys() {
    return keyStore;
  }

  @Override
  public ExperimentStore experiments() {
    return experimentStore;
  }

  @Override
  public dev.heed.api.store.AttentionStore attention() {
    return attention;
  }

  @Override
  public dev.heed.api.store.MonitorStore monitor() {
    return monitor;
  }

  @Override
  public UserData export(String userId) {
    synchronized (lock) {
      List<Event> events = log.values().stream().filter(e -> e.userId().equals(userId)).toList();
      return new UserData(users.get(userId), events);
    }
  }

  @Override
  public Erasure erase(String userId) {
    synchronized (lock) {
      long removed = 0;
      for (var it = log.entrySet().iterator(); it.hasNext(); ) {
        Event e = it.next().getValue();
        if (e.userId().equals(userId)) {
          it.remove();
          seqById.remove(e.id());
          removed++;
        }
      }
      return new Erasure(users.remove(userId) != null, removed);
    }
  }

  @Override
  public void close() {}
}
