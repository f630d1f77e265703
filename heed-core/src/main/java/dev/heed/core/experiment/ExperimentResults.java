package dev.heed.core.experiment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.api.Event;
import dev.heed.api.EventKind;
import dev.heed.api.Experiment;
import dev.heed.api.store.EventQuery;
import dev.heed.api.store.EventStore;
import dev.heed.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an experiment observed, read from the event log, and its analysis.
 *
 * <p>An exposure is an impression tagged with the experiment and one of its variants, through the
 * impression's {@code experiment}/{@code variant} fields or, when those are absent, its context
 * keys {@code experiment}/{@code variant}. A user belongs to the variant of their earliest exposure
 * (the first appended one on a tie) and converts on a metric when they sent an event of the
 * metric's kind, on any item, at or after that exposure. Users exposed to more than one variant
 * stay in their first and are counted as {@code crossovers}; impressions naming a variant the
 * experiment does not have are ignored and counted as {@code unknownVariant}; users whose first
 * variant differs from {@link Assignment}'s are counted as {@code assignmentMismatches}. Events
 * timestamped before the experiment's {@code createdAt} are not read.
 *
 * @param counts users and conversions on the experiment's metric, per variant in definition order
 * @param analysis the statistics, or null while a variant has no users
 * @param guardrails the analysis of each guardrail metric (null entries while a variant has no
 *     users)
 */
public record ExperimentResults(
    Experiment experiment,
    Map<String, Counts> counts,
    ExperimentAnalysis analysis,
    Double srmPValue,
    String verdict,
    Map<String, Guardrail> guardrails,
    long crossovers,
    long unknownVariant,
    long assignmentMismatches,
    long eventsScanned,
    Instant computedAt) {

  /** Events read per page of the scan. */
  private static final int PAGE = 10_000;

  /** Significance level at which a guardrail counts as harmed (unadjusted). */
  public static final double GUARDRAIL_ALPHA = 0.05;

  /** Users assigned to a variant and how many of them converted. */
  public record Counts(long users, long conversions) {
    public Double rate() {
      return users == 0 ? null : (double) conversions / users;
    }
  }

  /**
   * A guardrail metric: its counts, its analysis (null while a variant has no users) and the
   * treatments in which it got significantly worse (p below {@value #GUARDRAIL_ALPHA}).
   */
  public record Guardrail(
      Map<String, Counts> counts, ExperimentAnalysis analysis, List<String> worseIn) {}

  /**
   * Scans the log from the experiment's {@code createdAt} and analyses what it finds. This reads
   * every event since then (the store has no index by experiment): linear in the events, with
   * memory per user who was exposed or sent an event of a tracked kind.
   */
  public static ExperimentResults compute(Experiment e, EventStore events, Instant now) {
    Tally tally = new Tally(e);
    events.forEach(
        new EventQuery(null, null, e.createdAt(), null, 0, PAGE), se -> tally.add(se.event()));
    return tally.results(now);
  }

  /** Accumulates exposures and conversions event by event, in any order of timestamps. */
  public static final class Tally {
    private final Experiment experiment;
    private final Map<String, Integer> variantIndex = new HashMap<>();
    private final List<ExperimentMetric> metrics = new ArrayList<>();
    private final Map<String, UserState> users = new HashMap<>();
    private long unknownVariant;
    private long scanned;

    /** Per user: the earliest exposure, its variant, every variant seen, last event per metric. */
    private static final class UserState {
      long firstExposure = Long.MAX_VALUE;
      int variant = -1;
      int variantsSeen;
      final long[] lastConversion;

      UserState(int metrics) {
        lastConversion = new long[metrics];
        java.util.Arrays.fill(lastConversion, Long.MIN_VALUE);
      }
    }

    public Tally(Experiment experiment) {
      this.experiment = experiment;
      for (int i = 0; i < experiment.variants().size(); i++) {
        variantIndex.put(experiment.variants().get(i).name(), i);
      }
      metrics.add(metric(experiment.metric()));
      experiment.guardrails().forEach(g -> metrics.add(metric(g)));
    }

    private static ExperimentMetric metric(String name) {
      return ExperimentMetric.fromWireName(name)
          .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + name + "'"));
    }

    public void add(Event event) {
      scanned++;
      if (event instanceof Event.Impression imp) {
        String exp = imp.experiment();
        String variant = imp.variant();
        if (exp == null) {
          exp = imp.context().get("experiment");
          variant = imp.context().get("variant");
        }
        if (!experiment.id().equals(exp)) {
          return;
        }
        Integer idx = variant == null ? null : variantIndex.get(variant);
        if (idx == null) {
          unknownVariant++;
          return;
        }
        UserState s = state(imp.userId());
        long ts = imp.timestamp().toEpochMilli();
        s.variantsSeen |= 1 << idx;
        if (ts < s.firstExposure) {
          s.firstExposure = ts;
          s.variant = idx;
        }
        return;
      }
      EventKind kind = EventKind.of(event);
      for (int m = 0; m < metrics.size(); m++) {
        if (metrics.get(m).kind() == kind) {
          UserState s = state(event.userId());
          s.lastConversion[m] = Math.max(s.lastConversion[m], event.timestamp().toEpochMilli());
        }
      }
    }

    private UserState state(String user) {
      return users.computeIfAbsent(user, u -> new UserState(metrics.size()));
    }

    public ExperimentResults results(Instant now) {
      int k = experiment.variants().size();
      long[] exposed = new long[k];
      long[][] converted = new long[metrics.size()][k];
      long crossovers = 0;
      long mismatches = 0;
      Assignment assignment = ExperimentCodec.assignment(experiment);
      for (var entry : users.entrySet()) {
        UserState s = entry.getValue();
        if (s.variant < 0) {
          continue;
        }
        exposed[s.variant]++;
        if (Integer.bitCount(s.variantsSeen) > 1) {
          crossovers++;
        }
        if (assignment.index(entry.getKey()) != s.variant) {
          mismatches++;
        }
        for (int m = 0; m < metrics.size(); m++) {
          if (s.lastConversion[m] >= s.firstExposure) {
            converted[m][s.variant]++;
          }
        }
      }
      Map<String, Counts> main = counts(exposed, converted[0]);
      ExperimentAnalysis analysis = analyse(main);
      Double srm = analysis != null ? Double.valueOf(analysis.srmPValue()) : srm(exposed);
      Map<String, Guardrail> guardrails = new LinkedHashMap<>();
      List<String> harmed = new ArrayList<>();
      for (int m = 1; m < metrics.size(); m++) {
        ExperimentMetric metric = metrics.get(m);
        Map<String, Counts> c = counts(exposed, converted[m]);
        ExperimentAnalysis a = analyse(c);
        List<String> worse = new ArrayList<>();
        if (a != null) {
          a.comparisons()
              .forEach(
                  (name, cmp) -> {
                    double d = cmp.frequentist().difference();
                    boolean bad = metric.higherIsBetter() ? d < 0 : d > 0;
                    if (bad && cmp.frequentist().pValue() < GUARDRAIL_ALPHA) {
                      worse.add(name);
                      harmed.add(
                          metric.wireName()
                              + " got worse in "
                              + name
                              + " (p="
                              + ExperimentAnalysis.formatP(cmp.frequentist().pValue())
                              + ")");
                    }
                  });
        }
        guardrails.put(metric.wireName(), new Guardrail(c, a, List.copyOf(worse)));
      }
      String verdict = verdict(main, analysis, srm);
      if (!harmed.isEmpty() && analysis != null && srm >= ExperimentAnalysis.SRM_THRESHOLD) {
        verdict += ". Guardrail warning: " + String.join("; ", harmed);
      }
      return new ExperimentResults(
          experiment,
          main,
          analysis,
          srm,
          verdict,
          guardrails,
          crossovers,
          unknownVariant,
          mismatches,
          scanned,
          now);
    }

    private Map<String, Counts> counts(long[] exposed, long[] converted) {
      Map<String, Counts> out = new LinkedHashMap<>();
      for (int i = 0; i < exposed.length; i++) {
        out.put(experiment.variants().get(i).name(), new Counts(exposed[i], converted[i]));
      }
      return out;
    }

    private ExperimentAnalysis analyse(Map<String, Counts> counts) {
      if (counts.values().stream().anyMatch(c -> c.users() == 0)) {
        return null;
      }
      List<ExperimentAnalysis.VariantData> data = new ArrayList<>();
      for (Experiment.Variant v : experiment.variants()) {
        Counts c = counts.get(v.name());
        data.add(
            new ExperimentAnalysis.VariantData(
                v.name(), v.weight(), c.users(), c.conversions(), null, null));
      }
      return ExperimentAnalysis.of(experiment.control(), data);
    }

    private Double srm(long[] exposed) {
      long total = 0;
      for (long n : exposed) {
        total += n;
      }
      if (total == 0) {
        return null;
      }
      double[] weights =
          experiment.variants().stream().mapToDouble(Experiment.Variant::weight).toArray();
      return SampleRatio.test(exposed, weights).pValue();
    }

    private static String verdict(
        Map<String, Counts> counts, ExperimentAnalysis analysis, Double srm) {
      if (analysis != null) {
        return analysis.verdict();
      }
      if (srm == null) {
        return "No exposures yet: no impression tagged with this experiment and one of its"
            + " variants has been received";
      }
      if (srm < ExperimentAnalysis.SRM_THRESHOLD) {
        return "Sample ratio mismatch (p="
            + ExperimentAnalysis.formatP(srm)
            + "): check assignment before reading results";
      }
      List<String> empty =
          counts.entrySet().stream()
              .filter(e -> e.getValue().users() == 0)
              .map(Map.Entry::getKey)
              .toList();
      return "Not enough data yet: no exposed users in " + String.join(", ", empty);
    }
  }

  /**
   * The JSON answer: the analysis' fields ({@code variants}, {@code frequentist}, {@code bayesian},
   * {@code sequential}, {@code comparisons}, {@code srm_p_value}, {@code verdict}) plus the
   * data-quality counts and guardrails.
   */
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("experiment", experiment.id());
    out.put("metric", experiment.metric());
    out.put("control", experiment.control());
    out.put("status", experiment.status().wireName());
    out.put("from", experiment.createdAt().toString());
    out.put("computed_at", computedAt.toString());
    out.set("variants", variantsJson(counts));
    if (analysis != null) {
      ObjectNode a = Json.mapper().valueToTree(analysis);
      a.remove(List.of("variants", "control", "srm_p_value", "verdict"));
      out.setAll(a);
    }
    if (srmPValue != null) {
      out.put("srm_p_value", srmPValue);
    } else {
      out.putNull("srm_p_value");
    }
    out.put("verdict", verdict);
    out.put("crossovers", crossovers);
    out.put("unknown_variant", unknownVariant);
    out.put("assignment_mismatches", assignmentMismatches);
    out.put("events_scanned", eventsScanned);
    ObjectNode g = out.putObject("guardrails");
    guardrails.forEach(
        (name, gr) -> {
          ObjectNode o = g.putObject(name);
          o.set("variants", variantsJson(gr.counts()));
          if (gr.analysis() != null) {
            o.set("comparisons", Json.mapper().valueToTree(gr.analysis().comparisons()));
          }
          var worse = o.putArray("worse_in");
          gr.worseIn().forEach(worse::add);
        });
    return out;
  }

  private static ObjectNode variantsJson(Map<String, Counts> counts) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    counts.forEach(
        (name, c) -> {
          ObjectNode o = out.putObject(name);
          o.put("users", c.users());
          o.put("conversions", c.conversions());
          if (c.rate() == null) {
            o.putNull("rate");
          } else {
            o.put("rate", c.rate());
          }
        });
    return out;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ExperimentResults[%s: %s]", experiment.id(), verdict);
  }
}
