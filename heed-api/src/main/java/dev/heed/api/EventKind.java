package dev.heed.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of {@link Event}, with their wire names. */
public enum EventKind {
  IMPRESSION("impression", true),
  CLICK("click", true),
  DWELL("dwell", true),
  COMPLETE("complete", true),
  LIKE("like", true),
  DISLIKE("dislike", true),
  SHARE("share", true),
  RATING("rating", true),
  PURCHASE("purchase", true),
  SEARCH("search", false),
  REVIEW("review", true);

  private final String wireName;
  private final boolean needsItem;

  EventKind(String wireName, boolean needsItem) {
    this.wireName = wireName;
    this.needsItem = needsItem;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether events of this kind must name an item. */
  public boolean needsItem() {
    return needsItem;
  }

  public static Optional<EventKind> fromWireName(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(EventKind::wireName).toList();
  }

  public static EventKind of(Event event) {
    return switch (event) {
      case Event.Impression e -> IMPRESSION;
      case Event.Click e -> CLICK;
      case Event.Dwell e -> DWELL;
      case Event.Complete e -> COMPLETE;
      case Event.Like e -> LIKE;
      case Event.Dislike e -> DISLIKE;
      case Event.Share e -> SHARE;
      case Event.Rating e -> RATING;
      case Event.Purchase e -> PURCHASE;
      case Event.Search e -> SEARCH;
      case Event.Review e -> REVIEW;
    };
  }
}
