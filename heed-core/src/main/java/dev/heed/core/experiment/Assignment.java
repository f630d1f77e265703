package dev.heed.core.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;

/**
 * Deterministic variant assignment: a user's position is the first 8 bytes of SHA-256 over the
 * UTF-8 bytes of {@code salt + ":" + userId}, read as an unsigned big-endian 64-bit integer, and
 * the variants own consecutive ranges of that space in proportion to their integer weights, in the
 * order given.
 *
 * <p>SHA-256 is specified bit for bit (FIPS 180-4), so the same user gets the same variant on every
 * JVM and platform and in any other language. Because the ranges are laid end to end, moving weight
 * between two neighbouring variants reassigns only the users between the old and the new boundary.
 */
public record Assignment(String salt, List<Variant> variants) {

  /** One arm of an experiment and its share of traffic (weight / sum of weights). */
  public record Variant(String name, int weight) {
    public Variant {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("variant name must not be blank");
      }
      if (weight < 0) {
        throw new IllegalArgumentException("variant " + name + ": weight must be >= 0");
      }
    }
  }

  public Assignment {
    if (salt == null) {
      throw new IllegalArgumentException("salt must not be null");
    }
    variants = List.copyOf(variants);
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("an assignment needs at least one variant");
    }
    var names = new HashSet<String>();
    long total = 0;
    for (Variant v : variants) {
      if (!names.add(v.name())) {
        throw new IllegalArgumentException("variant " + v.name() + " appears twice");
      }
      total += v.weight();
    }
    if (total <= 0) {
      throw new IllegalArgumentException("the variant weights sum to zero");
    }
  }

  /** The variant the user sees in this experiment. */
  public String assign(String userId) {
    return variants.get(index(userId)).name();
  }

  /** The index into {@link #variants()} of the user's variant. */
  public int index(String userId) {
    long total = 0;
    for (Variant v : variants) {
      total += v.weight();
    }
    // floor(hash * total / 2^64): scales the 64-bit hash to [0, total) with a bias below 2^-32.
    long bucket = Math.unsignedMultiplyHigh(hash(salt + ":" + userId), total);
    long upper = 0;
    for (int i = 0; i < variants.size(); i++) {
      upper += variants.get(i).weight();
      if (bucket < upper) {
        return i;
      }
    }
    throw new AssertionError("bucket " + bucket + " beyond total weight " + total);
  }

  /** The first 8 bytes of SHA-256 over the UTF-8 bytes of {@code key}, big-endian. */
  public static long hash(String key) {
    byte[] digest = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (digest[i] & 0xff);
    }
    return h;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
