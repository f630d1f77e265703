package dev.heed.api.store;

import java.time.Instant;
import java.util.Set;

/**
 * An API key as stored: its public id, a name for people, the SHA-256 of the secret (hex) and its
 * scopes. The secret itself is never stored.
 */
public record ApiKey(
    String id, String name, String secretHash, Set<Scope> scopes, Instant createdAt) {
  public ApiKey {
    scopes = Set.copyOf(scopes);
  }

  /** What a key may do. {@code ADMIN} implies every other scope. */
  public enum Scope {
    ADMIN,
    INGEST,
    READ;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean allows(Scope scope) {
    return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
  }
}
