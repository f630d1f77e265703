package dev.heed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a benchmark's section into a Markdown file between {@code <!-- bench:NAME -->} and {@code
 * <!-- /bench:NAME -->}, replacing what an earlier run wrote there and leaving the rest alone.
 */
final class BenchDoc {
  private BenchDoc() {}

  /** A section's heading and its provenance: the command (with HEED_JAVA_OPTS), machine, date. */
  static String header(String title, String command) {
    String opts = System.getenv("HEED_JAVA_OPTS");
    return "## "
        + title
        + "\n\nCommand: `"
        + (opts == null || opts.isBlank() ? "" : "HEED_JAVA_OPTS=\"" + opts + "\" ")
        + command
        + "`  \nMachine: "
        + Machine.describe()
        + "; kernels: "
        + dev.heed.core.linalg.VectorOps.describe()
        + "  \nDate: "
        + java.time.LocalDate.now()
        + "\n\n";
  }

  /** The median of some figures. */
  static double median(double[] values) {
    double[] a = values.clone();
    java.util.Arrays.sort(a);
    int k = a.length;
    return k == 0 ? 0 : k % 2 == 1 ? a[k / 2] : (a[k / 2 - 1] + a[k / 2]) / 2;
  }

  static void write(Path file, String name, String markdown) throws IOException {
    String begin = "<!-- bench:" + name + " -->";
    String end = "<!-- /bench:" + name + " -->";
    String section = begin + "\n" + markdown.strip() + "\n" + end;
    String doc = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
    int b = doc.indexOf(begin);
    int e = doc.indexOf(end);
    if (b >= 0 && e > b) {
      doc = doc.substring(0, b) + section + doc.substring(e + end.length());
    } else {
      doc = doc.stripTrailing() + "\n\n" + section + "\n";
    }
    Files.writeString(file, doc);
  }
}
