package dev.heed.api.store;

/** How to reach a store. {@code user} and {@code password} may be null. */
public record StoreSettings(String url, String user, String password, int poolSize) {}
