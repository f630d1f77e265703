package dev.heed.text.seo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A body text split into sections (at Markdown {@code #} headings or HTML {@code <h1>}–{@code
 * <h6>}) and paragraphs. Paragraphs are separated by blank lines, or by line breaks when the text
 * has no blank line at all (as text pasted from many editors). HTML tags are removed, block tags
 * ending paragraphs.
 */
record SeoText(List<Section> sections) {
  /** The text under one heading ({@code heading} is null for the text before the first). */
  record Section(String heading, List<String> paragraphs) {}

  private static final Pattern TAG = Pattern.compile("<[a-zA-Z/!][^>]*>");
  private static final Pattern HTML_HEADING =
      Pattern.compile(
          "<h([1-6])\\b[^>]*>(.*?)</h\\1\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern BLOCK =
      Pattern.compile(
          "</?(p|div|li|ul|ol|blockquote|section|article|header|footer|table|tr|pre|figure)\\b[^>]*>",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BREAK = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
  private static final Pattern MARKDOWN_HEADING =
      Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)#*\\s*$");

  static SeoText parse(String text, boolean chinese) {
    String plain = text;
    if (TAG.matcher(text).find()) {
      Matcher h = HTML_HEADING.matcher(plain);
      StringBuilder sb = new StringBuilder();
      while (h.find()) {
        String heading = TAG.matcher(h.group(2)).replaceAll("").replaceAll("\\s+", " ").strip();
        h.appendReplacement(sb, Matcher.quoteReplacement("\n\n# " + heading + "\n\n"));
      }
      h.appendTail(sb);
      plain = BREAK.matcher(sb.toString()).replaceAll("\n");
      plain = BLOCK.matcher(plain).replaceAll("\n\n");
      plain = TAG.matcher(plain).replaceAll("");
      plain =
          plain
              .replace("&nbsp;", " ")
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replace("&quot;", "\"")
              .replace("&#39;", "'")
              .replace("&amp;", "&");
    }
    String[] lines = plain.split("\\R", -1);
    boolean blankSeparated = plain.strip().matches("(?s).*\\R[ \\t\\u3000]*\\R.*");
    List<Section> sections = new ArrayList<>();
    String heading = null;
    List<String> paragraphs = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    for (String line : lines) {
      Matcher m = MARKDOWN_HEADING.matcher(line);
      String t = line.strip();
      if (m.matches() || t.isEmpty() || !blankSeparated) {
        flush(paragraph, paragraphs);
      }
      if (m.matches()) {
        if (heading != null || !paragraphs.isEmpty()) {
          sections.add(new Section(heading, List.copyOf(paragraphs)));
        }
        heading = m.group(1).strip();
        paragraphs.clear();
      } else if (!t.isEmpty()) {
        if (!paragraph.isEmpty() && !chinese) {
          paragraph.append(' ');
        }
        paragraph.append(t);
      }
    }
    flush(paragraph, paragraphs);
    if (heading != null || !paragraphs.isEmpty()) {
      sections.add(new Section(heading, List.copyOf(paragraphs)));
    }
    return new SeoText(List.copyOf(sections));
  }

  private static void flush(StringBuilder paragraph, List<String> paragraphs) {
    if (!paragraph.isEmpty()) {
      paragraphs.add(paragraph.toString());
      paragraph.setLength(0);
    }
  }

  /** Every paragraph, in order, headings left out. */
  List<String> paragraphs() {
    List<String> out = new ArrayList<>();
    for (Section s : sections) {
      out.addAll(s.paragraphs());
    }
    return out;
  }

  /** Whether the text has at least one heading. */
  boolean hasHeadings() {
    return sections.stream().anyMatch(s -> s.heading() != null);
  }
}
