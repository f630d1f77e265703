package dev.heed.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.Lock;
import javax.sql.DataSource;

/**
 * Runs work on one pooled connection, alone or in a transaction, turning SQL errors into {@link
 * StoreException}.
 */
final class Transactions {
  private Transactions() {}

  /** A unit of work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  static <T> T read(DataSource source, Work<T> work) {
    try (Connection c = source.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /**
   * Runs {@code work} in a transaction that commits when it returns and rolls back when it throws;
   * holds {@code lock} (if not null) throughout, for databases that allow one writer at a time.
   */
  static <T> T write(DataSource source, Lock lock, Work<T> work) {
    if (lock != null) {
      lock.lock();
    }
    try (Connection c = source.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    } finally {
      if (lock != null) {
        lock.unlock();
      }
    }
  }
}
