package dev.heed.testing;

import dev.heed.api.Event;
import dev.heed.api.Item;
import dev.heed.api.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded generators of valid items, users and events of every kind. */
public final class Generators {
  private final Random random;
  private final Instant start;
  private long counter;

  public Generators(long seed) {
    this(seed, Instant.parse("2026-01-01T00:00:00Z"));
  }

  public Generators(long seed, Instant start) {
    this.random = new Random(seed);
    this.start = start;
  }

  public Item item(String id) {
    return new Item(
        id,
        "Title " + id + " 标题",
        "Body of " + id + ". 正文。",
        random.nextBoolean() ? "en" : "zh",
        List.of("cat" + random.nextInt(5)),
        List.of("tag" + random.nextInt(10), "tag" + (10 + random.nextInt(10))),
        "author" + random.nextInt(3),
        start,
        start.plusSeconds(60),
        random.nextInt(4) == 0 ? start.plusSeconds(86_400 * 30L) : null,
        random.nextInt(10) == 0,
        Map.of("price", random.nextInt(100), "color", "red"));
  }

  public User user(String id) {
    return new User(
        id,
        Map.of("age", 20 + random.nextInt(50)),
        Map.of("personalization", random.nextBoolean()),
        start);
  }

  /** An event of a random kind by {@code userId} on {@code itemId}, with a fresh unique id. */
  public Event event(String userId, String itemId) {
    String id = "ev-" + Long.toHexString(random.nextLong()) + "-" + counter++;
    Instant ts = start.plusSeconds(random.nextInt(86_400 * 100));
    Map<String, String> ctx = random.nextBoolean() ? Map.of() : Map.of("device", "mobile");
    return switch (random.nextInt(11)) {
      case 0 ->
          new Event.Impression(
              id, userId, itemId, ts, "home", random.nextInt(20), "exp1", "B", ctx);
      case 1 -> new Event.Click(id, userId, itemId, ts, ctx);
      case 2 -> new Event.Dwell(id, userId, itemId, ts, random.nextInt(600_000), ctx);
      case 3 -> new Event.Complete(id, userId, itemId, ts, ctx);
      case 4 -> new Event.Like(id, userId, itemId, ts, ctx);
      case 5 -> new Event.Dislike(id, userId, itemId, ts, ctx);
      case 6 -> new Event.Share(id, userId, itemId, ts, ctx);
      case 7 -> new Event.Rating(id, userId, itemId, ts, 1 + random.nextInt(5), ctx);
      case 8 -> new Event.Purchase(id, userId, itemId, ts, random.nextInt(10_000) / 100.0, ctx);
      case 9 -> new Event.Search(id, userId, ts, "query " + random.nextInt(100), ctx);
      default ->
          new Event.Review(
              id,
              userId,
              itemId,
              ts,
              "很好 great " + random.nextInt(),
              random.nextBoolean() ? 4.0 : null,
              ctx);
    };
  }

  /** {@code n} events over {@code users} users and {@code items} items. */
  public List<Event> events(int n, int users, int items) {
    List<Event> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(event("u" + random.nextInt(users), "i" + random.nextInt(items)));
    }
    return out;
  }
}
