package dev.heed.api.store;

/** What an erase removed. */
public record Erasure(boolean userDeleted, long eventsDeleted) {}
