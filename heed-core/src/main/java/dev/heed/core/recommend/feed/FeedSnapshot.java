package dev.heed.core.recommend.feed;

import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.RecommenderModel;
import dev.heed.core.recommend.knn.ItemKnnModel;
import java.io.Serializable;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything feeds are served from, built at one moment and never changed: the catalog as it was
 * (items 0..catalogSize−1; further indices are items known only from events), every user's training
 * interactions, the personalized model, item-kNN neighbours (similar items and explanations),
 * popularity, trending and latest orderings, and the build's vital statistics.
 */
public final class FeedSnapshot implements Serializable {
  private static final long serialVersionUID = 2L;

  final Info info;
  final String[] itemIds;
  final int catalogSize;
  final String[] titles;
  final String[][] categories;
  final boolean[] hidden;
  final long[] expiresAt;
  final long[] publishedAt;
  final String[] userIds;
  final Interactions interactions;
  final Interactions dislikes;
  final RecommenderModel model;
  final ItemKnnModel neighbours;
  final float[] popularity;
  final float[] trending;
  final int[] latest;
  private transient Map<String, Integer> itemIndex;
  private transient Map<String, Integer> userIndex;
  private transient Map<String, BitSet> byCategory;

  /** When and from what the snapshot was built, and how well its model did offline. */
  public record Info(
      long builtAtMillis,
      double buildSeconds,
      long lastEventSeq,
      long events,
      int users,
      int items,
      int catalogItems,
      int interactions,
      String algorithm,
      Map<String, Object> params,
      Map<String, Double> metrics)
      implements Serializable {}

  FeedSnapshot(
      Info info,
      String[] itemIds,
      int catalogSize,
      String[] titles,
      String[][] categories,
      boolean[] hidden,
      long[] expiresAt,
      long[] publishedAt,
      String[] userIds,
      Interactions interactions,
      Interactions dislikes,
      RecommenderModel model,
      ItemKnnModel neighbours,
      float[] popularity,
      float[] trending,
      int[] latest) {
    this.info = info;
    this.itemIds = itemIds;
    this.catalogSize = catalogSize;
    this.titles = titles;
    this.categories = categories;
    this.hidden = hidden;
    this.expiresAt = expiresAt;
    this.publishedAt = publishedAt;
    this.userIds = userIds;
    this.interactions = interactions;
    this.dislikes = dislikes;
    this.model = model;
    this.neighbours = neighbours;
    this.popularity = popularity;
    this.trending = trending;
    this.latest = latest;
    index();
  }

  private void readObject(java.io.ObjectInputStream in)
      throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    index();
  }

  private void index() {
    itemIndex = new HashMap<>(itemIds.length * 2);
    for (int i = 0; i < itemIds.length; i++) {
      itemIndex.put(itemIds[i], i);
    }
    userIndex = new HashMap<>(userIds.length * 2);
    for (int u = 0; u < userIds.length; u++) {
      userIndex.put(userIds[u], u);
    }
    byCategory = new HashMap<>();
    for (int i = 0; i < catalogSize; i++) {
      for (String c : categories[i]) {
        byCategory.computeIfAbsent(c, k -> new BitSet(catalogSize)).set(i);
      }
    }
  }

  public Info info() {
    return info;
  }

  /** The index of an item id, or -1. */
  int item(String id) {
    return itemIndex.getOrDefault(id, -1);
  }

  /** The index of a user id, or -1. */
  int user(String id) {
    return userIndex.getOrDefault(id, -1);
  }

  /** Catalog items of a category (empty when none). */
  BitSet category(String name) {
    return byCategory.getOrDefault(name, new BitSet());
  }

  int items() {
    return itemIds.length;
  }
}
