package dev.heed.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An A/B test: the variants users are split between by weight, the control the others are compared
 * with, the metric that decides and the guardrail metrics that must not get worse. Users are
 * assigned by hashing {@code salt + ":" + userId}; exposures are impressions tagged with the
 * experiment and a variant. The constructor fills the defaults (salt: the id; control: the first
 * variant; status: running) and copies the lists; the rules are checked in heed-core.
 */
public record Experiment(
    String id,
    String salt,
    String description,
    List<Variant> variants,
    String control,
    String metric,
    List<String> guardrails,
    Status status,
    Instant createdAt) {

  /** One arm and its integer share of traffic (weight / sum of weights). */
  public record Variant(String name, int weight) {}

  /** Whether the experiment is still collecting exposures; informational for now. */
  public enum Status {
    RUNNING,
    STOPPED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Experiment {
    variants = variants == null ? List.of() : List.copyOf(variants);
    guardrails = guardrails == null ? List.of() : List.copyOf(guardrails);
    if (salt == null) {
      salt = id;
    }
    if (control == null && !variants.isEmpty()) {
      control = variants.getFirst().name();
    }
    if (status == null) {
      status = Status.RUNNING;
    }
  }

  /** The variant names in order. */
  public List<String> variantNames() {
    return variants.stream().map(Variant::name).toList();
  }

  /** Whether the two define the same test: every field but status and createdAt is equal. */
  public boolean sameDefinition(Experiment other) {
    return Objects.equals(id, other.id)
        && Objects.equals(salt, other.salt)
        && Objects.equals(description, other.description)
        && variants.equals(other.variants)
        && Objects.equals(control, other.control)
        && Objects.equals(metric, other.metric)
        && guardrails.equals(other.guardrails);
  }

  public Experiment withStatus(Status newStatus) {
    return new Experiment(
        id, salt, description, variants, control, metric, guardrails, newStatus, createdAt);
  }
}
