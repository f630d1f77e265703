package dev.heed.api;

import java.time.Instant;
import java.util.Map;

/**
 * Something a user did. One record per kind; handle them with an exhaustive {@code switch}. Every
 * event has an id (the client's, so that a re-sent event is recognised as a duplicate), a user, a
 * timestamp and a free-form context; {@link #itemId()} is null only for kinds without an item.
 */
public sealed interface Event {
  String id();

  String userId();

  String itemId();

  Instant timestamp();

  Map<String, String> context();

  /** The kind's wire name, as in {@code "kind": "click"}. */
  default String kind() {
    return EventKind.of(this).wireName();
  }

  /** The item was shown to the user. Experiment and variant tag exposures of A/B tests. */
  record Impression(
      String id,
      String userId,
      String itemId,
      Instant timestamp,
      String surface,
      Integer position,
      String experiment,
      String variant,
      Map<String, String> context)
      implements Event {
    public Impression {
      context = copy(context);
    }
  }

  record Click(
      String id, String userId, String itemId, Instant timestamp, Map<String, String> context)
      implements Event {
    public Click {
      context = copy(context);
    }
  }

  /** Time the user spent on the item. */
  record Dwell(
      String id,
      String userId,
      String itemId,
      Instant timestamp,
      long dwellMs,
      Map<String, String> context)
      implements Event {
    public Dwell {
      context = copy(context);
    }
  }

  /** The user read, watched or listened to the end. */
  record Complete(
      String id, String userId, String itemId, Instant timestamp, Map<String, String> context)
      implements Event {
    public Complete {
      context = copy(context);
    }
  }

  record Like(
      String id, String userId, String itemId, Instant timestamp, Map<String, String> context)
      implements Event {
    public Like {
      context = copy(context);
    }
  }

  record Dislike(
      String id, String userId, String itemId, Instant timestamp, Map<String, String> context)
      implements Event {
    public Dislike {
      context = copy(context);
    }
  }

  record Share(
      String id, String userId, String itemId, Instant timestamp, Map<String, String> context)
      implements Event {
    public Share {
      context = copy(context);
    }
  }

  /** An explicit rating, on whatever scale the platform uses. */
  record Rating(
      String id,
      String userId,
      String itemId,
      Instant timestamp,
      double value,
      Map<String, String> context)
      implements Event {
    public Rating {
      context = copy(context);
    }
  }

  /** A purchase with its monetary value (0 when unknown). */
  record Purchase(
      String id,
      String userId,
      String itemId,
      Instant timestamp,
      double value,
      Map<String, String> context)
      implements Event {
    public Purchase {
      context = copy(context);
    }
  }

  /** A search query; it has no item. */
  record Search(
      String id, String userId, Instant timestamp, String query, Map<String, String> context)
      implements Event {
    public Search {
      context = copy(context);
    }

    @Override
    public String itemId() {
      return null;
    }
  }

  /** A written review with an optional rating. */
  record Review(
      String id,
      String userId,
      String itemId,
      Instant timestamp,
      String text,
      Double rating,
      Map<String, String> context)
      implements Event {
    public Review {
      context = copy(context);
    }
  }

  private static Map<String, String> copy(Map<String, String> context) {
    return context == null ? Map.of() : Map.copyOf(context);
  }
}
