package dev.heed.core.ingest;

/** The bounded ingest queue has no room; the client should retry later. */
public final class QueueFullException extends RuntimeException {
  public QueueFullException(int requested, int capacity) {
    super(
        "the ingest queue is full ("
            + requested
            + " events asked for, capacity "
            + capacity
            + "); retry shortly");
  }
}
