package dev.heed.core.ingest;

import dev.heed.api.Event;
import dev.heed.api.store.EventStore;
import dev.heed.api.store.EventStore.AppendStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded queue in front of the event store with group commit: one writer thread takes every
 * batch waiting and appends them in a single transaction, then completes each caller's future. A
 * future completes only after its events are durable. Capacity is counted in events; when it is
 * used up, {@link #submit} fails fast with {@link QueueFullException} instead of buffering without
 * bound.
 */
public final class IngestQueue implements AutoCloseable {
  private record Pending(List<Event> events, CompletableFuture<List<AppendStatus>> done) {}

  private static final Pending STOP = new Pending(List.of(), null);

  private final EventStore store;
  private final int capacity;
  private final int maxEventsPerCommit;
  private final Semaphore room;
  private final BlockingQueue<Pending> queue;
  private final Thread writer;
  private final AtomicLong commits = new AtomicLong();
  private final Runnable afterCommit;
  private volatile boolean closed;

  /**
   * @param capacity how many events may wait for the writer at once
   * @param maxEventsPerCommit how many events one transaction takes at most (batches are never
   *     split, so one larger batch still commits alone)
   */
  public IngestQueue(EventStore store, int capacity, int maxEventsPerCommit) {
    this(store, capacity, maxEventsPerCommit, () -> {});
  }

  /**
   * @param afterCommit run on the writer thread after each successful commit (keep it short: a
   *     signal to whoever derives data from the log)
   */
  public IngestQueue(EventStore store, int capacity, int maxEventsPerCommit, Runnable afterCommit) {
    if (capacity <= 0 || maxEventsPerCommit <= 0) {
      throw new IllegalArgumentException("capacity and maxEventsPerCommit must be positive");
    }
    this.store = store;
    this.afterCommit = afterCommit;
    this.capacity = capacity;
    this.maxEventsPerCommit = maxEventsPerCommit;
    this.room = new Semaphore(capacity);
    this.queue = new ArrayBlockingQueue<>(capacity + 1);
    this.writer = Thread.ofPlatform().name("heed-ingest-writer").daemon(true).start(this::run);
  }

  public int capacity() {
    return capacity;
  }

  /** Events accepted but not yet committed. */
  public int queued() {
    return capacity - room.availablePermits();
  }

  /** Transactions committed so far (a measure of how well writes are grouped). */
  public long commits() {
    return commits.get();
  }

  /**
   * Queues events for appending. The future completes with one status per event once they are
   * durable, or exceptionally if the store failed.
   *
   * @throws QueueFullException when there is no room for these events now
   */
  public CompletableFuture<List<AppendStatus>> submit(List<Event> events) {
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    if (closed) {
      throw new IllegalStateException("the ingest queue is closed");
    }
    if (events.size() > capacity || !room.tryAcquire(events.size())) {
      throw new QueueFullException(events.size(), capacity);
    }
    Pending p = new Pending(List.copyOf(events), new CompletableFuture<>());
    queue.add(p); // never blocks: at most `capacity` non-empty batches hold permits
    return p.done();
  }

  /** Submits and waits: the convenience for batch jobs such as imports. */
  public List<AppendStatus> append(List<Event> events) {
    while (true) {
      try {
        return submit(events).join();
      } catch (QueueFullException e) {
        try {
          TimeUnit.MILLISECONDS.sleep(5);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private void run() {
    boolean stopping = false;
    List<Pending> group = new ArrayList<>();
    while (true) {
      Pending first;
      if (stopping) {
        first = queue.poll();
        if (first == null) {
          return;
        }
      } else {
        try {
          first = queue.take();
        } catch (InterruptedException e) {
          return;
        }
      }
      if (first == STOP) {
        stopping = true; // commit whatever is still queued, then end
        continue;
      }
      group.clear();
      group.add(first);
      int n = first.events().size();
      Pending next;
      while ((next = queue.peek()) != null
          && next != STOP
          && n + next.events().size() <= maxEventsPerCommit) {
        queue.poll();
        group.add(next);
        n += next.events().size();
      }
      commit(group, n);
    }
  }

  private void commit(List<Pending> group, int n) {
    List<Event> all = new ArrayList<>(n);
    for (Pending p : group) {
      all.addAll(p.events());
    }
    try {
      List<AppendStatus> statuses = store.append(all);
      commits.incrementAndGet();
      int offset = 0;
      for (Pending p : group) {
        int size = p.events().size();
        room.release(size);
        p.done().complete(List.copyOf(statuses.subList(offset, offset + size)));
        offset += size;
      }
      afterCommit.run();
    } catch (RuntimeException e) {
      for (Pending p : group) {
        room.release(p.events().size());
        p.done().completeExceptionally(e);
      }
    }
  }

  /** Stops taking events, commits what is queued, and waits for the writer to finish. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
