package dev.heed.api.store;

import dev.heed.api.Event;
import java.util.List;
import java.util.function.Consumer;

/** The append-only event log, idempotent by event id. */
public interface EventStore {
  /**
   * Appends the events in one transaction. An event whose id is already stored (or appears earlier
   * in the same list) is a duplicate and is not written again. When this returns, the accepted
   * events are durable. The result has one status per event, in order.
   */
  List<AppendStatus> append(List<Event> events);

  /** Events matching the query, in append order, after {@code query.afterSeq()}. */
  List<StoredEvent> scan(EventQuery query);

  /** Streams every event matching the query, page by page. */
  default void forEach(EventQuery query, Consumer<StoredEvent> action) {
    EventQuery q = query;
    while (true) {
      List<StoredEvent> page = scan(q);
      page.forEach(action);
      if (page.size() < q.limit()) {
        return;
      }
      q = q.after(page.getLast().seq());
    }
  }

  long count();

  enum AppendStatus {
    ACCEPTED,
    DUPLICATE
  }
}
