package dev.heed.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heed.api.Event;
import dev.heed.api.store.EventQuery;
import dev.heed.api.store.EventStore;
import dev.heed.api.store.StoredEvent;
import dev.heed.core.store.memory.MemoryStore;
import dev.heed.testing.Generators;
import dev.heed.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestQueueTest {
  /**
   * The memory store's event log, held up at a gate so the queue can be observed while it is full.
   */
  static class GatedEvents implements EventStore {
    final EventStore inner = new MemoryStore().events();
    final CountDownLatch gate = new CountDownLatch(1);
    final List<Integer> commitSizes = new ArrayList<>();

    @Override
    public List<AppendStatus> append(List<Event> events) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      commitSizes.add(events.size());
      return inner.append(events);
    }

    @Override
    public List<StoredEvent> scan(EventQuery query) {
      return inner.scan(query);
    }

    @Override
    public long count() {
      return inner.count();
    }
  }

  private final Generators gen = new Generators(Seeds.seed("IngestQueueTest"));

  @Test
  void refusesWhenFullAndCommitsWaitingBatchesTogether() throws Exception {
    GatedEvents store = new GatedEvents();
    try (IngestQueue q = new IngestQueue(store, 100, 1_000)) {
      List<CompletableFuture<List<EventStore.AppendStatus>>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        futures.add(q.submit(gen.events(10, 3, 3)));
      }
      assertThat(q.queued()).isEqualTo(100);
      assertThatThrownBy(() -> q.submit(gen.events(1, 1, 1)))
          .isInstanceOf(QueueFullException.class);
      assertThat(futures).noneMatch(CompletableFuture::isDone);
      store.gate.countDown();
      for (var f : futures) {
        assertThat(f.get(10, TimeUnit.SECONDS))
            .hasSize(10)
            .containsOnly(EventStore.AppendStatus.ACCEPTED);
      }
      assertThat(store.count()).isEqualTo(100);
      // the first batch was taken alone while the rest queued up behind the gate
      assertThat(store.commitSizes.size()).isLessThan(10);
      assertThat(store.commitSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
      assertThat(q.queued()).isZero();
    }
  }

  @Test
  void reportsDuplicatesAcrossBatchesOfOneCommit() throws Exception {
    GatedEvents store = new GatedEvents();
    try (IngestQueue q = new IngestQueue(store, 100, 1_000)) {
      List<Event> events = gen.events(5, 2, 2);
      var first = q.submit(events);
      var second = q.submit(events);
      store.gate.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).containsOnly(EventStore.AppendStatus.ACCEPTED);
      assertThat(second.get(10, TimeUnit.SECONDS)).containsOnly(EventStore.AppendStatus.DUPLICATE);
    }
  }

  @Test
  void closeCommitsWhatIsQueued() {
    GatedEvents store = new GatedEvents();
    IngestQueue q = new IngestQueue(store, 100, 7);
    var f = q.submit(gen.events(20, 2, 2));
    store.gate.countDown();
    q.close();
    assertThat(f).isCompleted();
    assertThat(store.count()).isEqualTo(20);
  }

  @Test
  void storeFailuresReachTheCallerAndFreeTheRoom() {
    EventStore failing =
        new GatedEvents() {
          @Override
          public List<AppendStatus> append(List<Event> events) {
            throw new IllegalStateException("disk full");
          }
        };
    try (IngestQueue q = new IngestQueue(failing, 10, 10)) {
      var f = q.submit(gen.events(10, 1, 1));
      assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasMessageContaining("disk full");
      assertThat(q.queued()).isZero();
    }
  }
}
