package dev.heed.eval.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Documents and queries with the documents relevant to each, for search evaluation. Formats:
 * StackFAQ's XML ({@code <qapair>} threads of rephrased questions, the original question and its
 * answers: a document per thread, its question and answers; the rephrasings are the queries, a
 * {@code *} placeholder skipped); question pairs as in BQ ({@code query1 TAB query2 TAB label}:
 * every distinct second question is a document, and the first question of each pair labeled 1 a
 * query, relevant to every second question it is paired with by a 1); LCSTS PART III (every short
 * text a document, the human summaries scored 3 or more the queries, each relevant to its own
 * text); and Inspec's Hulth2003.tar.gz (every abstract without its title a document, the title the
 * query).
 */
public record RetrievalDataset(String name, List<Document> documents, List<Query> queries) {
  /** A document to index. */
  public record Document(String id, String text) {}

  /** A query and the ids of the documents relevant to it. */
  public record Query(String text, Set<String> relevant) {}

  /** Loads a StackFAQ XML file (or a folder holding one) or a question-pair TSV. */
  public static RetrievalDataset load(String path) {
    Path p = Path.of(path);
    if (Files.isDirectory(p)) {
      try (var files = Files.list(p)) {
        p =
            files
                .filter(
                    f -> {
                      String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                      return n.endsWith(".xml") || n.equals("part_iii.txt");
                    })
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            path + ": no .xml file (StackFAQ) or PART_III.txt (LCSTS) in it"));
      } catch (IOException e) {
        throw new UncheckedIOException(path + ": " + e.getMessage(), e);
      }
    }
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException("no such file: " + path);
    }
    String file = p.getFileName().toString();
    String lower = file.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
      return titles(KeywordDataset.load(p.toString()));
    }
    try {
      if (lower.startsWith("part_iii") && lower.endsWith(".txt")) {
        return lcsts(file, Files.readString(p, StandardCharsets.UTF_8));
      }
      if (lower.endsWith(".xml")) {
        try (InputStream in = Files.newInputStream(p)) {
          return stackFaq(file, in);
        }
      }
      if (lower.endsWith(".tsv") || lower.endsWith(".txt")) {
        return pairs(file, Files.readAllLines(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        path
            + ": search data is StackFAQ's .xml, a question-pair .tsv (query1 TAB query2 TAB"
            + " label), LCSTS's PART_III.txt or Inspec's Hulth2003.tar.gz");
  }

  static RetrievalDataset stackFaq(String name, InputStream in) throws IOException {
    List<Document> documents = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    try {
      XMLInputFactory factory = XMLInputFactory.newFactory();
      factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      XMLStreamReader r = factory.createXMLStreamReader(in, "UTF-8");
      List<String> rephrasings = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamReader.START_ELEMENT && r.getLocalName().equals("qapair")) {
          rephrasings.clear();
          text.setLength(0);
        } else if (event == XMLStreamReader.START_ELEMENT
            && List.of("rephr", "question", "answer").contains(r.getLocalName())) {
          String tag = r.getLocalName();
          String value = r.getElementText().strip();
          switch (tag) {
            case "rephr" -> {
              if (!value.isEmpty() && !value.equals("*")) {
                rephrasings.add(value);
              }
            }
            case "question", "answer" -> {
              if (!value.isEmpty()) {
                text.append(text.isEmpty() ? "" : "\n").append(value);
              }
            }
            default -> {}
          }
        } else if (event == XMLStreamReader.END_ELEMENT && r.getLocalName().equals("qapair")) {
          String id = "faq-" + (documents.size() + 1);
          documents.add(new Document(id, text.toString()));
          for (String q : rephrasings) {
            queries.add(new Query(q, Set.of(id)));
          }
        }
      }
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException(name + ": not StackFAQ's XML: " + e.getMessage(), e);
    }
    if (documents.isEmpty()) {
      throw new IllegalArgumentException(name + ": no <qapair> threads");
    }
    return new RetrievalDataset(name, documents, queries);
  }

  static RetrievalDataset pairs(String name, List<String> lines) {
    Map<String, String> ids = new LinkedHashMap<>();
    Map<String, Set<String>> relevant = new LinkedHashMap<>();
    int number = 0;
    for (String line : lines) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 3 || !(f[2].strip().equals("0") || f[2].strip().equals("1"))) {
        throw new IllegalArgumentException(
            name + ":" + number + ": expected query1 TAB query2 TAB label (0 or 1)");
      }
      String q1 = f[0].strip();
      String q2 = f[1].strip();
      if (q1.isEmpty() || q2.isEmpty()) {
        continue;
      }
      String id = ids.computeIfAbsent(q2, k -> "q" + (ids.size() + 1));
      if (f[2].strip().equals("1")) {
        relevant.computeIfAbsent(q1, k -> new LinkedHashSet<>()).add(id);
      }
    }
    List<Document> documents = new ArrayList<>(ids.size());
    ids.forEach((text, id) -> documents.add(new Document(id, text)));
    List<Query> queries = new ArrayList<>(relevant.size());
    relevant.forEach((q, r) -> queries.add(new Query(q, Set.copyOf(r))));
    if (queries.isEmpty()) {
      throw new IllegalArgumentException(name + ": no pair labeled 1, so no query");
    }
    return new RetrievalDataset(name, documents, queries);
  }

  /**
   * LCSTS PART III: every short text is a document, and every summary scored {@link
   * SummaryDataset#MIN_SCORE} or more a query relevant to its text.
   */
  static RetrievalDataset lcsts(String name, String content) {
    List<Document> documents = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    for (SummaryDataset.Pair pair : SummaryDataset.lcsts(name, content).pairs()) {
      documents.add(new Document(pair.id(), pair.text()));
      if (pair.score() >= SummaryDataset.MIN_SCORE && !pair.summary().isEmpty()) {
        queries.add(new Query(pair.summary(), Set.of(pair.id())));
      }
    }
    return new RetrievalDataset(name, documents, queries);
  }

  /** Inspec's documents of every split: the abstract is the document, its title the query. */
  static RetrievalDataset titles(KeywordDataset inspec) {
    List<Document> documents = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    for (List<KeywordDataset.Doc> split :
        List.of(inspec.catalog(), inspec.validation(), inspec.test())) {
      for (KeywordDataset.Doc d : split) {
        int end = d.text().indexOf('\n');
        if (end <= 0 || end == d.text().length() - 1) {
          continue;
        }
        documents.add(new Document(d.id(), d.text().substring(end + 1).strip()));
        queries.add(new Query(d.text().substring(0, end).strip(), Set.of(d.id())));
      }
    }
    return new RetrievalDataset(inspec.name() + "-titles", documents, queries);
  }
}
