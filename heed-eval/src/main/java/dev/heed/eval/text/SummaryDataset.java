package dev.heed.eval.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Texts with a human reference summary and the score people gave it (1-5), as in LCSTS PART III (Hu
 * et al. 2015): short Weibo news texts, each with its headline-like summary.
 */
public record SummaryDataset(String name, List<Pair> pairs) {
  /** The least human score of a summary that counts as relevant to its text (the paper's cut). */
  public static final int MIN_SCORE = 3;

  /** A text, its reference summary and the summary's human score. */
  public record Pair(String id, String text, String summary, int score) {}

  private static final Pattern LCSTS_DOC =
      Pattern.compile(
          "<doc id=(\\d+)>\\s*<human_label>\\s*(\\d)\\s*</human_label>\\s*<summary>(.*?)</summary>"
              + "\\s*<short_text>(.*?)</short_text>\\s*</doc>",
          Pattern.DOTALL);

  /** Loads LCSTS's PART_III.txt, or the folder holding it. */
  public static SummaryDataset load(String path) {
    Path p = Path.of(path);
    if (Files.isDirectory(p)) {
      p = p.resolve("PART_III.txt");
    }
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(
          "no such file: " + p + " (summary data is LCSTS's PART_III.txt or its folder)");
    }
    try {
      return lcsts(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  /**
   * LCSTS PART III's pseudo-XML (not well-formed: {@code <doc id=0>}), read by its fixed layout;
   * every entry must have a score, a summary and a text.
   */
  static SummaryDataset lcsts(String name, String content) {
    List<Pair> pairs = new ArrayList<>();
    Matcher m = LCSTS_DOC.matcher(content);
    while (m.find()) {
      pairs.add(
          new Pair(
              "lcsts-" + m.group(1),
              m.group(4).strip(),
              m.group(3).strip(),
              Integer.parseInt(m.group(2))));
    }
    int tags = content.split("<doc id=", -1).length - 1;
    if (pairs.isEmpty() || pairs.size() != tags) {
      throw new IllegalArgumentException(
          name
              + ": "
              + tags
              + " <doc> entries, "
              + pairs.size()
              + " of them with a human_label, a summary and a short_text");
    }
    return new SummaryDataset(name, List.copyOf(pairs));
  }
}
