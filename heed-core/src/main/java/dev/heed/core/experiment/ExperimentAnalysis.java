package dev.heed.core.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The full reading of an A/B test on conversions: per-variant rates, the frequentist test, the
 * Bayesian chance to win, the always-valid sequential interval, the sample ratio check and a
 * verdict in plain language; plus, when per-user values are given, the same for a continuous metric
 * (CUPED-adjusted when pre-period covariates are given).
 *
 * <p>Each treatment is compared with the control ({@link #comparisons}); the top-level {@link
 * #frequentist}, {@link #bayesian}, {@link #sequential} and {@link #metric} repeat the comparison
 * of the leading {@link #treatment} (highest chance to beat the control). With several treatments
 * the verdict calls a difference significant only below {@code 0.05 / treatments} (Bonferroni); the
 * reported p-values and 95% intervals stay unadjusted. A sample ratio mismatch (p below {@value
 * #SRM_THRESHOLD}) overrides the verdict, since a broken split biases every other number.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentAnalysis(
    Map<String, VariantSummary> variants,
    String control,
    String treatment,
    Frequentist frequentist,
    BayesianComparison bayesian,
    Sequential sequential,
    MetricComparison metric,
    Map<String, Comparison> comparisons,
    @JsonProperty("srm_p_value") double srmPValue,
    String verdict) {

  /** Sample ratio p-values below this flag a mismatch (the usual threshold in practice). */
  public static final double SRM_THRESHOLD = 0.001;

  /** Significance level of the verdict and of the always-valid sequence. */
  public static final double ALPHA = 0.05;

  /**
   * Effective users ({@code n_C n_T / (n_C + n_T)}) at which the always-valid interval is
   * narrowest: about 20,000 users per arm in a 50/50 test.
   */
  public static final double SEQUENCE_TUNED_FOR = 10_000;

  /**
   * What one variant observed: users, how many converted, and optionally one metric value per user
   * with its pre-period covariate. {@code weight} is the variant's share in the assignment (any
   * positive scale), used by the sample ratio check.
   */
  public record VariantData(
      String name,
      double weight,
      long users,
      long conversions,
      double[] metric,
      double[] covariate) {
    public VariantData {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("variant name must not be blank");
      }
      if (!(weight > 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(
            "variant " + name + ": weight must be positive and finite, was " + weight);
      }
      if (users < 0 || conversions < 0) {
        throw new IllegalArgumentException(
            "variant "
                + name
                + ": counts must not be negative (users="
                + users
                + ", conversions="
                + conversions
                + ")");
      }
      if (conversions > users) {
        throw new IllegalArgumentException(
            "variant " + name + ": conversions (" + conversions + ") exceed users (" + users + ")");
      }
      if (metric != null && metric.length != users) {
        throw new IllegalArgumentException(
            "variant " + name + ": " + metric.length + " metric values for " + users + " users");
      }
      if (covariate != null && (metric == null || covariate.length != metric.length)) {
        throw new IllegalArgumentException(
            "variant " + name + ": covariates need one metric value per user beside them");
      }
    }

    /** Conversion counts only, weight 1. */
    public static VariantData of(String name, long users, long conversions) {
      return new VariantData(name, 1, users, conversions, null, null);
    }

    public VariantData withWeight(double weight) {
      return new VariantData(name, weight, users, conversions, metric, covariate);
    }

    /** Adds one metric value per user (e.g. revenue, minutes watched). */
    public VariantData withMetric(double[] metric) {
      return new VariantData(name, weight, users, conversions, metric, null);
    }

    /** Adds one metric value and one pre-period covariate per user, enabling CUPED. */
    public VariantData withMetric(double[] metric, double[] covariate) {
      return new VariantData(name, weight, users, conversions, metric, covariate);
    }

    Conversions conversionCounts() {
      return new Conversions(users, conversions);
    }
  }

  /** One variant's counts and rate, and its metric mean when per-user values were given. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VariantSummary(long users, long conversions, double rate, Double mean) {}

  /**
   * Two-proportion z-test: the absolute difference of rates and the relative lift, each with its
   * 95% interval ({@code ci95} is the lift's); lift fields are absent when the control rate is 0.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Frequentist(
      @JsonProperty("p_value") double pValue,
      double difference,
      @JsonProperty("difference_ci95") Interval differenceCi95,
      Double lift,
      @JsonProperty("ci95") Interval ci95) {}

  /**
   * Always-valid p-value and 95% confidence sequence of the difference ({@link
   * ConfidenceSequence}).
   */
  public record Sequential(
      @JsonProperty("p_value") double pValue,
      @JsonProperty("difference_ci95") Interval differenceCi95) {}

  /**
   * The continuous metric: Welch's t-test on the difference of means (CUPED-adjusted when
   * covariates were given, then {@code cuped_theta} and {@code variance_reduction} are present),
   * the normal-posterior Bayesian reading and the always-valid sequence. Means are unadjusted.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MetricComparison(
      @JsonProperty("control_mean") double controlMean,
      @JsonProperty("treatment_mean") double treatmentMean,
      double difference,
      @JsonProperty("ci95") Interval ci95,
      @JsonProperty("p_value") double pValue,
      @JsonProperty("degrees_of_freedom") double degreesOfFreedom,
      @JsonProperty("cuped_theta") Double cupedTheta,
      @JsonProperty("variance_reduction") Double varianceReduction,
      BayesianComparison bayesian,
      Sequential sequential) {}

  /** One treatment against the control. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Comparison(
      Frequentist frequentist,
      BayesianComparison bayesian,
      Sequential sequential,
      MetricComparison metric) {}

  /** Analyses the variants, comparing each of the others with the one named {@code control}. */
  public static ExperimentAnalysis of(String control, List<VariantData> variants) {
    if (variants == null || variants.size() < 2) {
      throw new IllegalArgumentException(
          "an experiment needs at least two variants, got "
              + (variants == null ? 0 : variants.size()));
    }
    Map<String, VariantData> byName = new LinkedHashMap<>();
    for (VariantData v : variants) {
      if (byName.put(v.name(), v) != null) {
        throw new IllegalArgumentException("variant " + v.name() + " appears twice");
      }
      if (v.users() == 0) {
        throw new IllegalArgumentException("variant " + v.name() + " has no users");
      }
    }
    VariantData base = byName.get(control);
    if (base == null) {
      throw new IllegalArgumentException(
          "control '" + control + "' is not one of the variants " + byName.keySet());
    }
    boolean hasMetric = requireAllOrNone(variants, v -> v.metric() != null, "metric values");
    boolean hasCovariate =
        hasMetric && requireAllOrNone(variants, v -> v.covariate() != null, "covariates");
    if (hasMetric) {
      for (VariantData v : variants) {
        if (v.users() < 2) {
          throw new IllegalArgumentException(
              "variant " + v.name() + ": a metric needs at least 2 users");
        }
      }
    }

    Map<String, VariantSummary> summaries = new LinkedHashMap<>();
    long[] observed = new long[variants.size()];
    double[] weights = new double[variants.size()];
    for (int i = 0; i < variants.size(); i++) {
      VariantData v = variants.get(i);
      Double mean = hasMetric ? SampleStats.of(v.metric()).mean() : null;
      summaries.put(
          v.name(),
          new VariantSummary(v.users(), v.conversions(), v.conversionCounts().rate(), mean));
      observed[i] = v.users();
      weights[i] = v.weight();
    }
    double srm = SampleRatio.test(observed, weights).pValue();

    Map<String, Comparison> comparisons = new LinkedHashMap<>();
    String leader = null;
    for (VariantData v : variants) {
      if (v == base) {
        continue;
      }
      Comparison c = compare(base, v, hasMetric, hasCovariate);
      comparisons.put(v.name(), c);
      if (leader == null
          || c.bayesian().chanceToWin() > comparisons.get(leader).bayesian().chanceToWin()) {
        leader = v.name();
      }
    }
    Comparison lead = comparisons.get(leader);
    String verdict = verdict(control, leader, lead, comparisons.size(), srm);
    return new ExperimentAnalysis(
        Collections.unmodifiableMap(summaries),
        control,
        leader,
        lead.frequentist(),
        lead.bayesian(),
        lead.sequential(),
        lead.metric(),
        Collections.unmodifiableMap(comparisons),
        srm,
        verdict);
  }

  private static Comparison compare(
      VariantData control, VariantData treatment, boolean hasMetric, boolean hasCovariate) {
    Conversions c = control.conversionCounts();
    Conversions t = treatment.conversionCounts();
    TwoProportionTest z = TwoProportionTest.of(c, t);
    Frequentist frequentist =
        new Frequentist(z.pValue(), z.difference(), z.differenceCi(), z.lift(), z.liftCi());
    double v = ConfidenceSequence.effectiveUsers(c.users(), t.users());
    double se = Math.sqrt(c.rateVariance() + t.rateVariance());
    Sequential sequential = sequential(z.difference(), se, v);
    MetricComparison metric = hasMetric ? metric(control, treatment, hasCovariate, v) : null;
    return new Comparison(frequentist, BetaBinomial.compare(c, t), sequential, metric);
  }

  private static MetricComparison metric(
      VariantData control, VariantData treatment, boolean hasCovariate, double v) {
    SampleStats rawC = SampleStats.of(control.metric());
    SampleStats rawT = SampleStats.of(treatment.metric());
    SampleStats c = rawC;
    SampleStats t = rawT;
    Double theta = null;
    Double reduction = null;
    if (hasCovariate) {
      Cuped cuped =
          Cuped.adjust(
              control.covariate(), control.metric(), treatment.covariate(), treatment.metric());
      c = cuped.control();
      t = cuped.treatment();
      theta = cuped.theta();
      reduction = cuped.varianceReduction();
    }
    WelchTest welch = WelchTest.of(c, t);
    return new MetricComparison(
        rawC.mean(),
        rawT.mean(),
        welch.difference(),
        welch.ci(),
        welch.pValue(),
        welch.degreesOfFreedom(),
        theta,
        reduction,
        NormalPosterior.compare(c, t),
        sequential(welch.difference(), welch.standardError(), v));
  }

  private static Sequential sequential(double difference, double se, double effectiveUsers) {
    ConfidenceSequence cs = ConfidenceSequence.tunedFor(ALPHA, SEQUENCE_TUNED_FOR);
    return new Sequential(
        cs.pValue(difference, se, effectiveUsers), cs.interval(difference, se, effectiveUsers));
  }

  static String verdict(
      String control, String treatment, Comparison c, int treatments, double srmPValue) {
    if (srmPValue < SRM_THRESHOLD) {
      return "Sample ratio mismatch (p="
          + formatP(srmPValue)
          + "): check assignment before reading results";
    }
    Frequentist f = c.frequentist();
    String chance = "chance to beat " + control + " " + formatChance(c.bayesian().chanceToWin());
    double threshold = ALPHA / treatments;
    String who =
        treatments > 1 ? treatment + " (best of " + treatments + " treatments)" : treatment;
    if (f.pValue() < threshold) {
      boolean up = f.difference() > 0;
      String effect;
      if (f.lift() != null) {
        effect =
            "by " + percent(Math.abs(f.lift())) + " (95% CI " + magnitudes(f.ci95(), up, 1) + "%)";
      } else {
        effect =
            "by "
                + String.format(Locale.ROOT, "%.2f", Math.abs(f.difference()) * 100)
                + " percentage points (95% CI "
                + magnitudes(f.differenceCi95(), up, 2)
                + " pp)";
      }
      String text =
          who + (up ? " raises" : " lowers") + " the conversion rate " + effect + ", " + chance;
      if (c.sequential().pValue() >= ALPHA) {
        text +=
            "; not yet conclusive if results were checked repeatedly (always-valid p="
                + formatP(c.sequential().pValue())
                + ")";
      }
      return text;
    }
    String estimate =
        f.lift() != null
            ? String.format(
                Locale.ROOT,
                "%+.1f%% (95%% CI %+.1f%% to %+.1f%%",
                f.lift() * 100,
                f.ci95().lo() * 100,
                f.ci95().hi() * 100)
            : String.format(
                Locale.ROOT,
                "%+.2f pp (95%% CI %+.2f to %+.2f pp",
                f.difference() * 100,
                f.differenceCi95().lo() * 100,
                f.differenceCi95().hi() * 100);
    String p = ", p=" + formatP(f.pValue());
    if (treatments > 1) {
      p += String.format(Locale.ROOT, " against a Bonferroni threshold of %.3f", threshold);
    }
    return "No significant difference yet: "
        + who
        + " vs "
        + control
        + " "
        + estimate
        + p
        + "), "
        + chance;
  }

  /** An interval's bounds in percent as magnitudes in increasing order, e.g. "1.2–7.0". */
  private static String magnitudes(Interval ci, boolean up, int decimals) {
    double a = (up ? ci.lo() : -ci.hi()) * 100;
    double b = (up ? ci.hi() : -ci.lo()) * 100;
    String one = "%." + decimals + "f";
    return String.format(Locale.ROOT, one + "–" + one, a, b);
  }

  private static String percent(double x) {
    return String.format(Locale.ROOT, "%.1f%%", x * 100);
  }

  private static String formatChance(double p) {
    if (p > 0.999) {
      return ">99.9%";
    }
    if (p < 0.001) {
      return "<0.1%";
    }
    return percent(p);
  }

  static String formatP(double p) {
    if (p >= 0.01) {
      return String.format(Locale.ROOT, "%.2f", p);
    }
    if (p >= 0.0001) {
      return String.format(Locale.ROOT, "%.4f", p);
    }
    return "<0.0001";
  }

  private static boolean requireAllOrNone(
      List<VariantData> variants, java.util.function.Predicate<VariantData> has, String what) {
    List<String> with = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (VariantData v : variants) {
      (has.test(v) ? with : without).add(v.name());
    }
    if (!with.isEmpty() && !without.isEmpty()) {
      throw new IllegalArgumentException(
          what + " are given for " + with + " but not for " + without);
    }
    return without.isEmpty();
  }
}
