package dev.heed.core.recommend.feed;

import dev.heed.api.Event;

/**
 * How much each kind of event says about a user's interest in an item: the value it adds to the
 * (user, item) cell of the interaction matrix, where repeated events add up. 0 ignores a kind; a
 * negative value (dislike, or a rating below {@code positiveRating}) marks the item as unwanted: it
 * is never recommended to that user and, with iALS, pushes similar items down.
 */
public record InteractionWeights(
    double impression,
    double click,
    double dwell,
    double complete,
    double like,
    double dislike,
    double share,
    double rating,
    double positiveRating,
    double purchase,
    double review) {

  /** The defaults of the reference configuration. */
  public static final InteractionWeights DEFAULTS =
      new InteractionWeights(0, 1, 1, 3, 4, -4, 3, 2, 3, 8, 2);

  /** The weight of one event (0 for events without an item or of an ignored kind). */
  public float weight(Event e) {
    double w =
        switch (e) {
          case Event.Impression i -> impression;
          case Event.Click c -> click;
          case Event.Dwell d -> dwell;
          case Event.Complete c -> complete;
          case Event.Like l -> like;
          case Event.Dislike d -> dislike;
          case Event.Share s -> share;
          case Event.Rating r -> r.value() >= positiveRating ? rating : dislike;
          case Event.Purchase p -> purchase;
          case Event.Search s -> 0;
          case Event.Review r ->
              r.rating() == null || r.rating() >= positiveRating ? review : dislike;
        };
    return e.itemId() == null ? 0f : (float) w;
  }
}
