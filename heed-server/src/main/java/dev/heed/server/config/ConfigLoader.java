package dev.heed.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.heed.core.ingest.InvalidInputException;
import dev.heed.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Loads {@link HeedConfig}: the defaults in the bundled {@code heed.example.yml}, overlaid by an
 * optional user file, overlaid by {@code HEED_*} environment variables; then checks it. Unknown
 * keys are errors, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {
  public static final String REFERENCE = "heed.example.yml";
  private static final YAMLMapper YAML = new YAMLMapper();

  private ConfigLoader() {}

  public static HeedConfig load(Path file, Map<String, String> env) {
    ObjectNode tree = reference();
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("config file " + file + " does not exist");
      }
      JsonNode user;
      try {
        user = YAML.readTree(file.toFile());
      } catch (IOException e) {
        throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
      }
      if (user != null && !user.isMissingNode() && !user.isNull()) {
        if (!user.isObject()) {
          throw new ConfigException("config file " + file + " must be a mapping of settings");
        }
        merge(tree, (ObjectNode) user, "", file.toString());
      }
    }
    applyEnv(tree, "", env);
    String adminKey = env.get("HEED_ADMIN_KEY");
    if (adminKey != null) {
      tree.put("adminKey", adminKey);
    }
    HeedConfig config;
    try {
      config = Json.bindLenient(tree, HeedConfig.class);
    } catch (InvalidInputException e) {
      throw new ConfigException("invalid configuration: " + e.getMessage());
    }
    check(config);
    return config;
  }

  /** The defaults alone. */
  public static HeedConfig defaults() {
    return load(null, Map.of());
  }

  private static ObjectNode reference() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(REFERENCE)) {
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the bundled " + REFERENCE + " is missing or broken", e);
    }
  }

  private static void merge(ObjectNode base, ObjectNode overlay, String prefix, String source) {
    for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
      var e = it.next();
      String path = prefix + e.getKey();
      JsonNode current = base.get(e.getKey());
      if (current == null) {
        throw new ConfigException(
            source + ": unknown setting '" + path + "' (see " + REFERENCE + ")");
      }
      if (current.isObject()) {
        if (!e.getValue().isObject()) {
          throw new ConfigException(source + ": '" + path + "' must be a mapping");
        }
        merge((ObjectNode) current, (ObjectNode) e.getValue(), path + ".", source);
      } else {
        base.set(e.getKey(), e.getValue().isNull() ? current : e.getValue());
      }
    }
  }

  private static void applyEnv(ObjectNode node, String prefix, Map<String, String> env) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      String path = prefix + e.getKey();
      if (e.getValue().isObject()) {
        applyEnv((ObjectNode) e.getValue(), path + ".", env);
      } else {
        String value = env.get(envName(path));
        if (value != null) {
          node.put(e.getKey(), value);
        }
      }
    }
  }

  /** {@code ingest.queueCapacity} → {@code HEED_INGEST_QUEUE_CAPACITY}. */
  public static String envName(String path) {
    StringBuilder sb = new StringBuilder("HEED_");
    for (char c : path.toCharArray()) {
      if (c == '.') {
        sb.append('_');
      } else if (Character.isUpperCase(c)) {
        sb.append('_').append(c);
      } else {
        sb.append(Character.toUpperCase(c));
      }
    }
    return sb.toString();
  }

  private static void check(HeedConfig c) {
    List<String> errors = new ArrayList<>();
    if (c.dataDir() == null || c.dataDir().isBlank()) {
      errors.add("dataDir must not be empty");
    }
    if (c.adminKey() != null && !c.adminKey().isEmpty() && c.adminKey().length() < 16) {
      errors.add("adminKey (HEED_ADMIN_KEY) must be at least 16 characters");
    }
    if (c.server().port() < 0 || c.server().port() > 65_535) {
      errors.add("server.port must be 0-65535, was " + c.server().port());
    }
    if (c.server().maxRequestBytes() < 1024) {
      errors.add("server.maxRequestBytes must be at least 1024");
    }
    if (c.server().maxInflightBytes() < c.server().maxRequestBytes()) {
      errors.add("server.maxInflightBytes must be at least server.maxRequestBytes");
    }
    if (c.store().poolSize() < 1) {
      errors.add("store.poolSize must be at least 1");
    }
    String url = c.store().url();
    if (!url.isBlank()
        && !url.equals("memory:")
        && !url.startsWith("jdbc:sqlite:")
        && !url.startsWith("jdbc:postgresql:")) {
      errors.add(
          "store.url must be empty, memory:, jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB, was '"
              + url
              + "'");
    }
    var in = c.ingest();
    if (in.maxEventsPerRequest() < 1 || in.queueCapacity() < in.maxEventsPerRequest()) {
      errors.add("ingest.queueCapacity must be at least ingest.maxEventsPerRequest (>= 1)");
    }
    if (in.maxEventsPerCommit() < 1) {
      errors.add("ingest.maxEventsPerCommit must be at least 1");
    }
    if (in.maxFutureSkew().isNegative()) {
      errors.add("ingest.maxFutureSkew must not be negative");
    }
    if (in.maxTitleChars() < 1
        || in.maxBodyChars() < 1
        || in.maxTextChars() < 1
        || in.maxContextEntries() < 0) {
      errors.add("ingest size limits must be positive");
    }
    var rec = c.recommend();
    try {
      dev.heed.core.recommend.Recommenders.create(
          rec.algorithm(), new dev.heed.core.recommend.Params(rec.paramMap()));
    } catch (IllegalArgumentException e) {
      errors.add("recommend: " + e.getMessage());
    }
    if (rec.retrainEvents() < 0) {
      errors.add("recommend.retrainEvents must not be negative");
    }
    if (rec.retrainInterval().isNegative()
        || rec.trendingHalfLife().isNegative()
        || rec.trendingHalfLife().isZero()) {
      errors.add(
          "recommend.retrainInterval must not be negative, trendingHalfLife must be positive");
    }
    if (!(rec.contentShare() >= 0 && rec.contentShare() <= 1)
        || !(rec.explorationShare() >= 0 && rec.explorationShare() <= 1)) {
      errors.add("recommend.contentShare and recommend.explorationShare must be in [0, 1]");
    }
    if (rec.freshImpressions() < 1) {
      errors.add("recommend.freshImpressions must be at least 1");
    }
    double k = c.monitor().sensitivity();
    if (!(k > 0 && k <= 100)) {
      errors.add("monitor.sensitivity must be in (0, 100], was " + k);
    }
    if (!errors.isEmpty()) {
      throw new ConfigException("invalid configuration:\n  - " + String.join("\n  - ", errors));
    }
  }
}
