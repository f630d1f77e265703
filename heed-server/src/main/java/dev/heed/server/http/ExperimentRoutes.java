package dev.heed.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.api.Experiment;
import dev.heed.api.store.ApiKey.Scope;
import dev.heed.core.experiment.ExperimentCodec;
import dev.heed.core.experiment.ExperimentResults;
import dev.heed.core.ingest.InvalidInputException;
import dev.heed.core.ingest.Validation;
import dev.heed.server.Heed;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Experiments: definitions, deterministic assignment and results read from the event log. */
final class ExperimentRoutes {
  private final Heed heed;
  private final HttpApi http;

  ExperimentRoutes(Heed heed, HttpApi http) {
    this.heed = heed;
    this.http = http;
  }

  void register() {
    http.route(HandlerType.POST, "/v1/experiments", Scope.ADMIN, this::create);
    http.route(HandlerType.GET, "/v1/experiments", Scope.READ, this::list);
    http.route(HandlerType.GET, "/v1/experiments/{id}", Scope.READ, this::get);
    http.route(HandlerType.DELETE, "/v1/experiments/{id}", Scope.ADMIN, this::delete);
    http.route(HandlerType.GET, "/v1/experiments/{id}/results", Scope.READ, this::results);
    http.route(HandlerType.GET, "/v1/experiments/{id}/assignment", Scope.READ, this::assignment);
  }

  /**
   * Creates the experiment (201). The same definition again answers 200 with the stored one (a
   * different {@code status} is applied, so re-posting with {@code "status":"stopped"} stops it); a
   * different definition under the same id is a 409.
   */
  private void create(Context ctx) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    record Request(Experiment experiment, boolean statusGiven) {}
    Request req =
        http.withJsonBody(
            ctx,
            body -> new Request(ExperimentCodec.read(body, () -> now), body.hasNonNull("status")));
    Experiment wanted = req.experiment();
    Experiment stored = heed.store().experiments().putIfAbsent(wanted);
    if (stored == wanted) {
      ctx.status(201).json(ExperimentCodec.write(stored));
      return;
    }
    if (!stored.sameDefinition(wanted)) {
      throw new ProblemException(
          409,
          "experiment-conflict",
          "experiment '"
              + wanted.id()
              + "' exists with a different definition (differs in "
              + String.join(", ", differences(stored, wanted))
              + "); delete it first or use a new id");
    }
    if (req.statusGiven() && stored.status() != wanted.status()) {
      stored = stored.withStatus(wanted.status());
      heed.store().experiments().put(stored);
    }
    ctx.status(200).json(ExperimentCodec.write(stored));
  }

  private static List<String> differences(Experiment a, Experiment b) {
    List<String> out = new ArrayList<>();
    if (!a.salt().equals(b.salt())) {
      out.add("salt");
    }
    if (!java.util.Objects.equals(a.description(), b.description())) {
      out.add("description");
    }
    if (!a.variants().equals(b.variants())) {
      out.add("variants");
    }
    if (!a.control().equals(b.control())) {
      out.add("control");
    }
    if (!a.metric().equals(b.metric())) {
      out.add("metric");
    }
    if (!a.guardrails().equals(b.guardrails())) {
      out.add("guardrails");
    }
    return out;
  }

  private void list(Context ctx) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    var array = out.putArray("experiments");
    heed.store().experiments().list().forEach(e -> array.add(ExperimentCodec.write(e)));
    ctx.json(out);
  }

  private void get(Context ctx) {
    ctx.json(ExperimentCodec.write(experiment(ctx)));
  }

  private void delete(Context ctx) {
    String id = pathId(ctx);
    if (!heed.store().experiments().delete(id)) {
      throw notFound(id);
    }
    ctx.status(204);
  }

  private void results(Context ctx) {
    Experiment e = experiment(ctx);
    ExperimentResults r =
        ExperimentResults.compute(
            e, heed.store().events(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    ctx.json(r.toJson());
  }

  private void assignment(Context ctx) {
    String user = ctx.queryParam("user");
    Experiment e = experiment(ctx);
    if (user == null || user.isEmpty()) {
      throw new InvalidInputException("user", "is required: the user id to assign");
    }
    Validation.requireId("user", user);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("experiment", e.id());
    out.put("user", user);
    out.put("variant", ExperimentCodec.assignment(e).assign(user));
    ctx.json(out);
  }

  private Experiment experiment(Context ctx) {
    String id = pathId(ctx);
    return heed.store().experiments().get(id).orElseThrow(() -> notFound(id));
  }

  private static String pathId(Context ctx) {
    String id = ctx.pathParam("id");
    Validation.requireId("id", id);
    return id;
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("experiment '" + id + "'");
  }
}
