package dev.heed.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
