package dev.heed.api.store;

/** One stored rollup: its key and its counts. */
public record RollupRow(RollupKey key, AttentionCounts counts) {}
