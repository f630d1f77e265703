package dev.heed.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.core.json.Json;
import org.junit.jupiter.api.Test;

/** `heed eval monitor` prints one JSON object with its contract keys; bad options fail. */
class EvalMonitorCommandTest extends CliHarness {
  @Test
  void printsOneJsonObjectWithTheContractKeys() throws Exception {
    assertThat(heed("eval", "monitor", "--seed", "7", "--k", "4", "--json"))
        .as(err.toString())
        .isZero();
    String text = out.toString().trim();
    assertThat(text.lines().count()).isEqualTo(1);
    JsonNode json = Json.mapper().readTree(text);
    assertThat(json.path("precision").asDouble(-1)).isBetween(0.5, 1.0);
    assertThat(json.path("recall").asDouble(-1)).isBetween(0.5, 1.0);
    assertThat(json.path("mean_delay_hours").asDouble(-1)).isBetween(0.0, 3.0);
    assertThat(json.path("alerts").asInt()).isPositive();
    assertThat(json.path("spikes").asInt()).isEqualTo(72);
    assertThat(json.path("seed").asLong()).isEqualTo(7);
    assertThat(json.path("k").asDouble()).isEqualTo(4.0);
  }

  @Test
  void tableWithoutJsonAndABadK() {
    assertThat(heed("eval", "monitor")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("precision", "recall", "seed 42");
    assertThat(heed("eval", "monitor", "--k", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--k must be positive");
  }
}
