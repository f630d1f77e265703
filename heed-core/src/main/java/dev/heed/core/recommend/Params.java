package dev.heed.core.recommend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Algorithm parameters as given on the command line or in configuration ({@code key=value}).
 * Reading a key records its effective value (the default when absent); a key nobody read is an
 * error, so a misspelt parameter never passes silently.
 */
public final class Params {
  private final Map<String, String> given;
  private final Map<String, Object> effective = new LinkedHashMap<>();

  public Params(Map<String, String> given) {
    this.given = Map.copyOf(given);
  }

  public static Params none() {
    return new Params(Map.of());
  }

  /** Parses {@code key=value} strings. */
  public static Params parse(Iterable<String> pairs) {
    return new Params(pairs(pairs));
  }

  /** {@code key=value} strings as a map, in order; fails on a string without a key. */
  public static Map<String, String> pairs(Iterable<String> pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("parameter '" + pair + "' is not key=value");
      }
      map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return map;
  }

  public int getInt(String key, int def, int min, int max) {
    int v = def;
    String s = given.get(key);
    if (s != null) {
      try {
        v = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("parameter " + key + "=" + s + " is not an integer");
      }
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          "parameter " + key + "=" + v + " is outside [" + min + ", " + max + "]");
    }
    effective.put(key, v);
    return v;
  }

  public double getDouble(String key, double def, double min, double max) {
    double v = def;
    String s = given.get(key);
    if (s != null) {
      try {
        v = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("parameter " + key + "=" + s + " is not a number");
      }
    }
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException(
          "parameter " + key + "=" + v + " is outside [" + min + ", " + max + "]");
    }
    effective.put(key, v);
    return v;
  }

  public long getLong(String key, long def) {
    long v = def;
    String s = given.get(key);
    if (s != null) {
      try {
        v = Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("parameter " + key + "=" + s + " is not an integer");
      }
    }
    effective.put(key, v);
    return v;
  }

  public String getString(String key, String def) {
    String v = given.getOrDefault(key, def);
    effective.put(key, v);
    return v;
  }

  /** Parameters whose key starts with {@code prefix + "."}, prefix removed (for nested models). */
  public Params sub(String prefix) {
    Map<String, String> sub = new LinkedHashMap<>();
    given.forEach(
        (k, v) -> {
          if (k.startsWith(prefix + ".")) {
            sub.put(k.substring(prefix.length() + 1), v);
            effective.putIfAbsent(k, v);
          }
        });
    return new Params(sub);
  }

  /** Effective values of every parameter read so far, defaults included. */
  public Map<String, Object> effective() {
    return Collections.unmodifiableMap(effective);
  }

  /** Fails when a given key was never read by the algorithm {@code name}. */
  public void checkAllUsed(String name) {
    TreeSet<String> unknown = new TreeSet<>(given.keySet());
    unknown.removeAll(effective.keySet());
    if (!unknown.isEmpty()) {
      TreeSet<String> known = new TreeSet<>(effective.keySet());
      throw new IllegalArgumentException(
          "unknown parameter(s) " + unknown + " for " + name + " (known: " + known + ")");
    }
  }
}
