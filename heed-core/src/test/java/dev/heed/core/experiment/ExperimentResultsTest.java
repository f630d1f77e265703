package dev.heed.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.api.Event;
import dev.heed.api.Experiment;
import dev.heed.core.ingest.FieldError;
import dev.heed.core.ingest.InvalidInputException;
import dev.heed.core.json.Json;
import dev.heed.core.store.memory.MemoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExperimentResultsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private static Experiment read(String json) {
    try {
      return ExperimentCodec.read(Json.mapper().readTree(json), () -> T0);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<FieldError> errors(String json) {
    try {
      read(json);
    } catch (InvalidInputException e) {
      return e.errors();
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void readingFillsDefaultsAndWritingReadsBack() {
    Experiment e =
        read(
            "{\"id\":\"x1\",\"variants\":[{\"name\":\"A\",\"weight\":50},{\"name\":\"B\",\"weight\":50}]}");
    assertThat(e.salt()).isEqualTo("x1");
    assertThat(e.control()).isEqualTo("A");
    assertThat(e.metric()).isEqualTo("ctr");
    assertThat(e.status()).isEqualTo(Experiment.Status.RUNNING);
    assertThat(e.createdAt()).isEqualTo(T0);
    JsonNode written = ExperimentCodec.write(e);
    assertThat(ExperimentCodec.read(written, Instant::now)).isEqualTo(e);
  }

  @Test
  void everyBrokenRuleIsNamedByField() {
    List<FieldError> errs =
        errors(
            "{\"id\":\"bad id\",\"variants\":[{\"name\":\"A\",\"weight\":0},{\"name\":\"A\",\"weight\":2.5},"
                + "{\"weight\":1},{\"name\":\"C\",\"weight\":1,\"colour\":1}],\"metric\":\"revenue\","
                + "\"control\":\"Z\",\"guardrails\":[\"ctr\",\"nope\"],\"status\":\"paused\",\"extra\":1}");
    assertThat(errs)
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "extra",
            "id",
            "variants[0].weight",
            "variants[1].name",
            "variants[1].weight",
            "variants[2].name",
            "variants[3].colour",
            "control",
            "metric",
            "guardrails[1]",
            "status");
    assertThat(errors("{\"id\":\"x\",\"variants\":[{\"name\":\"A\",\"weight\":1}]}"))
        .containsExactly(new FieldError("variants", "must have 2 to 10 variants, has 1"));
    assertThat(errors("{\"id\":\"x\"}")).extracting(FieldError::field).containsExactly("variants");
    assertThat(
            errors(
                "{\"id\":\"x\",\"metric\":\"ctr\",\"guardrails\":[\"ctr\"],\"variants\":[{\"name\":\"A\",\"weight\":1},{\"name\":\"B\",\"weight\":1}]}"))
        .containsExactly(
            new FieldError("guardrails[0]", "'ctr' is already the experiment's metric"));
    StringBuilder eleven = new StringBuilder("{\"id\":\"x\",\"variants\":[");
    for (int i = 0; i < 11; i++) {
      eleven.append(i == 0 ? "" : ",").append("{\"name\":\"v").append(i).append("\",\"weight\":1}");
    }
    assertThat(errors(eleven + "]}"))
        .containsExactly(new FieldError("variants", "must have 2 to 10 variants, has 11"));
    assertThatThrownBy(() -> ExperimentCodec.read(Json.mapper().readTree("[1]"), () -> T0))
        .isInstanceOf(InvalidInputException.class);
  }

  private static Event.Impression impression(
      String id, String user, long ms, String exp, String variant, boolean viaContext) {
    return viaContext
        ? new Event.Impression(
            id,
            user,
            "i1",
            T0.plusMillis(ms),
            null,
            null,
            null,
            null,
            Map.of("experiment", exp, "variant", variant))
        : new Event.Impression(
            id, user, "i1", T0.plusMillis(ms), "home", 0, exp, variant, Map.of());
  }

  @Test
  void tallyMatchesANaiveRecountOnShuffledRandomLogs() {
    long seed = Seeds.seed("ExperimentResultsTest.tally");
    Random rnd = new Random(seed);
    Experiment e =
        new Experiment(
            "exp1",
            null,
            null,
            List.of(
                new Experiment.Variant("A", 1),
                new Experiment.Variant("B", 1),
                new Experiment.Variant("C", 2)),
            null,
            "ctr",
            List.of("dislike_rate"),
            null,
            T0);
    List<Event> log = new ArrayList<>();
    int n = 0;
    for (int u = 0; u < 400; u++) {
      String user = "u" + u;
      int impressions = rnd.nextInt(4);
      for (int k = 0; k < impressions; k++) {
        String variant = List.of("A", "B", "C", "D").get(rnd.nextInt(rnd.nextInt(10) == 0 ? 4 : 3));
        String exp = rnd.nextInt(8) == 0 ? "other" : "exp1";
        log.add(impression("e" + n++, user, rnd.nextInt(1000), exp, variant, rnd.nextBoolean()));
      }
      for (int k = rnd.nextInt(3); k > 0; k--) {
        log.add(new Event.Click("e" + n++, user, "i2", T0.plusMillis(rnd.nextInt(1000)), Map.of()));
      }
      if (rnd.nextInt(5) == 0) {
        log.add(
            new Event.Dislike("e" + n++, user, "i2", T0.plusMillis(rnd.nextInt(1000)), Map.of()));
      }
    }
    Collections.shuffle(log, rnd);

    // the oracle: per user, sort their exposures by time (then log order) and look at the rest
    Map<String, long[]> expected = new HashMap<>(); // variant -> {users, clicks, dislikes}
    long crossovers = 0;
    long unknown = 0;
    Map<String, List<Integer>> byUser = new HashMap<>();
    for (int i = 0; i < log.size(); i++) {
      byUser.computeIfAbsent(log.get(i).userId(), k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> idx : byUser.values()) {
      Event.Impression first = null;
      Set<String> seen = new HashSet<>();
      for (int i : idx) {
        if (log.get(i) instanceof Event.Impression imp) {
          String exp =
              imp.experiment() != null ? imp.experiment() : imp.context().get("experiment");
          String v = imp.variant() != null ? imp.variant() : imp.context().get("variant");
          if (!exp.equals("exp1")) {
            continue;
          }
          if (v.equals("D")) {
            unknown++;
            continue;
          }
          seen.add(v);
          if (first == null || imp.timestamp().isBefore(first.timestamp())) {
            first = imp;
          }
        }
      }
      if (first == null) {
        continue;
      }
      String v = first.variant() != null ? first.variant() : first.context().get("variant");
      Instant at = first.timestamp();
      long[] c = expected.computeIfAbsent(v, k -> new long[3]);
      c[0]++;
      boolean clicked = false;
      boolean disliked = false;
      for (int i : idx) {
        Event ev = log.get(i);
        if (!ev.timestamp().isBefore(at)) {
          clicked |= ev instanceof Event.Click;
          disliked |= ev instanceof Event.Dislike;
        }
      }
      c[1] += clicked ? 1 : 0;
      c[2] += disliked ? 1 : 0;
      crossovers += seen.size() > 1 ? 1 : 0;
    }

    MemoryStore store = new MemoryStore();
    store.events().append(log);
    ExperimentResults r = ExperimentResults.compute(e, store.events(), T0.plusSeconds(5));
    for (String v : List.of("A", "B", "C")) {
      long[] c = expected.getOrDefault(v, new long[3]);
      assertThat(r.counts().get(v)).as(v).isEqualTo(new ExperimentResults.Counts(c[0], c[1]));
      assertThat(r.guardrails().get("dislike_rate").counts().get(v))
          .as("dislikes " + v)
          .isEqualTo(new ExperimentResults.Counts(c[0], c[2]));
    }
    assertThat(r.crossovers()).isEqualTo(crossovers);
    assertThat(r.unknownVariant()).isEqualTo(unknown);
    assertThat(r.eventsScanned()).isEqualTo(log.size());
    assertThat(r.analysis()).isNotNull();
    JsonNode json = r.toJson();
    assertThat(json.get("variants").get("A").get("users").asLong()).isEqualTo(expected.get("A")[0]);
    assertThat(json.has("frequentist")).isTrue();
    assertThat(json.get("guardrails").get("dislike_rate").has("comparisons")).isTrue();
  }

  @Test
  void clicksBeforeTheFirstExposureAndEventsBeforeCreationDoNotCount() {
    Experiment e =
        read(
            "{\"id\":\"x1\",\"variants\":[{\"name\":\"A\",\"weight\":1},{\"name\":\"B\",\"weight\":1}]}");
    MemoryStore store = new MemoryStore();
    store
        .events()
        .append(
            List.of(
                // u1: clicked before exposure only
                new Event.Click("c1", "u1", "i", T0.plusMillis(5), Map.of()),
                impression("m1", "u1", 10, "x1", "A", false),
                // u2: exposed to B at 20, then A at 30 (crossover), clicks at 20 (same ms counts)
                impression("m3", "u2", 30, "x1", "A", true),
                impression("m2", "u2", 20, "x1", "B", false),
                new Event.Click("c2", "u2", "i", T0.plusMillis(20), Map.of()),
                // u3: exposed before the experiment was created: not read
                impression("m4", "u3", -10, "x1", "A", false),
                new Event.Click("c3", "u3", "i", T0.plusMillis(50), Map.of())));
    ExperimentResults r = ExperimentResults.compute(e, store.events(), T0.plusSeconds(1));
    assertThat(r.counts())
        .containsExactly(
            Map.entry("A", new ExperimentResults.Counts(1, 0)),
            Map.entry("B", new ExperimentResults.Counts(1, 1)));
    assertThat(r.crossovers()).isEqualTo(1);
    assertThat(r.eventsScanned()).isEqualTo(6);
  }

  @Test
  void withoutUsersInEveryVariantThereIsNoAnalysisButAnHonestVerdict() {
    Experiment e =
        read(
            "{\"id\":\"x1\",\"variants\":[{\"name\":\"A\",\"weight\":1},{\"name\":\"B\",\"weight\":1}]}");
    MemoryStore store = new MemoryStore();
    ExperimentResults none = ExperimentResults.compute(e, store.events(), T0);
    assertThat(none.analysis()).isNull();
    assertThat(none.srmPValue()).isNull();
    assertThat(none.verdict()).startsWith("No exposures yet");
    assertThat(none.toJson().get("variants").get("A").get("rate").isNull()).isTrue();

    store.events().append(List.of(impression("m1", "u1", 1, "x1", "A", false)));
    ExperimentResults one = ExperimentResults.compute(e, store.events(), T0);
    assertThat(one.verdict()).isEqualTo("Not enough data yet: no exposed users in B");
    assertThat(one.srmPValue()).isGreaterThan(0.001);

    // no conversions anywhere: the numbers stay finite
    List<Event> more = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      more.add(impression("n" + i, "w" + i, 2, "x1", i % 2 == 0 ? "A" : "B", false));
    }
    store.events().append(more);
    ExperimentResults zero = ExperimentResults.compute(e, store.events(), T0);
    assertThat(zero.analysis()).isNotNull();
    assertThat(zero.toJson().toString()).doesNotContain("NaN").doesNotContain("Infinity");
  }
}
