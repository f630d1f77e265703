package dev.heed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A one-line description of the machine a benchmark ran on. */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(cpu);
    } catch (IOException ignored) {
      // not Linux: keep the placeholder
    }
    long mem = 0;
    try {
      mem =
          Files.readAllLines(Path.of("/proc/meminfo")).stream()
                  .filter(l -> l.startsWith("MemTotal"))
                  .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                  .findFirst()
                  .orElse(0)
              / 1024
              / 1024;
    } catch (IOException ignored) {
      // not Linux
    }
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %d GiB RAM, %s %s, Java %s",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        mem,
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        Runtime.version());
  }
}
