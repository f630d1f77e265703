package dev.heed.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.core.json.Json;
import org.junit.jupiter.api.Test;

/** `heed simulate bandit` end to end. */
class SimulateCommandTest extends CliHarness {
  @Test
  void printsExactlyOneJsonObjectWithThePolicies() throws Exception {
    assertThat(heed("simulate", "bandit", "--seed", "7", "--json")).as(err.toString()).isZero();
    String text = out.toString().trim();
    assertThat(text.lines().count()).isEqualTo(1);
    JsonNode json = Json.mapper().readTree(text);
    assertThat(json.path("seed").asLong()).isEqualTo(7);
    assertThat(json.path("rounds").asInt()).isEqualTo(20_000);
    assertThat(json.path("arms").asInt()).isEqualTo(10);
    JsonNode policies = json.path("policies");
    assertThat(policies.properties()).hasSize(3);
    for (String name : new String[] {"thompson", "epsilon_greedy", "uniform"}) {
      JsonNode p = policies.path(name);
      assertThat(p.path("regret").isNumber()).as(name).isTrue();
      assertThat(p.path("regret").asDouble()).as(name).isPositive();
      assertThat(p.path("clicks").asLong()).as(name).isBetween(1L, 20_000L);
      assertThat(p.path("oracle_regret").asDouble())
          .as(name)
          .isGreaterThanOrEqualTo(p.path("regret").asDouble());
    }
    assertThat(policies.path("thompson").path("regret").asDouble())
        .isLessThan(policies.path("uniform").path("regret").asDouble());
    // The same seed prints the same figures.
    assertThat(heed("simulate", "bandit", "--seed", "7", "--json")).isZero();
    assertThat(out.toString().trim()).isEqualTo(text);
  }

  @Test
  void optionsReachTheSimulationAndTheTableIsReadable() throws Exception {
    assertThat(
            heed(
                "simulate",
                "bandit",
                "--rounds",
                "3000",
                "--arms",
                "4",
                "--users",
                "300",
                "--fatigue",
                "0",
                "--epsilon",
                "0.2",
                "--json"))
        .as(err.toString())
        .isZero();
    JsonNode json = Json.mapper().readTree(out.toString());
    assertThat(json.path("rounds").asInt()).isEqualTo(3000);
    assertThat(json.path("arms").asInt()).isEqualTo(4);
    assertThat(json.path("users").asInt()).isEqualTo(300);
    assertThat(json.path("epsilon").asDouble()).isEqualTo(0.2);
    assertThat(json.path("policies").path("uniform").path("clicks").asLong()).isLessThan(3000);
    assertThat(heed("simulate", "bandit", "--rounds", "3000")).isZero();
    assertThat(out.toString())
        .contains("3,000 rounds", "policy", "regret", "thompson", "epsilon_greedy", "uniform");
  }

  @Test
  void badInputFailsWithAClearMessage() {
    assertThat(heed("simulate", "bandit", "--rounds", "-5")).isEqualTo(2);
    assertThat(err.toString()).contains("rounds must be between 1 and 10000000, got -5");
    assertThat(heed("simulate", "bandit", "--epsilon", "1.5")).isEqualTo(2);
    assertThat(err.toString()).contains("epsilon must be in [0, 1], got 1.5");
    assertThat(heed("simulate", "bandit", "--arms", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("arms must be between 2 and 1000");
    assertThat(heed("simulate", "bandit", "--rounds", "many")).isEqualTo(2);
    assertThat(err.toString()).contains("--rounds", "many");
    assertThat(heed("simulate", "roulette")).isEqualTo(2);
    assertThat(err.toString()).contains("roulette");
    assertThat(out.toString()).isEmpty();
  }
}
