package dev.heed.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.core.json.Json;
import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.RecommenderModel;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.recommend.als.ImplicitAlsModel;
import dev.heed.core.recommend.als.ImplicitAlsRecommender;
import dev.heed.eval.RecommendEvaluation;
import dev.heed.eval.Tuner;
import dev.heed.eval.data.Datasets;
import dev.heed.eval.split.Split;
import dev.heed.eval.split.TemporalHoldoutSplit;
import dev.heed.eval.split.Weighting;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      "GFLOP/s of the Gram and CG kernels against a measured FMA peak, and peak heap.",
      "--vs spark trains Spark MLlib's implicit ALS (heed-spark) on the same split and scores it",
      "with the same evaluation. A list of --reg/--alpha (Heed) or --spark-reg/--spark-alpha",
      "values is searched on a validation split carved from the training part (NDCG@20), and the",
      "best is timed and tested."
    })
final class AlsBench implements Callable<Integer> {
  @Option(
      names = "--data",
      description =
          "Data file or synthetic:USERS,ITEMS,INTERACTIONS,SEED (default ${DEFAULT-VALUE})",
      defaultValue = "synthetic:100000,20000,10000000,42")
  String data;

  @Option(names = "--rank", description = "Factors (default 64)")
  int rank = 64;

  @Option(names = "--iters", description = "Iterations (default 10)")
  int iters = 10;

  @Option(names = "--threads", description = "Training threads; Spark runs on local[N] (default 2)")
  int threads = 2;

  @Option(names = "--cg-steps", description = "CG steps per row (default 3)")
  int cgSteps = 3;

  @Option(
      names = "--reg",
      split = ",",
      description = "Heed's λ, one value or a list to search (default 1)")
  List<String> reg = List.of("1");

  @Option(
      names = "--alpha",
      split = ",",
      description = "Heed's alpha, one value or a list to search (default 2)")
  List<String> alpha = List.of("2");

  @Option(
      names = "--weighted-reg",
      description = "Heed's λ times each row's positives (weighted_reg=true, Spark's objective)")
  boolean weightedReg;

  @Option(names = "--vs", description = "A peer to compare with: spark")
  String vs;

  @Option(
      names = "--spark-reg",
      split = ",",
      description =
          "Spark's regParam (times each row's positives), list searched (default ${DEFAULT-VALUE})",
      defaultValue = "0.01,0.1,1")
  List<String> sparkReg;

  @Option(
      names = "--spark-alpha",
      split = ",",
      description = "Spark's alpha, list searched (default ${DEFAULT-VALUE})",
      defaultValue = "1,10,40")
  List<String> sparkAlpha;

  @Option(
      names = "--spark-blocks",
      description = "Spark's user and item blocks (default ${DEFAULT-VALUE}, Spark's own default)",
      defaultValue = "10")
  int sparkBlocks;

  @Option(
      names = "--runs",
      description =
          "Timed fits per side; seconds per iteration is the median (default ${DEFAULT-VALUE})",
      defaultValue = "1")
  int runs;

  @Option(names = "--json", description = "Print one JSON object")
  boolean json;

  @Option(names = "--doc", paramLabel = "FILE", description = "Record the figures in this file")
  Path doc;

  @Override
  public Integer call() throws Exception {
    boolean spark = vs != null;
    if (spark && !vs.equals("spark")) {
      throw new IllegalArgumentException("--vs " + vs + ": the only peer is spark");
    }
    if (spark && !SparkSide.available()) {
      throw new IllegalArgumentException(
          "--vs spark needs heed-spark/target/heed-spark.jar and its lib/ (./heed builds them;"
              + " by hand: ./mvnw -pl heed-bench -am package -DskipTests)");
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
    boolean search =
        reg.size() * alpha.size() > 1 || (spark && sparkReg.size() * sparkAlpha.size() > 1);
    Split validation = search ? Tuner.validation(split, "temporal", 42) : null;

    // Heed: choose λ and alpha on validation, then time and test the choice.
    Map<String, String> heedFixed = new LinkedHashMap<>();
    heedFixed.put("factors", Integer.toString(rank));
    heedFixed.put("iterations", Integer.toString(iters));
    heedFixed.put("threads", Integer.toString(threads));
    heedFixed.put("cg_steps", Integer.toString(cgSteps));
    // Spark's factors are folded in without recency weighting: compare like with like.
    heedFixed.put("recency_half_life", "0");
    if (weightedReg) {
      heedFixed.put("weighted_reg", "true");
    }
    Choice heedChoice =
        choose(
            "heed",
            heedFixed,
            reg,
            alpha,
            validation,
            p ->
                new ImplicitAlsRecommender(new Params(p))
                    .fit(validation.train(), TrainingListener.NONE));
    // A short warm-up fit of each side first, so neither times the JIT compiling its code.
    Map<String, String> warm = new LinkedHashMap<>(heedChoice.params());
    warm.put("iterations", "2");
    new ImplicitAlsRecommender(new Params(warm)).fit(train, TrainingListener.NONE);
    PeakHeap heap = new PeakHeap();
    heap.start();
    double[] heedRunMedians = new double[runs];
    double heedFit = 0;
    ImplicitAlsModel model = null;
    int measuredIterations = 0;
    for (int run = 0; run < runs; run++) {
      List<Double> iterationSeconds = new ArrayList<>();
      long[] last = {System.nanoTime()};
      ImplicitAlsRecommender als = new ImplicitAlsRecommender(new Params(heedChoice.params()));
      long start = System.nanoTime();
      ImplicitAlsModel m =
          als.fit(
              train,
              (stage, done, total) -> {
                long now = System.nanoTime();
                iterationSeconds.add((now - last[0]) / 1e9);
                last[0] = now;
                System.err.printf(
                    Locale.ROOT,
                    "als: heed iteration %d/%d %.2f s%n",
                    done,
                    total,
                    iterationSeconds.getLast());
              });
      double fit = (System.nanoTime() - start) / 1e9;
      heedRunMedians[run] =
          BenchDoc.median(iterationSeconds.stream().mapToDouble(Double::doubleValue).toArray());
      if (run == 0) {
        model = m;
        heedFit = fit;
        measuredIterations = iterationSeconds.size();
      }
    }
    heap.stopSampling();
    double perIter = BenchDoc.median(heedRunMedians);
    double flops = flopsPerIteration(train, rank, cgSteps);
    double gflops = flops / perIter / 1e9;
    double peak = measuredPeakGflops(threads);
    System.err.println("als: evaluating heed");
    double ndcg =
        RecommendEvaluation.evaluate(split, model, threads, null).summary().get("ndcg@20");
    long maxHeap = Runtime.getRuntime().maxMemory();
    ObjectNode out = Json.mapper().createObjectNode();
    ObjectNode heed = out.putObject("heed");
    heed.put("seconds_per_iter", round(perIter));
    heed.put("ndcg@20", round(ndcg));
    heed.put("fit_seconds", round(heedFit));
    heed.put("gflops", round(gflops));
    heed.put("peak_gflops_measured", round(peak));
    heed.put("peak_heap_mb", heap.peakBytes / (1 << 20));
    heed.put("max_heap_mb", maxHeap / (1 << 20));
    heedChoice.describe(heed);

    double sparkPerIter = Double.NaN;
    double sparkNdcg = Double.NaN;
    double sparkFit = Double.NaN;
    Choice sparkChoice = null;
    if (spark) {
      try {
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put("master", "local[" + threads + "]");
        fixed.put("factors", Integer.toString(rank));
        fixed.put("iterations", Integer.toString(iters));
        fixed.put("blocks", Integer.toString(sparkBlocks));
        sparkChoice =
            choose(
                "spark",
                fixed,
                sparkReg,
                sparkAlpha,
                validation,
                p -> SparkSide.fit(validation, p).model());
        Map<String, String> sparkWarm = new LinkedHashMap<>(sparkChoice.params());
        sparkWarm.put("iterations", "2");
        System.err.println("als: spark warm-up fit (2 iterations)");
        SparkSide.fit(split, sparkWarm);
        double[] medians = new double[runs];
        SparkSide.Run first = null;
        for (int run = 0; run < runs; run++) {
          System.err.printf(Locale.ROOT, "als: spark fit %d/%d%n", run + 1, runs);
          SparkSide.Run r = SparkSide.fit(split, sparkChoice.params());
          if (r.iterationSeconds().length == 0) {
            throw new IllegalStateException(
                "Spark's ALS jobs did not look as expected: no per-iteration times");
          }
          System.err.printf(
              Locale.ROOT,
              "als: spark iterations %s s, fit %.2f s%n",
              java.util.Arrays.toString(
                  java.util.Arrays.stream(r.iterationSeconds()).map(AlsBench::round).toArray()),
              r.fitSeconds());
          medians[run] = BenchDoc.median(r.iterationSeconds());
          if (run == 0) {
            first = r;
          }
        }
        sparkPerIter = BenchDoc.median(medians);
        sparkFit = first.fitSeconds();
        System.err.println("als: evaluating spark");
        sparkNdcg =
            RecommendEvaluation.evaluate(split, first.model(), threads, null)
                .summary()
                .get("ndcg@20");
      } finally {
        SparkSide.stop();
      }
      ObjectNode s = out.putObject("spark");
      s.put("seconds_per_iter", round(sparkPerIter));
      s.put("ndcg@20", round(sparkNdcg));
      s.put("fit_seconds", round(sparkFit));
      sparkChoice.describe(s);
      out.put("speedup", round(sparkPerIter / perIter));
    } else {
      out.putNull("spark");
      out.putNull("speedup");
    }
    String command =
        String.format(
            Locale.ROOT,
            "./heed bench als --data %s --rank %d --iters %d --threads %d --cg-steps %d --reg %s"
                + " --alpha %s%s%s --runs %d",
            data,
            rank,
            iters,
            threads,
            cgSteps,
            String.join(",", reg),
            String.join(",", alpha),
            weightedReg ? " --weighted-reg" : "",
            spark
                ? String.format(
                    Locale.ROOT,
                    " --vs spark --spark-reg %s --spark-alpha %s --spark-blocks %d",
                    String.join(",", sparkReg),
                    String.join(",", sparkAlpha),
                    sparkBlocks)
                : "",
            runs);
    if (json) {
      System.out.println(Json.mapper().writeValueAsString(out));
    } else {
      System.out.printf(
          Locale.ROOT,
          "iALS rank %d (%s): %.2f s/iteration (median of %d), NDCG@20 %.4f, %.1f GFLOP/s of %.1f"
              + " measured peak, peak heap %,d MB of %,d MB%n",
          rank,
          heedChoice.label(),
          perIter,
          measuredIterations,
          ndcg,
          gflops,
          peak,
          heap.peakBytes / (1 << 20),
          maxHeap / (1 << 20));
      if (spark) {
        System.out.printf(
            Locale.ROOT,
            "Spark MLlib ALS rank %d (%s, local[%d]): %.2f s/iteration, NDCG@20 %.4f, fit %.2f s%n"
                + "speedup (Spark s/iteration / Heed s/iteration): %.1fx%n",
            rank,
            sparkChoice.label(),
            threads,
            sparkPerIter,
            sparkNdcg,
            sparkFit,
            sparkPerIter / perIter);
      }
    }
    if (doc != null) {
      String md =
          BenchDoc.header(
                  spark ? "iALS training against Spark MLlib ALS" : "iALS training", command)
              + String.format(
                  Locale.ROOT,
                  "Data: %s, %,d users x %,d items, %,d training pairs (temporal protocol).%n%n",
                  data,
                  train.users(),
                  train.items(),
                  train.nnz());
      if (spark) {
        md +=
            String.format(
                Locale.ROOT,
                "| trainer | parameters | seconds / iteration | NDCG@20 | fit s |%n|---|---|---|---|---|%n"
                    + "| Heed iALS (CG, %d threads) | %s | %.4f | %.4f | %.2f |%n"
                    + "| Spark MLlib ALS (local[%d], %d blocks) | %s | %.4f | %.4f | %.2f |%n%n"
                    + "Speedup per iteration: **%.1fx**. Heed: %.1f GFLOP/s (Gram + CG) of a"
                    + " measured %.1f GFLOP/s FMA peak; peak heap %,d MB of %,d MB.%n%n",
                threads,
                heedChoice.label(),
                perIter,
                ndcg,
                heedFit,
                threads,
                sparkBlocks,
                sparkChoice.label(),
                sparkPerIter,
                sparkNdcg,
                sparkFit,
                sparkPerIter / perIter,
                gflops,
                peak,
                heap.peakBytes / (1 << 20),
                maxHeap / (1 << 20));
      } else {
        md +=
            String.format(
                Locale.ROOT,
                "| seconds / iteration | NDCG@20 | GFLOP/s (Gram + CG) | measured FMA"
                    + " peak GFLOP/s | share of peak | peak heap MB | max heap MB |%n"
                    + "|---|---|---|---|---|---|---|%n| %.2f | %.4f | %.1f | %.1f | %.0f%% | %,d | %,d |%n%n",
                perIter,
                ndcg,
                gflops,
                peak,
                100 * gflops / peak,
                heap.peakBytes / (1 << 20),
                maxHeap / (1 << 20));
      }
      md +=
          String.format(
              Locale.ROOT,
              "Heed's seconds per iteration: median over the %d iterations of a fit (one iteration ="
                  + " a user half-step and an item half-step, each with its Gram matrix), median"
                  + " over %d fit(s), after a 2-iteration warm-up fit. FLOPs counted per iteration: Gram 2·n·k² per side; per row 2k²"
                  + " + 2·nnz_row·2k for the residual and, per CG step, 2k² + nnz_row·4k + 10k."
                  + " Peak: a register-only Vector API FMA loop on %d threads.",
              measuredIterations,
              runs,
              threads);
      if (spark) {
        md +=
            " Spark's seconds per iteration: the same median (also after a warm-up fit), each"
                + " iteration timed between the"
                + " ends of Spark's jobs (its per-half-step Gram aggregate, the final factor count),"
                + " so the setup (blocking the ratings) and collecting the factors are left out."
                + " Both models are scored by the same code (heed-eval, full ranking): Spark's item"
                + " factors serve through Heed's fold-in with Spark's weighted λ, which reproduces"
                + " Spark's own user factors. Parameters with several values were chosen by"
                + " NDCG@20 on a validation split carved from the training part (temporal)."
                + heedChoice.note("Heed")
                + sparkChoice.note("Spark");
      }
      BenchDoc.write(doc, spark ? "als-vs-spark" : "als", md);
    }
    return 0;
  }

  /** The (reg, alpha) pair with the best validation NDCG@20, or the only one given. */
  private Choice choose(
      String side,
      Map<String, String> fixed,
      List<String> regs,
      List<String> alphas,
      Split validation,
      java.util.function.Function<Map<String, String>, RecommenderModel> fitOnValidation) {
    List<String[]> trials = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    Map<String, String> chosen = null;
    for (String r : regs) {
      for (String a : alphas) {
        Map<String, String> p = new LinkedHashMap<>(fixed);
        p.put("reg", r.trim());
        p.put("alpha", a.trim());
        if (regs.size() * alphas.size() == 1) {
          return new Choice(p, List.of());
        }
        RecommenderModel m = fitOnValidation.apply(p);
        double v =
            RecommendEvaluation.evaluate(validation, m, threads, null).summary().get("ndcg@20");
        System.err.printf(
            Locale.ROOT, "als: %s reg=%s alpha=%s validation NDCG@20 %.4f%n", side, r, a, v);
        trials.add(new String[] {r.trim(), a.trim(), String.format(Locale.ROOT, "%.4f", v)});
        if (v > best) {
          best = v;
          chosen = p;
        }
      }
    }
    return new Choice(chosen, trials);
  }

  /** The parameters a side runs with and, when searched, every trial (reg, alpha, NDCG@20). */
  private record Choice(Map<String, String> params, List<String[]> trials) {
    String label() {
      return "reg="
          + params.get("reg")
          + (params.containsKey("weighted_reg") ? " (weighted)" : "")
          + ", alpha="
          + params.get("alpha");
    }

    void describe(ObjectNode node) {
      ObjectNode p = node.putObject("params");
      p.put("reg", Double.parseDouble(params.get("reg")));
      p.put("alpha", Double.parseDouble(params.get("alpha")));
      if (params.containsKey("weighted_reg")) {
        p.put("weighted_reg", Boolean.parseBoolean(params.get("weighted_reg")));
      }
      node.put("validation_trials", trials.size());
    }

    String note(String side) {
      if (trials.isEmpty()) {
        return "";
      }
      StringBuilder b =
          new StringBuilder(" " + side + "'s search (reg, alpha: validation NDCG@20):");
      for (String[] t : trials) {
        b.append(' ').append(t[0]).append(", ").append(t[1]).append(": ").append(t[2]).append(';');
      }
      b.setLength(b.length() - 1);
      return b.append('.').toString();
    }
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
