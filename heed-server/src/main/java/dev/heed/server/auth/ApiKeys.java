package dev.heed.server.auth;

import dev.heed.api.store.ApiKey;
import dev.heed.api.store.ApiKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks API keys. A key reads {@code hk_<id>_<secret>} (id in hex); the store keeps the
 * id, the scopes and the SHA-256 of the secret, never the secret. Checks compare digests in
 * constant time, and keys looked up recently are cached for a few seconds so a request costs no
 * query.
 */
public final class ApiKeys {
  private static final long CACHE_MILLIS = 5_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A key just issued: the only time the full secret is known. */
  public record Issued(ApiKey key, String token) {}

  private record Cached(Optional<ApiKey> key, long until) {}

  private final ApiKeyStore store;
  private final byte[] configuredAdminDigest;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  /**
   * @param configuredAdminKey an admin key from the configuration, or null/empty for none
   */
  public ApiKeys(ApiKeyStore store, String configuredAdminKey) {
    this.store = store;
    this.configuredAdminDigest =
        configuredAdminKey == null || configuredAdminKey.isEmpty()
            ? null
            : sha256(configuredAdminKey);
  }

  public boolean hasConfiguredAdminKey() {
    return configuredAdminDigest != null;
  }

  public Issued issue(String name, Set<ApiKey.Scope> scopes) {
    byte[] idBytes = new byte[6];
    RANDOM.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    String secret = randomToken(24);
    ApiKey key =
        new ApiKey(
            id,
            name,
            HexFormat.of().formatHex(sha256(secret)),
            scopes,
            Instant.now().truncatedTo(ChronoUnit.MILLIS));
    store.put(key);
    cache.remove(id);
    return new Issued(key, "hk_" + id + "_" + secret);
  }

  public boolean revoke(String id) {
    cache.remove(id);
    return store.delete(id);
  }

  /** The key a presented token stands for, if it is valid. */
  public Optional<ApiKey> authenticate(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    if (configuredAdminDigest != null
        && MessageDigest.isEqual(configuredAdminDigest, sha256(token))) {
      return Optional.of(
          new ApiKey("config", "HEED_ADMIN_KEY", "", Set.of(ApiKey.Scope.ADMIN), Instant.EPOCH));
    }
    String[] parts = token.split("_", 3);
    if (parts.length != 3 || !parts[0].equals("hk") || parts[1].isEmpty()) {
      return Optional.empty();
    }
    Optional<ApiKey> key = lookup(parts[1]);
    byte[] presented = sha256(parts[2]);
    // Compare against a dummy digest when the id is unknown so timing does not tell ids apart.
    byte[] expected = key.map(k -> HexFormat.of().parseHex(k.secretHash())).orElse(new byte[32]);
    boolean ok = MessageDigest.isEqual(expected, presented);
    return ok ? key : Optional.empty();
  }

  private Optional<ApiKey> lookup(String id) {
    long now = System.currentTimeMillis();
    Cached c = cache.get(id);
    if (c != null && c.until() > now) {
      return c.key();
    }
    Optional<ApiKey> key = store.get(id);
    if (cache.size() > 10_000) {
      cache.clear(); // unknown ids must not grow the cache without bound
    }
    cache.put(id, new Cached(key, now + CACHE_MILLIS));
    return key;
  }

  public boolean anyAdminKeyStored() {
    return store.list().stream().anyMatch(k -> k.scopes().contains(ApiKey.Scope.ADMIN));
  }

  private static String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
