package dev.heed.core.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one task on a bounded number of platform threads and waits for all of them: the shape of
 * every parallel loop in training and evaluation (each task pulls work from a shared counter).
 */
public final class Workers {
  private Workers() {}

  /**
   * Runs {@code task} {@code threads} times at once on {@code pool}; rethrows the first failure.
   */
  public static void run(ExecutorService pool, int threads, Runnable task) {
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(task));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      futures.forEach(f -> f.cancel(true));
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The same on a pool of {@code threads} platform threads made for this call. */
  public static void run(int threads, Runnable task) {
    try (ExecutorService pool = newPool(threads)) {
      run(pool, threads, task);
    }
  }

  /** A fixed pool of daemon platform threads (training is CPU-bound: no virtual threads). */
  public static ExecutorService newPool(int threads) {
    return Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().factory());
  }
}
