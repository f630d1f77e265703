package dev.heed.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page for one evaluation: the data set, protocol, algorithm and parameters,
 * a table of every metric and a bar chart (inline SVG, no scripts) of the metrics that lie in [0,
 * 1].
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static void write(
      Path file,
      String title,
      Map<String, ?> dataset,
      String protocol,
      String algorithm,
      Map<String, ?> params,
      Map<String, Double> metrics,
      double fitSeconds)
      throws IOException {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(title))
        .append(
            "</title>\n<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;")
        .append(
            "color:#222}table{border-collapse:collapse}td,th{padding:.25rem .75rem;border-bottom:1px solid #ddd;")
        .append(
            "text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}</style></head><body>\n")
        .append("<h1>")
        .append(esc(title))
        .append("</h1>\n<p>Algorithm <b>")
        .append(esc(algorithm))
        .append("</b>, protocol <b>")
        .append(esc(protocol))
        .append("</b>, fitted in ")
        .append(String.format(Locale.ROOT, "%.2f", fitSeconds))
        .append(" s.</p>\n<h2>Data</h2>\n")
        .append(table(dataset))
        .append("<h2>Parameters</h2>\n")
        .append(params.isEmpty() ? "<p>none</p>\n" : table(params))
        .append("<h2>Metrics</h2>\n")
        .append(chart(metrics))
        .append(table(metrics))
        .append("<p>Full ranking: every item the user has not interacted with in training is a")
        .append(" candidate. Definitions: docs/evaluation.md.</p>\n</body></html>\n");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, h.toString());
  }

  private static String table(Map<String, ?> rows) {
    StringBuilder t = new StringBuilder("<table>\n");
    rows.forEach(
        (k, v) ->
            t.append("<tr><th>")
                .append(esc(k))
                .append("</th><td class=\"num\">")
                .append(
                    esc(
                        v instanceof Double d
                            ? String.format(Locale.ROOT, "%.4f", d)
                            : String.valueOf(v)))
                .append("</td></tr>\n"));
    return t.append("</table>\n").toString();
  }

  /** Horizontal bars, one per metric in [0, 1]. */
  private static String chart(Map<String, Double> metrics) {
    int bar = 22;
    int labelWidth = 120;
    int width = 520;
    var shown =
        metrics.entrySet().stream().filter(e -> e.getValue() >= 0 && e.getValue() <= 1).toList();
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "<svg role=\"img\" aria-label=\"metrics\" width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">\n",
                labelWidth + width + 60,
                shown.size() * (bar + 6) + 10));
    int y = 5;
    for (var e : shown) {
      double w = e.getValue() * width;
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"0\" y=\"%d\" font-size=\"13\">%s</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\""
                  + " height=\"%d\" fill=\"#3b7dd8\"/><text x=\"%.1f\" y=\"%d\" font-size=\"12\">%.4f</text>\n",
              y + 16,
              esc(e.getKey()),
              labelWidth,
              y,
              w,
              bar,
              labelWidth + w + 4,
              y + 16,
              e.getValue()));
      y += bar + 6;
    }
    return s.append("</svg>\n").toString();
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
