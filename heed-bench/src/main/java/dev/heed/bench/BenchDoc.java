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
