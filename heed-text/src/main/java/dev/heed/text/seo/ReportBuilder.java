package dev.heed.text.seo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects checks and metrics, then scores them (see {@link SeoAnalyzer} for the weights). */
final class ReportBuilder {
  private final List<SeoReport.Check> checks = new ArrayList<>();
  private final Map<String, Number> metrics = new LinkedHashMap<>();

  void check(String id, SeoReport.Status status, String message, Double value) {
    Integer weight = SeoAnalyzer.WEIGHTS.get(id);
    if (weight == null) {
      throw new IllegalArgumentException("no weight for check " + id);
    }
    check(id, weight, status, message, value);
  }

  void check(String id, int weight, SeoReport.Status status, String message, Double value) {
    checks.add(
        new SeoReport.Check(id, status, message, value == null ? null : round(value), weight));
  }

  void metric(String name, int value) {
    metrics.put(name, value);
  }

  void metric(String name, double value) {
    metrics.put(name, round(value));
  }

  SeoReport build(String language) {
    double earned = 0;
    int total = 0;
    for (SeoReport.Check c : checks) {
      earned += c.weight() * c.status().credit();
      total += c.weight();
    }
    int score = total == 0 ? 0 : (int) Math.round(100 * earned / total);
    return new SeoReport(score, language, checks, metrics);
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  /** A number for a message: an integer as is, others with {@code decimals} places. */
  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** A share in [0, 1] as a whole percentage. */
  static String percent(double share) {
    return Math.round(share * 100) + "%";
  }
}
