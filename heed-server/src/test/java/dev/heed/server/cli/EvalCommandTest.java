package dev.heed.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** `heed eval recommend` and `heed tune` end to end on synthetic and file data. */
class EvalCommandTest extends CliHarness {
  private static final String DATA = "synthetic:400,200,8000,3";

  @Test
  void evalPrintsExactlyOneJsonObjectWithTheContractKeys() throws Exception {
    for (String algorithm : new String[] {"ials", "ease", "itemknn", "popular", "blend"}) {
      assertThat(heed("eval", "recommend", "--data", DATA, "--algorithm", algorithm, "--json"))
          .as(err.toString())
          .isZero();
      String text = out.toString().trim();
      assertThat(text.lines().count()).isEqualTo(1);
      JsonNode json = Json.mapper().readTree(text);
      assertThat(json.path("dataset").path("users").asInt()).isEqualTo(400);
      assertThat(json.path("dataset").path("items").asInt()).isEqualTo(200);
      assertThat(json.path("dataset").path("interactions").asInt()).isPositive();
      assertThat(json.path("protocol").asText()).isEqualTo("temporal");
      assertThat(json.path("algorithm").asText()).isEqualTo(algorithm);
      assertThat(json.path("params").isObject()).isTrue();
      assertThat(json.path("fit_seconds").isNumber()).isTrue();
      for (String m :
          new String[] {"recall@20", "ndcg@20", "ndcg@10", "hr@10", "map@20", "coverage@20"}) {
        assertThat(json.path("metrics").path(m).asDouble(-1)).as(m).isBetween(0.0, 1.0);
      }
    }
    assertThat(err.toString()).contains("eval:");
  }

  @Test
  void everyProtocolRunsAndGivenReadsTheUsersOwnFiles() throws Exception {
    for (String protocol : new String[] {"random", "loo", "strong"}) {
      assertThat(
              heed(
                  "eval",
                  "recommend",
                  "--data",
                  DATA,
                  "--protocol",
                  protocol,
                  "--algorithm",
                  "itemknn",
                  "--json"))
          .as(err.toString())
          .isZero();
      assertThat(Json.mapper().readTree(out.toString()).path("protocol").asText())
          .isEqualTo(protocol);
    }
    Path train =
        Files.writeString(dir.resolve("train.csv"), "user,item\na,x\na,y\nb,x\nb,z\nc,y\n");
    Path test = Files.writeString(dir.resolve("test.csv"), "user,item\na,z\nc,x\n");
    assertThat(
            heed(
                "eval",
                "recommend",
                "--data",
                train.toString(),
                "--protocol",
                "given",
                "--test",
                test.toString(),
                "--algorithm",
                "popular",
                "--json"))
        .as(err.toString())
        .isZero();
    JsonNode json = Json.mapper().readTree(out.toString());
    assertThat(json.path("evaluated_users").asInt()).isEqualTo(2);
    // a gets z (the only unseen item, x and y being theirs); c gets x first (2 users) then z.
    assertThat(json.path("metrics").path("hr@10").asDouble()).isEqualTo(1.0);
  }

  @Test
  void readableTableWithoutJsonAndAnHtmlReport() throws Exception {
    Path html = dir.resolve("out/report.html");
    assertThat(
            heed(
                "eval",
                "recommend",
                "--data",
                DATA,
                "--algorithm",
                "popular",
                "--report",
                html.toString()))
        .isZero();
    assertThat(out.toString()).contains("popular on " + DATA, "ndcg@20");
    String page = Files.readString(html);
    assertThat(page)
        .startsWith("<!doctype html>")
        .contains("<svg", "ndcg@20", "popular", "</html>");
  }

  @Test
  void badInputFailsWithAClearMessage() {
    assertThat(heed("eval", "recommend", "--data", DATA, "--algorithm", "magic")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown algorithm 'magic'", "ials");
    assertThat(heed("eval", "recommend", "--data", DATA, "--param", "factorz=3")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown parameter(s) [factorz] for ials", "factors");
    assertThat(heed("eval", "recommend", "--data", DATA, "--param", "factors=-1")).isEqualTo(2);
    assertThat(err.toString()).contains("factors=-1 is outside");
    assertThat(heed("eval", "recommend", "--data", DATA, "--protocol", "magic")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown protocol 'magic'");
    assertThat(heed("eval", "recommend", "--data", DATA, "--protocol", "given")).isEqualTo(2);
    assertThat(err.toString()).contains("--protocol given needs --test");
    assertThat(heed("eval", "recommend", "--data", dir.resolve("none.csv").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no data file");
  }

  @Test
  void tuneChoosesOnValidationAndReportsTheTestSplit() throws Exception {
    assertThat(heed("tune", "--data", DATA, "--algorithm", "itemknn", "--trials", "3", "--json"))
        .as(err.toString())
        .isZero();
    JsonNode json = Json.mapper().readTree(out.toString());
    assertThat(json.path("trials")).hasSize(3);
    double best = json.path("best").path("validation_ndcg@20").asDouble();
    for (JsonNode t : json.path("trials")) {
      assertThat(t.path("validation_ndcg@20").asDouble()).isLessThanOrEqualTo(best);
    }
    assertThat(json.path("best").path("test_metrics").path("ndcg@20").asDouble()).isPositive();
    assertThat(err.toString()).contains("tune: trial 3/3");
  }

  @Test
  void evalTextPrintsTheContractWithTheSeededSplitAndFolds() throws Exception {
    StringBuilder tsv = new StringBuilder("sentence\tlabel\n");
    java.util.Random random = new java.util.Random(5);
    String[] good = {"great", "lovely", "superb"};
    String[] bad = {"awful", "boring", "dreadful"};
    for (int i = 0; i < 200; i++) {
      boolean positive = random.nextBoolean();
      String[] words = positive ? good : bad;
      tsv.append("the film was ")
          .append(words[random.nextInt(3)])
          .append(" and the plot ")
          .append(i % 7 == 0 ? "   " : "moved")
          .append('\t')
          .append(positive ? 1 : 0)
          .append('\n');
    }
    tsv.append("   \t1\n"); // a blank text is dropped, not counted
    Path data = Files.writeString(dir.resolve("s.tsv"), tsv.toString());
    assertThat(
            heed(
                "eval",
                "text",
                "--task",
                "sentiment",
                "--data",
                data.toString(),
                "--no-embeddings",
                "--json"))
        .as(err.toString())
        .isZero();
    JsonNode json = Json.mapper().readTree(out.toString().trim());
    assertThat(json.path("task").asText()).isEqualTo("sentiment");
    assertThat(json.path("split").asText()).isEqualTo("seeded-80-20");
    assertThat(json.path("n_train").asInt()).isEqualTo(160);
    assertThat(json.path("n_test").asInt()).isEqualTo(40);
    assertThat(json.path("metrics").path("accuracy").asDouble()).isGreaterThan(0.9);
    assertThat(json.path("metrics").path("macro_f1").asDouble()).isBetween(0.0, 1.0);
    assertThat(json.path("cv").path("folds").asInt()).isEqualTo(5);
    assertThat(json.path("cv").path("accuracy").path("mean").asDouble()).isGreaterThan(0.9);
    assertThat(json.path("cv").path("accuracy").path("std").asDouble()).isBetween(0.0, 0.2);

    assertThat(
            heed(
                "eval",
                "text",
                "--task",
                "sentiment",
                "--data",
                data.toString(),
                "--test",
                data.toString(),
                "--no-embeddings",
                "--folds",
                "0",
                "--json"))
        .isZero();
    JsonNode given = Json.mapper().readTree(out.toString().trim());
    assertThat(given.path("split").asText()).isEqualTo("given");
    assertThat(given.has("cv")).isFalse();

    Path csl =
        Files.writeString(dir.resolve("k.tsv"), "to keywords\t深度学习模型用于图像识别。深度学习很有效。\t深度学习_图像识别\n");
    assertThat(heed("eval", "text", "--task", "keywords", "--data", csl.toString(), "--json"))
        .isZero();
    JsonNode kw = Json.mapper().readTree(out.toString().trim());
    assertThat(kw.path("metrics").path("f1@10").asDouble()).isBetween(0.0, 1.0);
    assertThat(kw.path("n_test").asInt()).isEqualTo(1);

    // Reuters: a package-shaped folder (written here) is recognized and scored multi-label.
    Path full = Files.createDirectories(dir.resolve("reuters/package/data/full"));
    StringBuilder docs = new StringBuilder("[");
    for (int i = 1; i <= 24; i++) {
      boolean grain = i % 2 == 0;
      int id = i <= 16 ? i : 14818 + i;
      docs.append(i == 1 ? "" : ",")
          .append(
              "{\"id\":\"%d\",\"title\":\"T\",\"body\":\"%s\",\"topics\":[%s]}"
                  .formatted(
                      id,
                      grain ? "wheat harvest grain silo" : "quarterly profit dividend",
                      grain ? "\"grain\"" : "\"earn\""));
    }
    Files.writeString(full.resolve("reuters-000.json"), docs.append("]").toString());
    assertThat(
            heed(
                "eval",
                "text",
                "--task",
                "topic",
                "--data",
                dir.resolve("reuters").toString(),
                "--json"))
        .as(err.toString())
        .isZero();
    JsonNode reuters = Json.mapper().readTree(out.toString().trim());
    assertThat(reuters.path("n_train").asInt()).isEqualTo(16);
    assertThat(reuters.path("n_test").asInt()).isEqualTo(8);
    assertThat(reuters.path("micro_f1").asDouble()).isEqualTo(1.0);

    for (String[] mode : new String[][] {{"--model", "default"}, {"--zero-shot"}}) {
      java.util.List<String> args =
          new java.util.ArrayList<>(
              java.util.List.of(
                  "eval", "text", "--task", "sentiment", "--data", data.toString(), "--json"));
      args.addAll(java.util.List.of(mode));
      assertThat(heed(args.toArray(String[]::new))).as(err.toString()).isZero();
      JsonNode untrained = Json.mapper().readTree(out.toString().trim());
      assertThat(untrained.path("n_train").asInt()).isZero();
      assertThat(untrained.path("n_test").asInt()).isEqualTo(40);
      // The shipped model reads these polar words; zero-shot is only required to answer.
      assertThat(untrained.path("metrics").path("accuracy").asDouble())
          .as(mode[0])
          .isBetween(mode[0].equals("--model") ? 0.75 : 0.0, 1.0);
    }

    assertThat(heed("eval", "text", "--task", "poetry", "--data", data.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--task poetry");
    assertThat(
            heed(
                "eval",
                "text",
                "--task",
                "sentiment",
                "--data",
                dir.resolve("none.tsv").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no such file");
  }

  @Test
  void evalTextSearchPrintsEachWayOfSearching() throws Exception {
    Path xml =
        Files.writeString(
            dir.resolve("faq.xml"),
            """
            <root>
            <qapair><rephr>How do I cross out text on github?</rephr>
            <question>Strikethrough with GitHub Markdown</question>
            <answer>Use tildes around the words.</answer></qapair>
            <qapair><rephr>How can I remove my facebook account?</rephr>
            <question>Delete a Facebook account</question>
            <answer>Go to settings and choose delete account.</answer></qapair>
            </root>
            """);
    assertThat(heed("eval", "text", "--task", "search", "--data", xml.toString(), "--json"))
        .as(err.toString())
        .isZero();
    JsonNode json = Json.mapper().readTree(out.toString().trim());
    assertThat(json.path("task").asText()).isEqualTo("search");
    assertThat(json.path("n_documents").asInt()).isEqualTo(2);
    assertThat(json.path("n_queries").asInt()).isEqualTo(2);
    assertThat(json.path("embedders").asText()).contains("bge-small-en");
    for (String mode : new String[] {"keyword", "vector", "hybrid"}) {
      for (String m : new String[] {"mrr@10", "recall@1", "recall@5", "recall@10", "ndcg@10"}) {
        assertThat(json.path("modes").path(mode).path(m).asDouble(-1))
            .as(mode + " " + m)
            .isBetween(0.0, 1.0);
      }
    }
    assertThat(json.path("metrics").path("mrr@10").asDouble())
        .isEqualTo(json.path("modes").path("hybrid").path("mrr@10").asDouble());
    assertThat(json.path("modes").path("vector").path("mrr@10").asDouble()).isEqualTo(1.0);
    assertThat(err.toString()).contains("search [");

    assertThat(
            heed(
                "eval",
                "text",
                "--task",
                "search",
                "--data",
                xml.toString(),
                "--embedder",
                "bge-small-zh",
                "--json"))
        .isZero();
    assertThat(Json.mapper().readTree(out.toString().trim()).path("embedders").asText())
        .isEqualTo("bge-small-zh-v1.5-q");
    assertThat(
            heed(
                "eval",
                "text",
                "--task",
                "search",
                "--data",
                xml.toString(),
                "--embedder",
                "bge-small-en"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--embedder auto");
    assertThat(heed("eval", "text", "--task", "search", "--data", dir.resolve("x.csv").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no such file");
  }

  @Test
  void evalTextSummaryPrintsRougeForEachWay() throws Exception {
    Path part =
        Files.writeString(
            dir.resolve("PART_III.txt"),
            """
            <doc id=0>
                <human_label>5</human_label>
                <summary>
                    城市更新计划发布
                </summary>
                <short_text>
                    市政府昨天发布城市更新计划。计划在五年内改造两百个老旧小区。不少市民表示期待。
                </short_text>
            </doc>
            <doc id=1>
                <human_label>2</human_label>
                <summary>
                    天气
                </summary>
                <short_text>
                    本周末全省将大幅降温。
                </short_text>
            </doc>
            """);
    assertThat(heed("eval", "text", "--task", "summary", "--data", dir.toString(), "--json"))
        .as(err.toString())
        .isZero();
    JsonNode json = Json.mapper().readTree(out.toString().trim());
    assertThat(json.path("task").asText()).isEqualTo("summary");
    assertThat(json.path("n_test").asInt()).isEqualTo(1);
    for (String mode : new String[] {"heed", "engine_3_sentences", "lead", "textrank", "oracle"}) {
      for (String m : new String[] {"rouge-1", "rouge-2", "rouge-l"}) {
        assertThat(json.path("modes").path(mode).path(m).asDouble(-1))
            .as(mode + " " + m)
            .isBetween(0.0, 1.0);
      }
    }
    // The first sentence (13 characters) holds all 8 of the summary: recall 1, precision 8/13.
    assertThat(json.path("modes").path("lead").path("rouge-1").asDouble())
        .isCloseTo(16 / 21.0, within(1e-6));
    assertThat(json.path("metrics").path("rouge-1").asDouble())
        .isEqualTo(json.path("modes").path("heed").path("rouge-1").asDouble());
    assertThat(err.toString()).contains("summary [");
    assertThat(heed("eval", "text", "--task", "summary", "--data", part.toString(), "--test", "x"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--data only");
  }

  @Test
  void evalTextNerPrintsTheContractOnCharacterBio() throws Exception {
    StringBuilder bio = new StringBuilder();
    String[][] sentences = {
      {"新华社", "ORG", "记者报道，", null, "钱其琛", "PER", "今天在", null, "北京", "LOC", "会见了客人。", null},
      {"我爱", null, "北京", "LOC", "。", null},
    };
    for (int i = 0; i < 10; i++) {
      for (String[] s : sentences) {
        for (int k = 0; k < s.length; k += 2) {
          for (int c = 0; c < s[k].length(); c++) {
            String tag = s[k + 1] == null ? "O" : (c == 0 ? "B-" : "I-") + s[k + 1];
            bio.append(s[k].charAt(c)).append('\t').append(tag).append('\n');
          }
        }
        bio.append('\n');
      }
    }
    Path data = Files.writeString(dir.resolve("ner.txt"), bio.toString());
    assertThat(heed("eval", "text", "--task", "ner", "--data", data.toString(), "--json"))
        .as(err.toString())
        .isZero();
    String text = out.toString().trim();
    assertThat(text.lines().count()).isEqualTo(1);
    JsonNode json = Json.mapper().readTree(text);
    assertThat(json.path("task").asText()).isEqualTo("ner");
    assertThat(json.path("dataset").asText()).isEqualTo("ner.txt");
    assertThat(json.path("split").asText()).isEqualTo("seeded-80-20");
    assertThat(json.path("n_train").asInt()).isEqualTo(16);
    assertThat(json.path("n_test").asInt()).isEqualTo(4);
    // By default the entity tagger is trained on the training part (here: the same sentences).
    assertThat(json.path("trained_on_data").asBoolean(false)).isTrue();
    assertThat(json.path("recognizer").asText()).isEqualTo("entity-tagger");
    assertThat(json.path("epochs").asInt()).isEqualTo(TrainNerCommand.DEFAULT_EPOCHS);
    assertThat(json.path("metrics").path("f1").asDouble()).isGreaterThan(0.9);
    assertThat(err.toString()).contains("train ner: epoch 30/30");

    assertThat(
            heed(
                "eval",
                "text",
                "--task",
                "ner",
                "--data",
                data.toString(),
                "--model",
                "default",
                "--json"))
        .as(err.toString())
        .isZero();
    json = Json.mapper().readTree(out.toString().trim());
    assertThat(json.path("trained_on_data").asBoolean(true)).isFalse();
    assertThat(json.path("recognizer").asText()).isEqualTo("hanlp-portable");
    for (String m :
        new String[] {"f1", "precision", "recall", "f1_PER", "f1_LOC", "f1_ORG", "recall_ORG"}) {
      assertThat(json.path("metrics").path(m).asDouble(-1)).as(m).isBetween(0.0, 1.0);
    }
    // HanLP finds these common names exactly.
    assertThat(json.path("metrics").path("f1").asDouble()).isGreaterThan(0.5);
    assertThat(json.path("entities").path("gold").asInt()).isPositive();
    assertThat(err.toString()).contains("ner [");

    assertThat(
            heed(
                "eval",
                "text",
                "--task",
                "ner",
                "--data",
                data.toString(),
                "--test",
                data.toString(),
                "--json"))
        .isZero();
    JsonNode given = Json.mapper().readTree(out.toString().trim());
    assertThat(given.path("split").asText()).isEqualTo("given");
    assertThat(given.path("n_train").asInt()).isEqualTo(20);
    assertThat(given.path("n_test").asInt()).isEqualTo(20);
    assertThat(given.path("entities").path("gold").asInt()).isEqualTo(40);

    assertThat(
            heed(
                "eval",
                "text",
                "--task",
                "ner",
                "--data",
                data.toString(),
                "--model",
                dir.resolve("none.tagger").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--model: no such file");
    Path bad = Files.writeString(dir.resolve("bad.txt"), "中\tB-GPE\n");
    assertThat(heed("eval", "text", "--task", "ner", "--data", bad.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("bad.txt:1", "B-GPE");
    assertThat(heed("eval", "text", "--task", "ner", "--data", dir.resolve("none.txt").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no such file");
    assertThat(heed("eval", "text", "--task", "ner", "--data", data.toString(), "--format", "csv"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("character-level BIO");
  }
}
