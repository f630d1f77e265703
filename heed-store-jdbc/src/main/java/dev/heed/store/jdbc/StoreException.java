package dev.heed.store.jdbc;

import java.sql.SQLException;

/** A database failure: not the caller's fault, so the HTTP layer answers 503 or 500. */
public final class StoreException extends RuntimeException {
  StoreException(SQLException cause) {
    super("database error: " + cause.getMessage(), cause);
  }

  StoreException(String message) {
    super(message);
  }
}
