package dev.heed.core.store;

import java.util.concurrent.locks.LockSupport;

/**
 * The background thread of something kept from the event log (attention rollups, review counts,
 * bandit statistics): it runs a catch-up at start, whenever {@link #nudge()}d (the ingest queue
 * nudges after every commit) and at least once a second (events written by another process, such as
 * an import), and again a second after a failure. Where the catch-up resumes from (a durable
 * cursor, or one rebuilt at start) is the caller's; this class only schedules it.
 */
public final class LogFollower implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LogFollower.class.getName());
  private static final long IDLE_NANOS = 1_000_000_000L;

  private final String name;
  private final Runnable catchUp;
  private volatile Thread thread;
  private volatile boolean closed;
  private volatile boolean nudged;
  private volatile String lastError;

  /** {@code name} names the thread and the log lines of failed rounds. */
  public LogFollower(String name, Runnable catchUp) {
    this.name = name;
    this.catchUp = catchUp;
  }

  /** Starts the thread (once; not after {@link #close()}). */
  public synchronized void start() {
    if (thread == null && !closed) {
      thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
    }
  }

  /** Asks for a catch-up soon. */
  public void nudge() {
    nudged = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** The message of the last failed catch-up, or null when the last one succeeded. */
  public String lastError() {
    return lastError;
  }

  /** Whether {@link #close()} was called: a catch-up on the follower's thread should stop. */
  public boolean closed() {
    return closed;
  }

  /** Whether the caller runs on the follower's thread (and not, say, a CLI rebuild). */
  public boolean onFollowerThread() {
    return Thread.currentThread() == thread;
  }

  private void run() {
    while (!closed) {
      nudged = false;
      try {
        catchUp.run();
        lastError = null;
      } catch (RuntimeException e) {
        if (!closed) {
          lastError = e.getMessage();
          LOG.log(System.Logger.Level.WARNING, "{0} failed; will retry: {1}", name, e.toString());
          LockSupport.parkNanos(this, IDLE_NANOS);
        }
      }
      if (!nudged && !closed) {
        LockSupport.parkNanos(this, IDLE_NANOS);
      }
    }
  }

  /** Stops the thread; a catch-up in progress finishes (or stops early, if it checks) first. */
  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
