package dev.heed.core.recommend.feed;

import dev.heed.api.Item;
import dev.heed.api.store.EventQuery;
import dev.heed.api.store.Store;
import dev.heed.core.recommend.InteractionBuffer;
import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommender;
import dev.heed.core.recommend.RecommenderModel;
import dev.heed.core.recommend.Recommenders;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.recommend.knn.ItemKnnModel;
import dev.heed.core.recommend.knn.ItemKnnRecommender;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a {@link FeedSnapshot} from a store: reads the catalog and the whole event log, weighs the
 * events into an interaction matrix, fits the configured recommender and the item-kNN neighbours,
 * and ranks popular, trending and latest items. Reads only; requests keep being served from the
 * previous snapshot meanwhile.
 */
public final class SnapshotBuilder {
  private static final int PAGE = 10_000;

  private final String algorithm;
  private final Map<String, String> params;
  private final InteractionWeights weights;
  private final Duration trendingHalfLife;
  private final Clock clock;
  private Function<Interactions, Map<String, Double>> offlineMetrics = m -> Map.of();

  public SnapshotBuilder(
      String algorithm,
      Map<String, String> params,
      InteractionWeights weights,
      Duration trendingHalfLife,
      Clock clock) {
    this.algorithm = algorithm;
    this.params = Map.copyOf(params);
    this.weights = weights;
    this.trendingHalfLife = trendingHalfLife;
    this.clock = clock;
    Recommenders.create(algorithm, new Params(params)); // fail now on a bad name or parameter
  }

  /** Measures the model offline on each build (e.g. a temporal holdout); none by default. */
  public SnapshotBuilder withOfflineMetrics(Function<Interactions, Map<String, Double>> metrics) {
    this.offlineMetrics = metrics;
    return this;
  }

  /** Progress: "events" (read so far), then the training stages of the algorithm. */
  public FeedSnapshot build(Store store, TrainingListener listener) {
    long start = System.nanoTime();
    long now = clock.millis();
    // The catalog first: catalog items take the first indices.
    List<Item> catalog = store.items().all();
    Map<String, Integer> itemIndex = new HashMap<>();
    List<String> itemIds = new ArrayList<>();
    for (Item item : catalog) {
      itemIndex.put(item.id(), itemIds.size());
      itemIds.add(item.id());
    }
    int catalogSize = itemIds.size();
    Map<String, Integer> userIndex = new HashMap<>();
    List<String> userIds = new ArrayList<>();
    InteractionBuffer cells = new InteractionBuffer();
    InteractionBuffer disliked = new InteractionBuffer();
    long total = store.events().count();
    long[] lastSeq = {0};
    long[] read = {0};
    store
        .events()
        .forEach(
            EventQuery.all(PAGE),
            stored -> {
              lastSeq[0] = stored.seq();
              if (++read[0] % 100_000 == 0) {
                listener.progress(
                    "events", (int) Math.min(read[0], Integer.MAX_VALUE), (int) total);
              }
              var e = stored.event();
              float w = weights.weight(e);
              if (w == 0) {
                return;
              }
              int u = userIndex.computeIfAbsent(e.userId(), id -> addId(userIds, id));
              int i = itemIndex.computeIfAbsent(e.itemId(), id -> addId(itemIds, id));
              cells.add(u, i, w, e.timestamp().toEpochMilli());
              if (w < 0) {
                disliked.add(u, i, 1, e.timestamp().toEpochMilli());
              }
            });
    listener.progress("events", (int) Math.min(read[0], Integer.MAX_VALUE), (int) read[0]);
    Interactions data = cells.toInteractions(userIds.size(), itemIds.size()).withoutZeros();
    Recommender recommender = Recommenders.create(algorithm, new Params(params));
    RecommenderModel model = recommender.fit(data, listener);
    ItemKnnModel neighbours =
        new ItemKnnRecommender(Params.none()).fit(positives(data), TrainingListener.NONE);
    Map<String, Double> metrics = offlineMetrics.apply(data);

    int n = itemIds.size();
    String[] titles = new String[catalogSize];
    String[][] categories = new String[catalogSize][];
    boolean[] hidden = new boolean[catalogSize];
    long[] expires = new long[catalogSize];
    long[] published = new long[catalogSize];
    for (int i = 0; i < catalogSize; i++) {
      Item item = catalog.get(i);
      titles[i] = item.title();
      categories[i] = item.categories().toArray(String[]::new);
      hidden[i] = item.hidden();
      expires[i] = item.expiresAt() == null ? Long.MAX_VALUE : item.expiresAt().toEpochMilli();
      published[i] =
          item.publishedAt() != null
              ? item.publishedAt().toEpochMilli()
              : item.createdAt() != null ? item.createdAt().toEpochMilli() : 0;
    }
    float[] popularity = new float[n];
    float[] trending = new float[n];
    double halfLife = Math.max(1, trendingHalfLife.toMillis());
    for (int u = 0; u < data.users(); u++) {
      for (int p = data.userStart(u); p < data.userEnd(u); p++) {
        if (data.userValue(p) > 0) {
          int i = data.userItem(p);
          popularity[i] += 1;
          trending[i] += (float) Math.pow(0.5, Math.max(0, now - data.userTime(p)) / halfLife);
        }
      }
    }
    Integer[] order = new Integer[catalogSize];
    for (int i = 0; i < catalogSize; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) ->
            published[a] != published[b]
                ? Long.compare(published[b], published[a])
                : itemIds.get(a).compareTo(itemIds.get(b)));
    int[] latest = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    var info =
        new FeedSnapshot.Info(
            now,
            (System.nanoTime() - start) / 1e9,
            lastSeq[0],
            read[0],
            data.users(),
            n,
            catalogSize,
            data.nnz(),
            algorithm,
            Map.copyOf(recommender.params().effective()),
            Map.copyOf(metrics));
    return new FeedSnapshot(
        info,
        itemIds.toArray(String[]::new),
        catalogSize,
        titles,
        categories,
        hidden,
        expires,
        published,
        userIds.toArray(String[]::new),
        data,
        disliked.toInteractions(userIds.size(), itemIds.size()),
        model,
        neighbours,
        popularity,
        trending,
        latest);
  }

  private static int addId(List<String> ids, String id) {
    ids.add(id);
    return ids.size() - 1;
  }

  /** Only the positive pairs, weighted 1: what "similar" means (co-engagement). */
  private static Interactions positives(Interactions data) {
    int[] u = new int[data.nnz()];
    int[] i = new int[data.nnz()];
    float[] v = new float[data.nnz()];
    int k = 0;
    for (int user = 0; user < data.users(); user++) {
      for (int p = data.userStart(user); p < data.userEnd(user); p++) {
        if (data.userValue(p) > 0) {
          u[k] = user;
          i[k] = data.userItem(p);
          v[k++] = 1;
        }
      }
    }
    return Interactions.of(
        data.users(),
        data.items(),
        Arrays.copyOf(u, k),
        Arrays.copyOf(i, k),
        Arrays.copyOf(v, k),
        null);
  }
}
