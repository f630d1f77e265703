package dev.heed.api.store;

import java.time.Instant;

/**
 * An alert the opinion monitor raised: {@code kind} (negative_share or volume) of {@code topic}'s
 * {@code hour} reached {@code value} above {@code threshold}; {@code delivery} is the webhook's
 * state (none, pending, delivered, failed). One alert per (topic, kind, hour).
 */
public record MonitorAlert(
    String topic,
    String kind,
    long hour,
    double value,
    double baseline,
    double threshold,
    Instant raisedAt,
    String delivery) {}
