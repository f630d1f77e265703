package dev.heed.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
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
import dev.heed.core.experiment.ExperimentCodec;
import dev.heed.core.ingest.EventCodec;
import dev.heed.core.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;

/**
 * The store on a SQL database: SQLite (embedded, the default) or PostgreSQL, one schema for both.
 * Every write is one transaction; on SQLite, writes from this process also take a lock so that they
 * queue here instead of contending inside SQLite.
 */
public final class JdbcStore implements Store {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> OBJECTS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Boolean>> FLAGS = new TypeReference<>() {};

  /** The advisory-lock key that serialises event appends on PostgreSQL ("heed" in ASCII). */
  private static final long EVENT_APPEND_LOCK = 0x68656564L;

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final ReentrantLock writeLock = new ReentrantLock();
  private static final long MAINTENANCE_INTERVAL_MILLIS = 100;
  private static final long CHECKPOINT_INTERVAL_NANOS = 500_000_000L;
  // Indexing a long tail (a bulk import) goes on over many ticks, at most this long in each, so
  // the WAL checkpoints between: before, 10M imported events kept the indexer busy for minutes,
  // no checkpoint ran and the WAL grew past 10 GB.
  private static final long INDEX_BUDGET_NANOS = 400_000_000L;
  private static final int INDEX_MIN_BATCH = 2_000;
  // Small rounds: each writes index pages all over two trees on the disk that also fsyncs every
  // commit; 1,000 events measured a lower single-event p99 than 5,000 (docs/benchmarks.md).
  private static final int INDEX_ROUND = 1_000;
  private static final long INDEX_PAUSE_MILLIS = 5;
  private static final long INDEX_MAX_DELAY_NANOS = 5_000_000_000L;
  private final Thread maintenance;
  private final HikariDataSource indexSource;
  private final HikariDataSource rollupSource;
  private final EventIndex index;
  private final JdbcAttentionStore attention;
  private final JdbcMonitorStore monitor;
  private volatile boolean closed;

  /**
   * @param indexSource where the {@link EventIndex} lives: a database of its own for SQLite, or
   *     {@code dataSource} itself
   * @param rollupSource where the attention rollups live: a database of its own for SQLite ({@link
   *     RollupFile}), or {@code dataSource} itself
   */
  JdbcStore(
      HikariDataSource dataSource,
      Dialect dialect,
      HikariDataSource indexSource,
      HikariDataSource rollupSource) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.indexSource = indexSource;
    this.rollupSource = rollupSource;
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/heed")
        .placeholders(Map.of("seq_pk", dialect.seqPrimaryKey, "clustered", dialect.clustered))
        .load()
        .migrate();
    this.index = new EventIndex(indexSource, dialect);
    if (rollupSource != dataSource) {
      RollupFile.prepare(rollupSource, dataSource);
    }
    this.attention =
        new JdbcAttentionStore(
            rollupSource, dialect == Dialect.SQLITE ? new ReentrantLock() : null);
    this.monitor = new JdbcMonitorStore(dataSource, dialect == Dialect.SQLITE ? writeLock : null);
    this.maintenance =
        Thread.ofPlatform().name("heed-store-maintenance").daemon(true).start(this::maintain);
  }

  /**
   * Background upkeep, off the commit path: every 0.1 s, index the recent tail of the log once it
   * is large enough or old enough ({@link #indexTail}); on SQLite, every 0.5 s, copy committed WAL
   * pages into the database file. Indexing goes in small rounds with pauses, so a long tail does
   * not take the CPU from request threads in bursts, and at most 0.4 s a tick, so checkpoints run
   * while a long tail is indexed. PASSIVE checkpoints never block writers or readers; after one
   * that copied everything, the next writer starts the WAL over, so it does not grow without bound.
   */
  private void maintain() {
    long lastIndexed = System.nanoTime();
    long lastCheckpoint = System.nanoTime();
    while (!closed) {
      try {
        Thread.sleep(MAINTENANCE_INTERVAL_MILLIS);
        boolean due = System.nanoTime() - lastIndexed > INDEX_MAX_DELAY_NANOS;
        if (due || unindexed() >= INDEX_MIN_BATCH) {
          long until = System.nanoTime() + INDEX_BUDGET_NANOS;
          while (!closed && indexTail(INDEX_ROUND) == INDEX_ROUND && System.nanoTime() < until) {
            Thread.sleep(INDEX_PAUSE_MILLIS);
          }
          lastIndexed = System.nanoTime();
        }
        if (dialect == Dialect.SQLITE
            && System.nanoTime() - lastCheckpoint >= CHECKPOINT_INTERVAL_NANOS) {
          try (Connection c = dataSource.getConnection();
              Statement st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(PASSIVE)");
          }
          lastCheckpoint = System.nanoTime();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!closed) {
          LoggerFactory.getLogger(JdbcStore.class)
              .warn("store maintenance failed; will retry: {}", e.getMessage());
        }
      } catch (SQLException e) {
        if (!closed) {
          LoggerFactory.getLogger(JdbcStore.class)
              .warn("WAL checkpoint failed; will retry: {}", e.getMessage());
        }
      }
    }
  }

  @Override
  public long backlog() {
    return unindexed();
  }

  /** Events appended but not yet in the user and item index. */
  long unindexed() {
    long watermark = index.watermark();
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT COUNT(*) FROM events WHERE seq > ?")) {
            ps.setLong(1, watermark);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /**
   * Moves up to {@code max} events of the log's unindexed tail into the index; returns how many.
   */
  int indexTail(int max) {
    long watermark = index.watermark();
    List<EventIndex.Entry> entries =
        read(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT user_id, item_id, seq FROM events WHERE seq > ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, watermark);
                ps.setInt(2, max);
                List<EventIndex.Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    out.add(new EventIndex.Entry(rs.getString(1), rs.getString(2), rs.getLong(3)));
                  }
                }
                return out;
              }
            });
    if (!entries.isEmpty()) {
      index.add(entries, entries.getLast().seq());
    }
    return entries.size();
  }

  private <T> T read(Transactions.Work<T> work) {
    return Transactions.read(dataSource, work);
  }

  /** A transaction on the log; on SQLite, writers in this process queue on a lock. */
  private <T> T write(Transactions.Work<T> work) {
    return Transactions.write(dataSource, dialect == Dialect.SQLITE ? writeLock : null, work);
  }

  // ---- items

  private final ItemStore items =
      new ItemStore() {
        private static final String COLUMNS =
            "id, title, body, language, categories, tags, author, created_at, published_at, expires_at, hidden, attributes";

        @Override
        public void upsert(List<Item> batch) {
          if (batch.isEmpty()) {
            return;
          }
          long now = System.currentTimeMillis();
          write(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO items ("
                            + COLUMNS
                            + ", updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
                            + " title = excluded.title, body = excluded.body, language = excluded.language,"
                            + " categories = excluded.categories, tags = excluded.tags, author = excluded.author,"
                            + " created_at = excluded.created_at, published_at = excluded.published_at,"
                            + " expires_at = excluded.expires_at, hidden = excluded.hidden,"
                            + " attributes = excluded.attributes, updated_at = excluded.updated_at")) {
                  for (Item i : batch) {
                    ps.setString(1, i.id());
                    ps.setString(2, i.title());
                    ps.setString(3, i.body());
                    ps.setString(4, i.language());
                    ps.setString(5, json(i.categories()));
                    ps.setString(6, json(i.tags()));
                    ps.setString(7, i.author());
                    setInstant(ps, 8, i.createdAt());
                    setInstant(ps, 9, i.publishedAt());
                    setInstant(ps, 10, i.expiresAt());
                    ps.setBoolean(11, i.hidden());
                    ps.setString(12, json(i.attributes()));
                    ps.setLong(13, now);
                    ps.addBatch();
                  }
                  ps.executeBatch();
                }
                return null;
              });
        }

        @Override
        public Optional<Item> get(String id) {
          return read(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM items WHERE id = ?")) {
                  ps.setString(1, id);
                  try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(item(rs)) : Optional.empty();
                  }
                }
              });
        }

        @Override
        public boolean delete(String id) {
          return write(
              c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM items WHERE id = ?")) {
                  ps.setString(1, id);
                  return ps.executeUpdate() > 0;
                }
              });
        }

        @Override
        public List<Item> page(String afterId, int limit) {
          return read(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM items WHERE id > ? ORDER BY id LIMIT ?")) {
                  ps.setString(1, afterId == null ? "" : afterId);
                  ps.setInt(2, limit);
                  List<Item> out = new ArrayList<>();
                  try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      out.add(item(rs));
                    }
                  }
                  return out;
                }
              });
        }

        @Override
        public long count() {
          return countRows("items");
        }

        private Item item(ResultSet rs) throws SQLException {
          return new Item(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              parse(rs.getString(5), STRINGS),
              parse(rs.getString(6), STRINGS),
              rs.getString(7),
              instant(rs, 8),
              instant(rs, 9),
              instant(rs, 10),
              rs.getBoolean(11),
              parse(rs.getString(12), OBJECTS));
        }
      };

  // ---- users

  private final UserStore users =
      new UserStore() {
        @Override
        public void upsert(List<User> batch) {
          if (batch.isEmpty()) {
            return;
          }
          long now = System.currentTimeMillis();
          write(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO users (id, attributes, consent, created_at, updated_at) VALUES (?,?,?,?,?)"
                            + " ON CONFLICT (id) DO UPDATE SET attributes = excluded.attributes,"
                            + " consent = excluded.consent, created_at = excluded.created_at,"
                            + " updated_at = excluded.updated_at")) {
                  for (User u : batch) {
                    ps.setString(1, u.id());
                    ps.setString(2, json(u.attributes()));
                    ps.setString(3, json(u.consent()));
                    setInstant(ps, 4, u.createdAt());
                    ps.setLong(5, now);
                    ps.addBatch();
                  }
                  ps.executeBatch();
                }
                return null;
              });
        }

        @Override
        public Optional<User> get(String id) {
          return read(c -> Optional.ofNullable(user(c, id)));
        }

        @Override
        public List<User> page(String afterId, int limit) {
          return read(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT id, attributes, consent, created_at FROM users WHERE id > ? ORDER BY id LIMIT ?")) {
                  ps.setString(1, afterId == null ? "" : afterId);
                  ps.setInt(2, limit);
                  List<User> out = new ArrayList<>();
                  try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      out.add(user(rs));
                    }
                  }
                  return out;
                }
              });
        }

        @Override
        public long count() {
          return countRows("users");
        }
      };

  private static User user(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id, attributes, consent, created_at FROM users WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? user(rs) : null;
      }
    }
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(
        rs.getString(1),
        parse(rs.getString(2), OBJECTS),
        parse(rs.getString(3), FLAGS),
        instant(rs, 4));
  }

  // ---- events

  private final EventStore events =
      new EventStore() {
        @Override
        public List<AppendStatus> append(List<Event> batch) {
          if (batch.isEmpty()) {
            return List.of();
          }
          return write(
              c -> {
                if (dialect == Dialect.POSTGRESQL) {
                  // One appender at a time across all servers: concurrent batches with overlapping
                  // ids would otherwise deadlock on the unique index, and serial appends commit
                  // their seq values in order, so a reader paging by seq never skips a row that
                  // commits late. Group commit upstream keeps this from limiting throughput.
                  try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_xact_lock(" + EVENT_APPEND_LOCK + ")");
                  }
                }
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO events (id, kind, user_id, item_id, ts, payload) VALUES (?,?,?,?,?,?)"
                            + " ON CONFLICT (id) DO NOTHING")) {
                  for (Event e : batch) {
                    ps.setString(1, e.id());
                    ps.setString(2, e.kind());
                    ps.setString(3, e.userId());
                    ps.setString(4, e.itemId());
                    ps.setLong(5, e.timestamp().toEpochMilli());
                    ps.setString(6, payload(e));
                    ps.addBatch();
                  }
                  int[] counts = ps.executeBatch();
                  if (counts.length != batch.size()) {
                    throw new SQLException(
                        "driver returned "
                            + counts.length
                            + " counts for "
                            + batch.size()
                            + " rows");
                  }
                  return Arrays.stream(counts)
                      .mapToObj(n -> n == 0 ? AppendStatus.DUPLICATE : AppendStatus.ACCEPTED)
                      .toList();
                }
              });
        }

        @Override
        public List<StoredEvent> scan(EventQuery q) {
          if (q.userId() == null && q.itemId() == null) {
            List<Object> args = new ArrayList<>();
            args.add(q.afterSeq());
            String sql =
                "SELECT seq, "
                    + EVENT_COLUMNS
                    + " FROM events WHERE seq > ?"
                    + filters(q, args, false);
            args.add(q.limit());
            return query(sql + " ORDER BY seq LIMIT ?", args);
          }
          boolean byUser = q.userId() != null;
          String key = byUser ? q.userId() : q.itemId();
          List<StoredEvent> out = new ArrayList<>();
          // the indexed part, up to the watermark read now (the indexer may move on meanwhile)
          long watermark = index.watermark();
          long after = q.afterSeq();
          int chunk = Math.max(q.limit(), 500);
          while (after < watermark && out.size() < q.limit()) {
            List<Long> seqs = index.seqs(byUser, key, after, chunk);
            List<Long> upto = seqs.stream().filter(s -> s <= watermark).toList();
            if (!upto.isEmpty()) {
              List<Object> args = new ArrayList<>(upto);
              String marks = String.join(",", java.util.Collections.nCopies(upto.size(), "?"));
              out.addAll(
                  query(
                      "SELECT seq, "
                          + EVENT_COLUMNS
                          + " FROM events WHERE seq IN ("
                          + marks
                          + ")"
                          + filters(q, args, byUser)
                          + " ORDER BY seq",
                      args));
            }
            if (seqs.size() < chunk || upto.size() < seqs.size()) {
              break;
            }
            after = seqs.getLast();
          }
          if (out.size() >= q.limit()) {
            return List.copyOf(out.subList(0, q.limit()));
          }
          // the tail after the watermark, by seq
          List<Object> args = new ArrayList<>();
          args.add(Math.max(watermark, q.afterSeq()));
          args.add(key);
          String sql =
              "SELECT seq, "
                  + EVENT_COLUMNS
                  + " FROM events WHERE seq > ? AND "
                  + (byUser ? "user_id" : "item_id")
                  + " = ?"
                  + filters(q, args, byUser);
          args.add(q.limit() - out.size());
          out.addAll(query(sql + " ORDER BY seq LIMIT ?", args));
          return out;
        }

        private List<StoredEvent> query(String sql, List<Object> args) {
          return read(
              c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                  for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                  }
                  List<StoredEvent> out = new ArrayList<>();
                  try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      out.add(new StoredEvent(rs.getLong(1), event(rs, 2)));
                    }
                  }
                  return out;
                }
              });
        }

        @Override
        public long count() {
          return countRows("events");
        }
      };

  /** The item and time conditions of a scan ({@code withItem}: the item is filtered here too). */
  private static String filters(EventQuery q, List<Object> args, boolean withItem) {
    StringBuilder sql = new StringBuilder();
    if (withItem && q.itemId() != null) {
      sql.append(" AND item_id = ?");
      args.add(q.itemId());
    }
    if (q.from() != null) {
      sql.append(" AND ts >= ?");
      args.add(q.from().toEpochMilli());
    }
    if (q.to() != null) {
      sql.append(" AND ts < ?");
      args.add(q.to().toEpochMilli());
    }
    return sql.toString();
  }

  /** The columns {@link #event(ResultSet, int)} reads, in order. */
  private static final String EVENT_COLUMNS = "id, kind, user_id, item_id, ts, payload";

  private static final List<String> EVENT_COLUMN_FIELDS =
      List.of("id", "kind", "userId", "itemId", "timestamp");

  /** The fields an event has beyond its columns (kind-specific ones, context), or null if none. */
  private static String payload(Event e) {
    ObjectNode n = EventCodec.write(e);
    n.remove(EVENT_COLUMN_FIELDS);
    return n.isEmpty() ? null : n.toString();
  }

  private static Event event(ResultSet rs, int first) throws SQLException {
    try {
      String payload = rs.getString(first + 5);
      ObjectNode n =
          payload == null
              ? JsonNodeFactory.instance.objectNode()
              : (ObjectNode) Json.mapper().readTree(payload);
      n.put("id", rs.getString(first));
      n.put("kind", rs.getString(first + 1));
      n.put("userId", rs.getString(first + 2));
      String itemId = rs.getString(first + 3);
      if (itemId != null) {
        n.put("itemId", itemId);
      }
      n.put("timestamp", rs.getLong(first + 4));
      var parsed = EventCodec.read(n, Instant::now);
      if (!parsed.ok()) {
        throw new StoreException("stored event does not parse: " + parsed.errors());
      }
      return parsed.event();
    } catch (JsonProcessingException e) {
      throw new StoreException("stored event is not JSON: " + e.getOriginalMessage());
    }
  }

  // ---- api keys

  private final ApiKeyStore apiKeys =
      new ApiKeyStore() {
        @Override
        public void put(ApiKey key) {
          write(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO api_keys (id, name, secret_hash, scopes, created_at) VALUES (?,?,?,?,?)"
                            + " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                            + " secret_hash = excluded.secret_hash, scopes = excluded.scopes,"
                            + " created_at = excluded.created_at")) {
                  ps.setString(1, key.id());
                  ps.setString(2, key.name());
                  ps.setString(3, key.secretHash());
                  ps.setString(
                      4, json(key.scopes().stream().map(ApiKey.Scope::name).sorted().toList()));
                  ps.setLong(5, key.createdAt().toEpochMilli());
                  ps.executeUpdate();
                }
                return null;
              });
        }

        @Override
        public Optional<ApiKey> get(String id) {
          return read(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT id, name, secret_hash, scopes, created_at FROM api_keys WHERE id = ?")) {
                  ps.setString(1, id);
                  try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(key(rs)) : Optional.empty();
                  }
                }
              });
        }

        @Override
        public List<ApiKey> list() {
          return read(
              c -> {
                try (PreparedStatement ps =
                        c.prepareStatement(
                            "SELECT id, name, secret_hash, scopes, created_at FROM api_keys ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                  List<ApiKey> out = new ArrayList<>();
                  while (rs.next()) {
                    out.add(key(rs));
                  }
                  return out;
                }
              });
        }

        @Override
        public boolean delete(String id) {
          return write(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM api_keys WHERE id = ?")) {
                  ps.setString(1, id);
                  return ps.executeUpdate() > 0;
                }
              });
        }

        private ApiKey key(ResultSet rs) throws SQLException {
          Set<ApiKey.Scope> scopes = EnumSet.noneOf(ApiKey.Scope.class);
          parse(rs.getString(4), STRINGS).forEach(s -> scopes.add(ApiKey.Scope.valueOf(s)));
          return new ApiKey(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              new HashSet<>(scopes),
              Instant.ofEpochMilli(rs.getLong(5)));
        }
      };

  // ---- experiments

  private final ExperimentStore experiments =
      new ExperimentStore() {
        @Override
        public void put(Experiment e) {
          write(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO experiments (id, definition, created_at, updated_at) VALUES (?,?,?,?)"
                            + " ON CONFLICT (id) DO UPDATE SET definition = excluded.definition,"
                            + " created_at = excluded.created_at, updated_at = excluded.updated_at")) {
                  bind(ps, e);
                  ps.executeUpdate();
                }
                return null;
              });
        }

        @Override
        public Experiment putIfAbsent(Experiment e) {
          return write(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO experiments (id, definition, created_at, updated_at) VALUES (?,?,?,?)"
                            + " ON CONFLICT (id) DO NOTHING")) {
                  bind(ps, e);
                  if (ps.executeUpdate() > 0) {
                    return e;
                  }
                }
                // A concurrent insert has committed (ON CONFLICT waited for it): read the winner.
                return experiment(c, e.id()).orElseThrow();
              });
        }

        private void bind(PreparedStatement ps, Experiment e) throws SQLException {
          ps.setString(1, e.id());
          ps.setString(2, ExperimentCodec.write(e).toString());
          ps.setLong(3, e.createdAt().toEpochMilli());
          ps.setLong(4, System.currentTimeMillis());
        }

        @Override
        public Optional<Experiment> get(String id) {
          return read(c -> experiment(c, id));
        }

        @Override
        public List<Experiment> list() {
          return read(
              c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT definition FROM experiments ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                  List<Experiment> out = new ArrayList<>();
                  while (rs.next()) {
                    out.add(experiment(rs.getString(1)));
                  }
                  return out;
                }
              });
        }

        @Override
        public boolean delete(String id) {
          return write(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM experiments WHERE id = ?")) {
                  ps.setString(1, id);
                  return ps.executeUpdate() > 0;
                }
              });
        }
      };

  private static Optional<Experiment> experiment(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT definition FROM experiments WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(experiment(rs.getString(1))) : Optional.empty();
      }
    }
  }

  private static Experiment experiment(String definition) {
    try {
      return ExperimentCodec.read(
          Json.mapper().readTree(definition),
          () -> {
            throw new StoreException("stored experiment has no createdAt: " + definition);
          });
    } catch (JsonProcessingException e) {
      throw new StoreException("stored experiment is not JSON: " + e.getOriginalMessage());
    } catch (dev.heed.core.ingest.InvalidInputException e) {
      throw new StoreException("stored experiment does not parse: " + e.getMessage());
    }
  }

  @Override
  public ItemStore items() {
    return items;
  }

  @Override
  public UserStore users() {
    return users;
  }

  @Override
  public EventStore events() {
    return events;
  }

  @Override
  public ApiKeyStore apiKeys() {
    return apiKeys;
  }

  @Override
  public ExperimentStore experiments() {
    return experiments;
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
    User user = users.get(userId).orElse(null);
    List<Event> list = new ArrayList<>();
    events.forEach(EventQuery.byUser(userId, 1_000), se -> list.add(se.event()));
    return new UserData(user, list);
  }

  @Override
  public Erasure erase(String userId) {
    List<EventIndex.Entry> mine = new ArrayList<>();
    events.forEach(
        EventQuery.byUser(userId, 1_000),
        se -> mine.add(new EventIndex.Entry(userId, se.event().itemId(), se.seq())));
    Erasure erasure =
        write(
            c -> {
              long eventsDeleted = 0;
              try (PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE seq = ?")) {
                for (EventIndex.Entry e : mine) {
                  ps.setLong(1, e.seq());
                  ps.addBatch();
                }
                for (int n : ps.executeBatch()) {
                  eventsDeleted += n;
                }
              }
              boolean userDeleted;
              try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
                ps.setString(1, userId);
                userDeleted = ps.executeUpdate() > 0;
              }
              return new Erasure(userDeleted, eventsDeleted);
            });
    // Index entries of erased events point at nothing; removing them is tidiness, not safety.
    index.remove(userId, mine);
    return erasure;
  }

  private long countRows(String table) {
    return read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public void close() {
    closed = true;
    maintenance.interrupt();
    try {
      maintenance.join();
      if (dialect == Dialect.SQLITE) {
        try (Connection c = dataSource.getConnection();
            Statement st = c.createStatement()) {
          st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException e) {
      LoggerFactory.getLogger(JdbcStore.class)
          .warn("final WAL checkpoint failed: {}", e.getMessage());
    }
    if (indexSource != dataSource) {
      indexSource.close();
    }
    if (rollupSource != dataSource) {
      rollupSource.close();
    }
    dataSource.close();
  }

  // ---- encoding helpers

  private static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException(
          "cannot encode " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage());
    }
  }

  private static <T> T parse(String json, TypeReference<T> type) {
    try {
      return Json.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored JSON does not parse: " + e.getOriginalMessage());
    }
  }

  private static void setInstant(PreparedStatement ps, int index, Instant value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value.toEpochMilli());
    }
  }

  private static Instant instant(ResultSet rs, int index) throws SQLException {
    long v = rs.getLong(index);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }
}
