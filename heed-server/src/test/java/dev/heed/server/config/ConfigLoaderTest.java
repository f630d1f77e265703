package dev.heed.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heed.core.monitor.SpikeDetector;
import dev.heed.core.recommend.feed.InteractionWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void pinsEveryDefault() {
    HeedConfig c = ConfigLoader.defaults();
    assertThat(c.dataDir()).isEqualTo("./heed-data");
    assertThat(c.adminKey()).isEmpty();
    assertThat(c.server())
        .isEqualTo(new HeedConfig.Server("127.0.0.1", 8080, 16_777_216, 268_435_456));
    assertThat(c.store()).isEqualTo(new HeedConfig.Store("", "", "", 8));
    assertThat(c.ingest())
        .isEqualTo(
            new HeedConfig.Ingest(
                100_000,
                10_000,
                20_000,
                Duration.ofHours(1),
                Instant.parse("1990-01-01T00:00:00Z"),
                1_000,
                1_000_000,
                20_000,
                64));
    assertThat(c.recommend())
        .isEqualTo(
            new HeedConfig.Recommend(
                "blend",
                "",
                100_000,
                Duration.ofHours(1),
                true,
                Duration.ofHours(24),
                true,
                0.2,
                0.1,
                200,
                InteractionWeights.DEFAULTS));
    assertThat(c.attention()).isEqualTo(new HeedConfig.Attention(true));
    assertThat(c.monitor()).isEqualTo(new HeedConfig.Monitor(SpikeDetector.DEFAULT_K));
    assertThat(c.storeSettings().url()).isEqualTo("jdbc:sqlite:./heed-data/heed.db");
  }

  @Test
  void fileThenEnvironmentOverrideDefaults() throws Exception {
    Path file = dir.resolve("heed.yml");
    Files.writeString(
        file,
        "server:\n  port: 9000\n  bind: 0.0.0.0\nstore:\n  url: \"memory:\"\ningest:\n  maxFutureSkew: PT5M\n");
    HeedConfig c =
        ConfigLoader.load(
            file,
            Map.of(
                "HEED_SERVER_PORT",
                "9100",
                "HEED_INGEST_QUEUE_CAPACITY",
                "20000",
                "HEED_ADMIN_KEY",
                "k".repeat(20)));
    assertThat(c.server().port()).isEqualTo(9100);
    assertThat(c.server().bind()).isEqualTo("0.0.0.0");
    assertThat(c.store().url()).isEqualTo("memory:");
    assertThat(c.ingest().queueCapacity()).isEqualTo(20_000);
    assertThat(c.ingest().maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.adminKey()).hasSize(20);
  }

  @Test
  void envNamesFollowThePath() {
    assertThat(ConfigLoader.envName("ingest.queueCapacity"))
        .isEqualTo("HEED_INGEST_QUEUE_CAPACITY");
    assertThat(ConfigLoader.envName("dataDir")).isEqualTo("HEED_DATA_DIR");
  }

  @Test
  void mistakesAreReportedClearly() throws Exception {
    Path typo = dir.resolve("typo.yml");
    Files.writeString(typo, "server:\n  prot: 1\n");
    assertThatThrownBy(() -> ConfigLoader.load(typo, Map.of())).hasMessageContaining("server.prot");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HEED_SERVER_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.port");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HEED_SERVER_PORT", "70000")))
        .hasMessageContaining("0-65535");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HEED_STORE_URL", "mysql://x")))
        .hasMessageContaining("store.url");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HEED_MONITOR_SENSITIVITY", "0")))
        .hasMessageContaining("monitor.sensitivity");
    assertThat(
            ConfigLoader.load(null, Map.of("HEED_MONITOR_SENSITIVITY", "2.5"))
                .monitor()
                .sensitivity())
        .isEqualTo(2.5);
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HEED_ADMIN_KEY", "short")))
        .hasMessageContaining("16");
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yml"), Map.of()))
        .hasMessageContaining("does not exist");
  }
}
