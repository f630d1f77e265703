package dev.heed.text.seo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SEO and readability report: {@code score} in 0–100 is the weighted mean of the checks (good =
 * 1, ok = 0.5, bad = 0); {@code metrics} holds the measured figures the checks read.
 */
public record SeoReport(
    int score, String language, List<Check> checks, Map<String, Number> metrics) {
  public SeoReport {
    checks = List.copyOf(checks);
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
  }

  /** How a check came out. */
  public enum Status {
    GOOD(1.0),
    OK(0.5),
    BAD(0.0);

    private final double credit;

    Status(double credit) {
      this.credit = credit;
    }

    /** The share of the check's weight it earns. */
    public double credit() {
      return credit;
    }

    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One check: its id ({@code keyphrase_density}, ...), status, a message that says what to do, the
   * measured value it judged (null when it judged no number) and its weight in the score.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Check(String id, Status status, String message, Double value, int weight) {}

  /** The check with {@code id}, or null. */
  public Check check(String id) {
    for (Check c : checks) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }
}
