package dev.heed.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.core.json.Json;
import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.als.ImplicitAlsModel;
import dev.heed.core.recommend.als.ImplicitAlsRecommender;
import dev.heed.eval.RecommendEvaluation;
import dev.heed.eval.data.Datasets;
import dev.heed.eval.split.Split;
import dev.heed.eval.split.TemporalHoldoutSplit;
import dev.heed.eval.split.Weighting;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "als",
    mixinStandardHelpOptions = true,
    description = {
      "iALS training speed: seconds per iteration, NDCG@20 on the temporal protocol, achieved",
      "GFLOP/s of the Gram and CG kernels against a measured FMA peak, and peak heap. --vs spark",
      "needs the heed-spark module, which is not built yet."
    })
final class AlsBench implements Callable<Integer> {
  @Option(
      names = "--data",
      description = "Data file or synthetic:USERS,ITEMS,INTERACTIONS,SEED (default %s)",
      defaultValue = "synthetic:100000,20000,10000000,42")
  String data;

  @Option(names = "--rank", description = "Factors (default 64)")
  int rank = 64;

  @Option(names = "--iters", description = "Iterations (default 10)")
  int iters = 10;

  @Option(names = "--threads", description = "Training threads (default 2)")
  int threads = 2;

  @Option(names = "--cg-steps", description = "CG steps per row (default 3)")
  int cgSteps = 3;

  @Option(names = "--vs", description = "A peer to compare with: spark")
  String vs;

  @Option(names = "--json", description = "Print one JSON object")
  boolean json;

  @Option(names = "--doc", paramLabel = "FILE", description = "Record the figures in this file")
  Path doc;

  @Override
  public Integer call() throws Exception {
    if (vs != null) {
      throw new IllegalArgumentException(
          "--vs " + vs + ": the heed-spark module (Spark MLlib ALS) is not built yet");
    }
    System.err.println("als: loading " + data);
    Split split =
        new TemporalHoldoutSplit(0.2, 5).split(Datasets.load(data, "auto", null), Weighting.BINARY);
    Interactions train = split.train();
    System.err.printf(
        Locale.ROOT,
        "als: %,d users x %,d items, %,d training pairs, %,d test users%n",
        train.users(),
        train.items(),
        train.nnz(),
        split.test().size());
    PeakHeap heap = new PeakHeap();
    heap.start();
    List<Double> iterationSeconds = new ArrayList<>();
    long[] last = {System.nanoTime()};
    ImplicitAlsRecommender als =
        new ImplicitAlsRecommender(
            Params.parse(
                List.of(
                    "factors=" + rank,
                    "iterations=" + iters,
                    "threads=" + threads,
                    "cg_steps=" + cgSteps)));
    long start = System.nanoTime();
    ImplicitAlsModel model =
        als.fit(
            train,
            (stage, done, total) -> {
              long now = System.nanoTime();
              iterationSeconds.add((now - last[0]) / 1e9);
              last[0] = now;
              System.err.printf(
                  Locale.ROOT,
                  "als: iteration %d/%d %.2f s%n",
                  done,
                  total,
                  iterationSeconds.getLast());
            });
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    heap.stopSampling();
    double perIter =
        BenchDoc.median(iterationSeconds.stream().mapToDouble(Double::doubleValue).toArray());
    double flops = flopsPerIteration(train, rank, cgSteps);
    double gflops = flops / perIter / 1e9;
    double peak = measuredPeakGflops(threads);
    System.err.println("als: evaluating");
    double ndcg =
        RecommendEvaluation.evaluate(split, model, threads, null).summary().get("ndcg@20");
    long maxHeap = Runtime.getRuntime().maxMemory();
    ObjectNode out = Json.mapper().createObjectNode();
    ObjectNode heed = out.putObject("heed");
    heed.put("seconds_per_iter", round(perIter));
    heed.put("ndcg@20", round(ndcg));
    heed.put("fit_seconds", round(fitSeconds));
    heed.put("gflops", round(gflops));
    heed.put("peak_gflops_measured", round(peak));
    heed.put("peak_heap_mb", heap.peakBytes / (1 << 20));
    heed.put("max_heap_mb", maxHeap / (1 << 20));
    out.putNull("spark");
    out.putNull("speedup");
    String command =
        String.format(
            Locale.ROOT,
            "./heed bench als --data %s --rank %d --iters %d --threads %d --cg-steps %d",
            data,
            rank,
            iters,
            threads,
            cgSteps);
    if (json) {
      System.out.println(Json.mapper().writeValueAsString(out));
    } else {
      System.out.printf(
          Locale.ROOT,
          "iALS rank %d: %.2f s/iteration (median of %d), NDCG@20 %.4f, %.1f GFLOP/s of %.1f measured"
              + " peak, peak heap %,d MB of %,d MB%n",
          rank,
          perIter,
          iterationSeconds.size(),
          ndcg,
          gflops,
          peak,
          heap.peakBytes / (1 << 20),
          maxHeap / (1 << 20));
    }
    if (doc != null) {
      String md =
          BenchDoc.header("iALS training", command)
              + String.format(
                  Locale.ROOT,
                  "Data: %,d users x %,d items, %,d training pairs (temporal protocol)."
                      + "%n%n| seconds / iteration | NDCG@20 | GFLOP/s (Gram + CG) | measured FMA"
                      + " peak GFLOP/s | share of peak | peak heap MB | max heap MB |%n"
                      + "|---|---|---|---|---|---|---|%n| %.2f | %.4f | %.1f | %.1f | %.0f%% | %,d | %,d |%n%n"
                      + "Seconds per iteration: median over the %d iterations (one iteration = a user"
                      + " half-step and an item half-step, each with its Gram matrix). FLOPs counted"
                      + " per iteration: Gram 2·n·k² per side; per row 2k² + 2·nnz_row·2k for the"
                      + " residual and, per CG step, 2k² + nnz_row·4k + 10k. Peak: a register-only"
                      + " Vector API FMA loop on %d threads. Spark MLlib ALS is not measured yet.",
                  train.users(),
                  train.items(),
                  train.nnz(),
                  perIter,
                  ndcg,
                  gflops,
                  peak,
                  100 * gflops / peak,
                  heap.peakBytes / (1 << 20),
                  maxHeap / (1 << 20),
                  iterationSeconds.size(),
                  threads);
      BenchDoc.write(doc, "als", md);
    }
    return 0;
  }

  /** Floating-point operations of one iteration (both half-steps), as the kernels do them. */
  static double flopsPerIteration(Interactions m, int k, int cgSteps) {
    double total = 0;
    for (int side = 0; side < 2; side++) {
      int rows = side == 0 ? m.users() : m.items();
      int other = side == 0 ? m.items() : m.users();
      double nnz = m.nnz();
      double gram = 2.0 * other * k * k;
      double residual = rows * 2.0 * k * k + nnz * 4.0 * k;
      double cg = cgSteps * (rows * (2.0 * k * k + 10.0 * k) + nnz * 4.0 * k);
      total += gram + residual + cg;
    }
    return total;
  }

  /**
   * GFLOP/s of independent FMA chains kept in registers, on {@code threads} threads, after a
   * warm-up that gets the loop compiled (interpreted Vector API code is orders slower).
   */
  static double measuredPeakGflops(int threads) throws InterruptedException {
    for (int warm = 0; warm < 20; warm++) {
      fmaLoop(200_000);
    }
    long iterations = 100_000_000L;
    double[] result = new double[threads];
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int id = t;
      ts[t] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    long t0 = System.nanoTime();
                    float sink = fmaLoop(iterations);
                    double secs = (System.nanoTime() - t0) / 1e9;
                    int lanes = FloatVector.SPECIES_PREFERRED.length();
                    result[id] = (sink == 42 ? 1 : 0) + iterations * 8.0 * 2 * lanes / secs;
                  });
    }
    double sum = 0;
    for (int t = 0; t < threads; t++) {
      ts[t].join();
      sum += result[t];
    }
    return sum / 1e9;
  }

  /** Eight independent FMA chains: enough to fill the FMA pipes despite their latency. */
  private static float fmaLoop(long iterations) {
    VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
    FloatVector a = FloatVector.broadcast(s, 1.0000001f);
    FloatVector b = FloatVector.broadcast(s, 0.9999999f);
    FloatVector c0 = FloatVector.zero(s);
    FloatVector c1 = FloatVector.zero(s);
    FloatVector c2 = FloatVector.zero(s);
    FloatVector c3 = FloatVector.zero(s);
    FloatVector c4 = FloatVector.zero(s);
    FloatVector c5 = FloatVector.zero(s);
    FloatVector c6 = FloatVector.zero(s);
    FloatVector c7 = FloatVector.zero(s);
    for (long i = 0; i < iterations; i++) {
      c0 = a.fma(b, c0);
      c1 = a.fma(b, c1);
      c2 = a.fma(b, c2);
      c3 = a.fma(b, c3);
      c4 = a.fma(b, c4);
      c5 = a.fma(b, c5);
      c6 = a.fma(b, c6);
      c7 = a.fma(b, c7);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).lane(0);
  }

  private static double round(double x) {
    return Math.round(x * 10_000) / 10_000.0;
  }

  /** Samples heap in use every 50 ms. */
  private static final class PeakHeap extends Thread {
    volatile boolean running = true;
    volatile long peakBytes;

    PeakHeap() {
      setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == MemoryType.HEAP) {
            used += pool.getUsage().getUsed();
          }
        }
        peakBytes = Math.max(peakBytes, used);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stopSampling() {
      running = false;
    }
  }
}
