package dev.heed.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.api.store.StoreCounts;
import dev.heed.server.Heed;
import dev.heed.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The CLI commands end to end on a SQLite data directory. */
class CliTest extends CliHarness {

  private String data() {
    return dir.resolve("data").toString();
  }

  private StoreCounts counts(String dataDir) {
    try (Heed heed = Heed.open(ConfigLoader.load(null, Map.of("HEED_DATA_DIR", dataDir)))) {
      return heed.store().counts();
    }
  }

  @Test
  void versionAndHelp() {
    assertThat(heed("version")).isZero();
    assertThat(out.toString()).startsWith("heed ").doesNotContain("unknown");
    assertThat(heed("--help")).isZero();
    assertThat(out.toString()).contains("serve", "import", "export", "version");
    for (String cmd : new String[] {"serve", "import", "export"}) {
      assertThat(heed(cmd, "--help")).isZero();
      assertThat(out.toString()).contains("Usage: heed " + cmd);
    }
  }

  @Test
  void importsCsvEventsReportingBadRowsByLineAndIsIdempotent() throws Exception {
    Path csv = dir.resolve("events.csv");
    Files.writeString(
        csv,
        """
        kind,userId,itemId,timestamp,dwellMs,context.device
        click,u1,i1,2026-01-01T00:00:00Z,,mobile
        dwell,u1,i1,1767225600000,5000,
        teleport,u2,i1,2026-01-01T00:00:00Z,,
        like,u 3,i2,2026-01-02T00:00:00Z,,
        like,u3,i2,2026-01-02T00:00:00Z,,
        """);
    assertThat(heed("import", "events", csv.toString(), "--data-dir", data())).isEqualTo(1);
    assertThat(out.toString()).contains("5 rows read, 3 new, 0 already present, 2 rejected");
    assertThat(out.toString()).contains("line 4: kind: unknown kind 'teleport'");
    assertThat(out.toString()).contains("line 5: userId:");
    assertThat(err.toString()).contains("import events [");
    assertThat(heed("import", "events", csv.toString(), "--data-dir", data())).isEqualTo(1);
    assertThat(out.toString()).contains("5 rows read, 0 new, 3 already present, 2 rejected");
    assertThat(counts(data()).events()).isEqualTo(3);
  }

  @Test
  void importsJsonLinesItemsAndUsersAndRoundTripsThroughExport() throws Exception {
    Path items = dir.resolve("items.jsonl");
    Files.writeString(
        items,
        """
        {"id":"a","title":"新闻标题","categories":["news"],"publishedAt":"2026-01-01T00:00:00Z"}
        {"id":"b","title":"Second","tags":["x","y"],"attributes":{"price":9.5}}

        {"id":"c","title":
        {"id":"d","hidden":"yes"}
        """);
    assertThat(heed("import", "items", items.toString(), "--data-dir", data())).isEqualTo(1);
    assertThat(out.toString())
        .contains("4 rows read, 2 new", "2 rejected", "line 4: not valid JSON", "line 5: hidden");
    Path users = dir.resolve("users.csv");
    Files.writeString(
        users,
        "id,createdAt,attributes.plan,consent.analytics\nu1,2026-01-01T00:00:00Z,pro,true\nu2,,free,false\n");
    assertThat(heed("import", "users", users.toString(), "--data-dir", data())).isZero();
    Path events = dir.resolve("events.jsonl");
    Files.writeString(
        events,
        "{\"id\":\"e1\",\"kind\":\"rating\",\"userId\":\"u1\",\"itemId\":\"a\",\"value\":4.5}\n{\"kind\":\"search\",\"userId\":\"u2\",\"query\":\"天气\"}\n");
    assertThat(heed("import", "events", events.toString(), "--data-dir", data())).isZero();
    assertThat(counts(data())).isEqualTo(new StoreCounts(2, 2, 2));

    Path export = dir.resolve("export");
    assertThat(heed("export", "--out", export.toString(), "--data-dir", data())).isZero();
    assertThat(out.toString()).contains("exported 2 items, 2 users, 2 events");
    String copy = dir.resolve("copy").toString();
    for (String kind : new String[] {"items", "users", "events"}) {
      assertThat(
              heed("import", kind, export.resolve(kind + ".jsonl").toString(), "--data-dir", copy))
          .isZero();
    }
    assertThat(counts(copy)).isEqualTo(new StoreCounts(2, 2, 2));
    assertThat(heed("export", "--user", "u1", "--data-dir", copy)).isZero();
    assertThat(out.toString()).contains("\"plan\" : \"pro\"", "\"e1\"");
    assertThat(heed("export", "--user", "nobody", "--data-dir", copy)).isEqualTo(1);
  }

  @Test
  void trainBuildsASnapshotFromTheStore() throws Exception {
    StringBuilder csv = new StringBuilder("kind,userId,itemId,timestamp\n");
    for (int u = 0; u < 30; u++) {
      for (int k = 0; k < 6; k++) {
        csv.append("click,u").append(u).append(",i").append((u % 2) * 10 + (u + k) % 10);
        csv.append(",2026-01-0").append(1 + k).append("T00:00:00Z\n");
      }
    }
    Path file = Files.writeString(dir.resolve("clicks.csv"), csv);
    assertThat(heed("import", "events", file.toString(), "--data-dir", data())).isZero();
    assertThat(heed("train", "--data-dir", data())).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("trained blend on 180 events (30 users, 20 items")
        .contains("20 items are known only from events");
    StringBuilder items = new StringBuilder("id,title\n");
    for (int i = 0; i < 20; i++) {
      items.append("i").append(i).append(",Item ").append(i).append("\n");
    }
    Path itemFile = Files.writeString(dir.resolve("items.csv"), items);
    assertThat(heed("import", "items", itemFile.toString(), "--data-dir", data())).isZero();
    assertThat(heed("train", "--data-dir", data())).as(err.toString()).isZero();
    assertThat(out.toString()).doesNotContain("known only from events");
    assertThat(err.toString()).contains("events", "iteration");
    assertThat(Path.of(data(), "models", "feed-snapshot.bin")).isRegularFile();
    // Without exploration: the page is the trained model's alone.
    try (Heed heed =
        Heed.open(
            ConfigLoader.load(
                null, Map.of("HEED_DATA_DIR", data(), "HEED_RECOMMEND_EXPLORATION_SHARE", "0")))) {
      var page =
          heed.feeds().service().recommend("u0", dev.heed.core.recommend.feed.FeedRequest.of(3));
      assertThat(page).hasSize(3);
      assertThat(page.get(0).source()).isEqualTo("personalized");
      assertThat(page).allMatch(f -> Integer.parseInt(f.id().substring(1)) < 10);
    }
  }

  @Test
  void badArgumentsFailWithAClearMessage() {
    assertThat(heed("import", "widgets", "x.csv", "--data-dir", data())).isEqualTo(2);
    assertThat(err.toString()).contains("KIND must be items, users or events");
    assertThat(
            heed("import", "events", dir.resolve("missing.csv").toString(), "--data-dir", data()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no such file");
    assertThat(heed("serve", "--port", "99999", "--data-dir", data())).isEqualTo(2);
    assertThat(err.toString()).contains("server.port must be 0-65535");
    assertThat(heed("frobnicate")).isNotZero();
  }

  @Test
  void trainSentimentInstallsAModelTheEngineThenUses() throws Exception {
    // Made-up words: only a trained model can know that "zorp" is good and "blick" bad.
    StringBuilder tsv = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      boolean good = i % 2 == 0;
      tsv.append("the parcel was ")
          .append(good ? "zorp" : "blick")
          .append(i % 3 == 0 ? " again" : "")
          .append('\t')
          .append(good ? 1 : 0)
          .append('\n');
    }
    Path file = Files.writeString(dir.resolve("labeled.tsv"), tsv);
    assertThat(
            heed(
                "train",
                "sentiment",
                "--data",
                file.toString(),
                "--no-embeddings",
                "--data-dir",
                data()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("sentiment model: labels [0, 1]");
    assertThat(Path.of(data(), "models", "sentiment.classifier")).isRegularFile();
    try (Heed heed = Heed.open(ConfigLoader.load(null, Map.of("HEED_DATA_DIR", data())))) {
      Set<String> task = Set.of("sentiment");
      assertThat(heed.text().analyze("the parcel was zorp", "en", task).sentiment().label())
          .isEqualTo("positive");
      assertThat(heed.text().analyze("the parcel was blick", "en", task).sentiment().label())
          .isEqualTo("negative");
    }
    assertThat(heed("train", "sentiment", "--data", dir.resolve("missing.tsv").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no such file");
  }

  @Test
  void trainNerInstallsATaggerTheEngineThenUses() throws Exception {
    // Made-up organizations that HanLP's dictionaries cannot know.
    String[] orgs = {"喵喵屋", "嘟嘟坊", "咕咕社", "呱呱厂"};
    String[] before = {"我在", "他去了", "她离开了", "大家喜欢"};
    StringBuilder bio = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      String org = orgs[i % orgs.length];
      String lead = before[(i / orgs.length) % before.length];
      for (char c : lead.toCharArray()) {
        bio.append(c).append("\tO\n");
      }
      for (int c = 0; c < org.length(); c++) {
        bio.append(org.charAt(c)).append(c == 0 ? "\tB-ORG\n" : "\tI-ORG\n");
      }
      bio.append("。\tO\n\n");
    }
    Path file = Files.writeString(dir.resolve("ner.txt"), bio);
    assertThat(heed("train", "ner", "--data", file.toString(), "--data-dir", data()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("entity tagger: types [ORGANIZATION]");
    assertThat(err.toString()).contains("train ner: 64 sentences", "epoch 30/30");
    assertThat(Path.of(data(), "models", "ner.tagger")).isRegularFile();
    try (Heed heed = Heed.open(ConfigLoader.load(null, Map.of("HEED_DATA_DIR", data())))) {
      assertThat(heed.text().analyze("他去了咕咕社。", "zh", Set.of("entities")).entities())
          .containsExactly(new dev.heed.text.analyze.Entity("咕咕社", "ORGANIZATION", 3));
    }
    assertThat(heed("train", "ner", "--data", dir.resolve("missing.txt").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no such file");
    Path empty = Files.writeString(dir.resolve("plain.txt"), "我\tO\n爱\tO\n\n");
    assertThat(heed("train", "ner", "--data", empty.toString(), "--data-dir", data())).isEqualTo(2);
    assertThat(err.toString()).contains("no entities");
  }

  @Test
  void trainPicksTheEmbedderByTheLanguageOfTheTextsAndTheEngineServesIt() throws Exception {
    String[] good = {"wonderful", "delightful", "excellent", "superb", "lovely", "great"};
    String[] bad = {"awful", "dreadful", "terrible", "horrible", "boring", "dismal"};
    String[] things = {"film", "meal", "hotel", "phone", "book", "concert", "service", "trip"};
    StringBuilder en = new StringBuilder();
    for (int i = 0; i < 96; i++) {
      boolean positive = i % 2 == 0;
      en.append("the ")
          .append(things[i % things.length])
          .append(" was ")
          .append((positive ? good : bad)[(i / 2) % good.length])
          .append('\t')
          .append(positive ? 1 : 0)
          .append('\n');
    }
    Path english = Files.writeString(dir.resolve("english.tsv"), en);
    // Embeddings only: the engine is right only if it embeds with the model's own embedder.
    assertThat(
            heed(
                "train",
                "sentiment",
                "--data",
                english.toString(),
                "--embeddings-only",
                "--data-dir",
                data()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("with bge-small-en-v1.5-q embeddings");
    try (var in = Files.newInputStream(Path.of(data(), "models", "sentiment.classifier"))) {
      assertThat(dev.heed.text.classify.TextClassifier.load(in).embedderName())
          .isEqualTo("bge-small-en-v1.5-q");
    }
    try (Heed heed = Heed.open(ConfigLoader.load(null, Map.of("HEED_DATA_DIR", data())))) {
      Set<String> task = Set.of("sentiment", "embedding");
      var positive = heed.text().analyze("an excellent, lovely evening", "en", task);
      assertThat(positive.sentiment().label()).isEqualTo("positive");
      assertThat(positive.embedding()).as("items keep bge-small-zh's vectors").hasSize(512);
      assertThat(heed.text().analyze("a dreadful, boring evening", "en", task).sentiment().label())
          .isEqualTo("negative");
    }
    Path chinese =
        Files.writeString(
            dir.resolve("chinese.tsv"), "房间干净，非常满意\t1\n太吵了，很失望\t0\nthe room was fine\t1\n");
    assertThat(heed("train", "topic", "--data", chinese.toString(), "--data-dir", data()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("with bge-small-zh-v1.5-q embeddings");
  }
}
