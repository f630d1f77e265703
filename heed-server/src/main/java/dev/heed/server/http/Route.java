package dev.heed.server.http;

import dev.heed.api.store.ApiKey;

/**
 * A registered route: its method, Javalin path and the scope a key needs ({@code null}: open to
 * all). The list of these is what {@code /openapi.json} is checked against.
 */
public record Route(String method, String path, ApiKey.Scope scope) {}
