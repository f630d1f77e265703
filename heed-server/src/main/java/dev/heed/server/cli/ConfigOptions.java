package dev.heed.server.cli;

import dev.heed.server.config.ConfigLoader;
import dev.heed.server.config.HeedConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that opens the engine shares (also heed-spark's spark-train). */
public final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (see heed.example.yml).")
  Path config;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory (default ./heed-data).")
  Path dataDir;

  /** Loads the configuration; command-line options win over the environment and the file. */
  public HeedConfig load(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (dataDir != null) {
      env.put("HEED_DATA_DIR", dataDir.toString());
    }
    env.putAll(extra);
    return ConfigLoader.load(config, env);
  }
}
