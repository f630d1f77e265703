package dev.heed.spark;

import dev.heed.core.recommend.TrainingListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Per-iteration times of one Spark ALS fit, read from the job boundaries on Spark's listener bus.
 * Spark's implicit ALS runs one {@code aggregate} job per half-step (the Gram matrix YᵀY of the
 * fixed side), which also forces the previous half-step's factors; the final {@code count} of the
 * user factors forces the last user step. So iteration t ends when Gram job 2t+1 ends (the last
 * iteration at that count), and the first Gram job ends when the setup (blocking the ratings) is
 * done. Call sites (the result stage's name) are Spark's ("aggregate at ALS.scala:…"), checked on
 * Spark 4.1.
 */
final class AlsJobTimes extends SparkListener {
  private final int iterations;
  private final TrainingListener progress;
  private final Map<Integer, String> callSites = new HashMap<>();
  private final List<Long> gramEnds = new ArrayList<>();
  private long finalCountEnd = -1;
  private long gramJobs;

  AlsJobTimes(int iterations, TrainingListener progress) {
    this.iterations = iterations;
    this.progress = progress;
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart start) {
    // A job's result stage (the highest stage id) is named by the job's call site.
    String site = "";
    int last = -1;
    var stages = start.stageInfos().iterator();
    while (stages.hasNext()) {
      var stage = stages.next();
      if (stage.stageId() > last) {
        last = stage.stageId();
        site = stage.name();
      }
    }
    callSites.put(start.jobId(), site);
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd end) {
    String site = callSites.getOrDefault(end.jobId(), "");
    if (site.startsWith("aggregate at ALS")) {
      gramEnds.add(end.time());
      gramJobs++;
      // Gram job 2t+1 ends iteration t.
      int done = (int) Math.max(0, (gramJobs - 1) / 2);
      if (done > 0 && done < iterations && (gramJobs - 1) % 2 == 0) {
        progress.progress("iteration", done, iterations);
      }
    } else if (site.startsWith("count at ALS")
        && gramJobs >= 2L * iterations
        && finalCountEnd < 0) {
      finalCountEnd = end.time();
      progress.progress("iteration", iterations, iterations);
    }
  }

  /** Whether the bus has delivered the end of the fit (events arrive asynchronously). */
  synchronized boolean complete() {
    return iterations == 0 || finalCountEnd >= 0;
  }

  /** Seconds of each iteration, or an empty array when the jobs did not look as expected. */
  synchronized double[] iterationSeconds() {
    if (!complete() || gramEnds.size() != 2 * iterations) {
      return new double[0];
    }
    double[] out = new double[iterations];
    long prev = gramEnds.get(0);
    for (int t = 1; t <= iterations; t++) {
      long end = t < iterations ? gramEnds.get(2 * t) : finalCountEnd;
      out[t - 1] = (end - prev) / 1e3;
      prev = end;
    }
    return out;
  }
}
