package dev.heed.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, driven by its chromedriver against
 * a real server on SQLite with seeded data. Clicks through every page, checks what it shows against
 * the API, that data is escaped, that the CSP holds (no console errors), and keeps a screenshot of
 * each page in {@code target/screenshots}. Skipped with a message when Chromium or chromedriver is
 * missing, unless {@code HEED_REQUIRE_BROWSER} is set (CI sets it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
  private static final String XSS_TITLE = "<img src=x onerror=\"window.pwned=1\"> Escaping check";
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);

  private static Path dir;
  private static long variantImpressions;
  private static TestServer server;
  private static ChromeDriver browser;
  private static WebDriverWait wait;
  private static final List<String> consoleErrors = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    String chromium = executable("HEED_CHROMIUM", "/usr/bin/chromium");
    String driver = executable("HEED_CHROMEDRIVER", "/usr/bin/chromedriver");
    if (chromium == null || driver == null) {
      String why =
          "Chromium or chromedriver not found (install the Debian packages chromium and"
              + " chromium-driver, or set HEED_CHROMIUM / HEED_CHROMEDRIVER)";
      if (System.getenv("HEED_REQUIRE_BROWSER") != null) {
        throw new IllegalStateException("HEED_REQUIRE_BROWSER is set but " + why);
      }
      Assumptions.abort(why);
    }
    dir = Files.createTempDirectory("heed-dashboard");
    // Exploration off: a feed page is then the same for the browser and the test's own request.
    server = new TestServer(dir.resolve("data"), Map.of("HEED_RECOMMEND_EXPLORATION_SHARE", "0"));
    seed();
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1300,1000",
        "--user-data-dir=" + dir.resolve("chromium-profile"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(driver))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    // Conditions that find and read an element retry when the page rebuilt it in between.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String executable(String env, String fallback) {
    String path = System.getenv(env) != null ? System.getenv(env) : fallback;
    return Files.isExecutable(Path.of(path)) ? path : null;
  }

  // ---- seeding through the API

  private static final String[][] ITEMS = {
    {"n1", "城市更新计划发布，老旧小区将全面改造", "news", "市政府今天发布城市更新计划，老旧小区改造将惠及十万居民。"},
    {
      "n2",
      "How to read a topographic map",
      "howto",
      "Contour lines show height. Start with the legend."
    },
    {
      "n3",
      "Cup final decided by a late winner",
      "sports",
      "A header in the last minute won the cup final."
    },
    {"n4", XSS_TITLE, "test", "This title must show as text, not markup."},
    {
      "n5", "Heavy rain expected in the north tomorrow", "weather", "Forecasters expect heavy rain."
    },
  };

  private static void seed() {
    ArrayNode items = JsonNodeFactory.instance.arrayNode();
    for (String[] i : ITEMS) {
      ObjectNode o = items.addObject();
      o.put("id", i[0]).put("title", i[1]).put("body", i[3]);
      o.putArray("categories").add(i[2]);
    }
    expect(server.post("/v1/items", items.toString()), 200);
    expect(
        server.put(
            "/v1/items/n2/variants",
            "{\"variants\":[{\"name\":\"plain\",\"title\":\"How to read a topographic map\"},"
                + "{\"name\":\"bold\",\"title\":\"Never get lost again: maps made simple\"}]}"),
        200);
    Instant now = Instant.now();
    Random random = new Random(7);
    ArrayNode events = JsonNodeFactory.instance.arrayNode();
    for (int u = 0; u < 30; u++) {
      for (int k = 0; k < 8; k++) {
        String item = ITEMS[(u + k * (1 + u % 3)) % ITEMS.length][0];
        Instant ts = now.minus(1 + random.nextInt(46 * 60), ChronoUnit.MINUTES);
        String id = u + "-" + k;
        ObjectNode imp = event(events, "i" + id, "impression", "u" + u, item, ts);
        imp.putObject("context").put("experiment", "hero").put("variant", u % 2 == 0 ? "A" : "B");
        if (item.equals("n2")) {
          // The headline bandit: "bold" shown to half the readers, clicked by most of them.
          boolean bold = u % 2 == 0;
          variantImpressions++;
          event(events, "v" + id, "impression", "u" + u, item, ts)
              .putObject("context")
              .put("variant", bold ? "bold" : "plain");
          if (bold || k % 4 == 0) {
            event(events, "vc" + id, "click", "u" + u, item, ts.plusSeconds(3))
                .putObject("context")
                .put("variant", bold ? "bold" : "plain");
          }
        }
        if (random.nextInt(10) < (u % 2 == 0 ? 3 : 5)) {
          event(events, "c" + id, "click", "u" + u, item, ts.plusSeconds(5));
          event(events, "d" + id, "dwell", "u" + u, item, ts.plusSeconds(6))
              .put("dwellMs", 3_000 + random.nextInt(60_000));
        }
      }
    }
    expect(
        server.post(
            "/v1/experiments",
            "{\"id\":\"hero\",\"variants\":[{\"name\":\"A\",\"weight\":50},{\"name\":\"B\","
                + "\"weight\":50}],\"metric\":\"ctr\",\"createdAt\":\""
                + now.minus(3, ChronoUnit.DAYS)
                + "\"}"),
        201);
    expect(server.post("/v1/events", events.toString()), 200);
    // Opinion: three quiet days on "delivery", then a burst of complaints in the last hour.
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    ArrayNode docs = JsonNodeFactory.instance.arrayNode();
    for (int h = 72; h >= 0; h--) {
      int n = h == 0 ? 12 : 3;
      for (int j = 0; j < n; j++) {
        boolean bad = h == 0 ? j < 10 : (h % 6 == 0 && j == 0);
        docs.addObject()
            .put("id", "m" + h + "-" + j)
            .put("topic", "delivery")
            .put("timestamp", hour.minus(h, ChronoUnit.HOURS).plusSeconds(j * 60L).toString())
            .put(
                "text",
                bad
                    ? "The delivery was late again and the box was broken. Very disappointed."
                    : "Fast delivery and friendly courier, very happy with the service.");
        if (docs.size() == 100) {
          expect(server.post("/v1/monitor/documents", docs.toString()), 200);
          docs.removeAll();
        }
      }
    }
    expect(server.post("/v1/monitor/documents", docs.toString()), 200);
    expect(server.post("/v1/admin/train?wait=true", null), 200);
    // Rollups trail ingest and items are analyzed in the background: wait for both.
    long impressions = 0;
    for (var e : events) {
      impressions += e.get("kind").asText().equals("impression") ? 1 : 0;
    }
    long expected = impressions;
    await(
        "rollups",
        () ->
            server
                    .get("/v1/metrics/overall?bucket=hour&from=" + now.minus(2, ChronoUnit.DAYS))
                    .json()
                    .at("/totals/impressions")
                    .asLong()
                == expected);
    for (String[] i : ITEMS) {
      await(
          "analysis of " + i[0],
          () -> server.get("/v1/items/" + i[0] + "/analysis").status() == 200);
    }
  }

  private static ObjectNode event(
      ArrayNode events, String id, String kind, String user, String item, Instant ts) {
    return events
        .addObject()
        .put("id", id)
        .put("kind", kind)
        .put("userId", user)
        .put("itemId", item)
        .put("timestamp", ts.toString());
  }

  private static void expect(TestServer.Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
  }

  private static void await(String what, java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  // ---- browser helpers

  private static WebElement visible(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private static void waitForText(String css, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  private static List<WebElement> rows(String sectionTestId) {
    visible("[data-testid='" + sectionTestId + "'] table tbody tr");
    return browser.findElements(By.cssSelector("[data-testid='" + sectionTestId + "'] tbody tr"));
  }

  private static void nav(String page) {
    browser.findElement(By.cssSelector("#nav a[data-page='" + page + "']")).click();
    wait.until(
        ExpectedConditions.attributeContains(
            By.cssSelector("#nav a[data-page='" + page + "']"), "class", "active"));
  }

  private static void screenshot(String name) throws IOException {
    Files.write(
        SHOTS.resolve("dashboard-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  private static void collectConsole() {
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
        consoleErrors.add(e.getMessage());
      }
    }
  }

  private static String count(long n) {
    return COUNT.format(n);
  }

  // ---- the pages

  @Test
  @Order(1)
  void aWrongKeyIsRefusedAtLogin() throws IOException {
    browser.get(server.base + "/");
    visible("#api-key").sendKeys("not-a-key");
    browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    waitForText("#login-error", "not valid");
    assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
    screenshot("login");
    // The refused request is the only error the browser logged.
    assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
        .filteredOn(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .singleElement()
        .matches(e -> e.getMessage().contains("/v1/stats") && e.getMessage().contains("401"));
  }

  @Test
  @Order(2)
  void overviewShowsCountsTopItemsAndTrending() throws IOException {
    browser.get(server.base + "/");
    WebElement key = visible("#api-key");
    key.clear();
    key.sendKeys(TestServer.ADMIN_KEY);
    browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    JsonNode stats = server.get("/v1/stats").json();
    waitForText("[data-testid='stat-events'] .card-value", count(stats.get("events").asLong()));
    // The cards are rebuilt every 2 s, so read them through waits (an element found just before a
    // rebuild is stale by the time its text is read).
    waitForText("[data-testid='stat-items'] .card-value", count(stats.get("items").asLong()));
    // The rate needs two samples, 2 s apart.
    wait.until(
        d ->
            d.findElement(By.cssSelector("[data-testid='stat-rate'] .card-value"))
                .getText()
                .matches("[0-9.,]+"));
    List<WebElement> top = rows("top-attention");
    JsonNode api = server.get("/v1/metrics/top?metric=attention&n=10").json().get("entries");
    assertThat(top).hasSize(api.size());
    String firstId = api.get(0).get("key").asText();
    assertThat(top.get(0).findElement(By.tagName("a")).getText()).isEqualTo(title(firstId));
    assertThat(rows("trending"))
        .hasSize(server.get("/v1/trending?n=10").json().get("items").size());
    assertThat(browser.findElements(By.cssSelector("[data-testid='overall-chart'] canvas")))
        .isNotEmpty();
    // The hostile title is shown as text and never becomes an element.
    assertThat(browser.findElement(By.id("main")).getText()).contains(XSS_TITLE);
    assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
    assertThat(browser.executeScript("return window.pwned === undefined")).isEqualTo(true);
    screenshot("overview");
    collectConsole();
  }

  private static String title(String id) {
    for (String[] i : ITEMS) {
      if (i[0].equals(id)) {
        return i[1];
      }
    }
    return id;
  }

  @Test
  @Order(3)
  void itemPageShowsMetricsAnalysisAndSimilarItems() throws IOException {
    String id =
        server.get("/v1/metrics/top?metric=attention&n=1").json().at("/entries/0/key").asText();
    rows("top-attention").get(0).findElement(By.tagName("a")).click();
    waitForText("[data-testid='item-title']", title(id));
    JsonNode totals =
        server
            .get(
                "/v1/metrics/items/"
                    + id
                    + "?bucket=hour&from="
                    + Instant.now().minus(48, ChronoUnit.HOURS))
            .json()
            .get("totals");
    waitForText(
        "[data-testid='item-impressions'] .card-value", count(totals.get("impressions").asLong()));
    assertThat(
            browser
                .findElement(By.cssSelector("[data-testid='item-clicks'] .card-value"))
                .getText())
        .isEqualTo(count(totals.get("clicks").asLong()));
    JsonNode analysis = server.get("/v1/items/" + id + "/analysis").json().get("analysis");
    String firstKeyword = analysis.at("/keywords/0/text").asText();
    waitForText("[data-testid='item-keywords']", firstKeyword);
    assertThat(browser.findElement(By.cssSelector("[data-testid='item-sentiment']")).getText())
        .startsWith(analysis.at("/sentiment/label").asText());
    List<WebElement> similar = rows("item-similar");
    assertThat(similar)
        .hasSize(server.get("/v1/items/" + id + "/similar?n=10").json().get("items").size());
    assertThat(browser.findElements(By.cssSelector("[data-testid='item-chart'] canvas")))
        .isNotEmpty();
    screenshot("item");
    // An item with headline variants shows their statistics as the API counts them, once counted.
    await(
        "variant counts",
        () -> {
          long counted = 0;
          for (JsonNode v : server.get("/v1/items/n2/variants").json().get("variants")) {
            counted += v.get("impressions").asLong();
          }
          return counted == variantImpressions;
        });
    browser.get(server.base + "/#/items/n2");
    JsonNode variants = server.get("/v1/items/n2/variants").json().get("variants");
    List<WebElement> shown = rows("item-variants");
    assertThat(shown).hasSize(2);
    for (int v = 0; v < 2; v++) {
      assertThat(shown.get(v).getText())
          .startsWith(
              variants.get(v).get("name").asText()
                  + " "
                  + variants.get(v).get("title").asText()
                  + " "
                  + count(variants.get(v).get("impressions").asLong()));
    }
    screenshot("item-variants");
    // The XSS item's own page, where its title is the heading.
    browser.get(server.base + "/#/items/n4");
    waitForText("[data-testid='item-title']", XSS_TITLE);
    assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
    collectConsole();
  }

  @Test
  @Order(4)
  void experimentPageShowsTheVerdictAndIntervals() throws IOException {
    nav("experiments");
    rows("experiment-list").get(0).findElement(By.linkText("hero")).click();
    JsonNode results = server.get("/v1/experiments/hero/results").json();
    waitForText("[data-testid='verdict']", results.get("verdict").asText());
    List<WebElement> variants = rows("variants");
    assertThat(variants).hasSize(2);
    assertThat(variants.get(0).getText())
        .startsWith("A " + count(results.at("/variants/A/users").asLong()));
    assertThat(variants.get(1).getText())
        .startsWith("B " + count(results.at("/variants/B/users").asLong()));
    List<WebElement> comparisons = rows("comparisons");
    assertThat(comparisons).hasSize(1);
    assertThat(comparisons.get(0).findElements(By.cssSelector(".ci .ci-band"))).hasSize(1);
    screenshot("experiment");
    collectConsole();
  }

  @Test
  @Order(5)
  void monitorPageShowsTopicSeriesAndTheAlert() throws IOException {
    nav("monitor");
    JsonNode alerts = server.get("/v1/monitor/alerts").json().get("alerts");
    assertThat(alerts).as("the seeded burst raises an alert").isNotEmpty();
    List<WebElement> rows = rows("monitor-alerts");
    assertThat(rows).hasSize(alerts.size());
    assertThat(rows.get(0).getText()).contains("delivery");
    assertThat(browser.findElement(By.cssSelector("[data-testid='monitor-alerts']")).getText())
        .contains("negative share");
    assertThat(rows("monitor-topics").get(0).getText()).startsWith("delivery");
    assertThat(browser.findElements(By.cssSelector("[data-testid='monitor-share-chart'] canvas")))
        .isNotEmpty();
    screenshot("monitor");
    collectConsole();
  }

  @Test
  @Order(6)
  void recommendationsPageShowsAFeedWithExplanations() throws IOException {
    nav("users");
    visible("#user-id").sendKeys("u3");
    browser.findElement(By.cssSelector("#user-form button[type=submit]")).click();
    JsonNode feed =
        server.get("/v1/users/u3/recommendations?n=20&explain=true").json().get("items");
    List<WebElement> rows = rows("feed");
    assertThat(rows).hasSize(feed.size());
    assertThat(rows.get(0).getText()).contains(feed.get(0).get("explanation").asText());
    // The title shown is the item's, or for an item with variants the one sampled for this page.
    String first = feed.get(0).get("id").asText();
    List<String> titles = new ArrayList<>(List.of(title(first)));
    server
        .get("/v1/items/" + first)
        .json()
        .at("/attributes/variants")
        .forEach(v -> titles.add(v.get("title").asText()));
    assertThat(titles).contains(rows.get(0).findElement(By.tagName("a")).getText());
    screenshot("recommendations");
    collectConsole();
  }

  @Test
  @Order(7)
  void modelsPageShowsTheSnapshotAndTrainsOnDemand() throws IOException {
    nav("models");
    JsonNode before = server.get("/v1/admin/models").json().get("snapshot");
    waitForText("[data-testid='model-algorithm'] .card-value", before.get("algorithm").asText());
    assertThat(rows("model-status")).isNotEmpty();
    browser.findElement(By.id("train")).click();
    wait.until(
        d ->
            !server
                .get("/v1/admin/models")
                .json()
                .at("/snapshot/built_at")
                .asText()
                .equals(before.get("built_at").asText()));
    // The page re-renders with the new snapshot and an enabled button.
    String builtAt = server.get("/v1/admin/models").json().at("/snapshot/built_at").asText();
    waitForText(
        "[data-testid='model-built'] .card-value",
        builtAt.replace('T', ' ').substring(0, 16) + " UTC");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("train")));
    screenshot("models");
    collectConsole();
  }

  @Test
  @Order(8)
  void aReadOnlyKeySeesDataButNotModelStatus() throws IOException {
    String readKey = server.issueKey("read");
    browser.findElement(By.id("logout")).click();
    visible("#api-key").sendKeys(readKey);
    browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    visible("[data-testid='stat-events']");
    nav("models");
    waitForText("[data-testid='model-status'] .error", "do not include 'admin'");
    screenshot("models-read-key");
    browser.findElement(By.id("logout")).click();
    visible("#api-key");
    assertThat(browser.executeScript("return sessionStorage.length")).isEqualTo(0L);
  }

  @Test
  @Order(9)
  void everyPageCarriesTheCspAndNoPageLoggedAnError() {
    TestServer.Response index = server.send("GET", "/", null, null);
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.headers().get("content-security-policy"))
        .singleElement()
        .asString()
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe");
    collectConsole();
    // A 403 answered to the read key is logged by the browser as a failed resource; nothing else.
    assertThat(consoleErrors).allMatch(m -> m.contains("/v1/admin/models") && m.contains("403"));
  }
}
