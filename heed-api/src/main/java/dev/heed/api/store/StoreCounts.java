package dev.heed.api.store;

public record StoreCounts(long items, long users, long events) {}
