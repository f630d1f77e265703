package dev.heed.server.cli;

import dev.heed.core.recommend.feed.FeedSnapshot;
import dev.heed.server.Heed;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Build a feed snapshot from the store now: read the catalog and every event, fit the",
      "configured recommender (recommend.algorithm), and write <data-dir>/models/"
          + "feed-snapshot.bin.",
      "A running server on the same data directory picks the new snapshot up within seconds.",
      "Subcommands train the text models instead: train sentiment|topic|keywords|ner --data FILE."
    },
    subcommands = {
      TrainTextCommand.Sentiment.class,
      TrainTextCommand.Topic.class,
      TrainKeywordsCommand.class,
      TrainNerCommand.class
    })
final class TrainCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() {
    try (Heed heed = Heed.open(options.load(Map.of()))) {
      Progress.Stages progress = new Progress.Stages();
      FeedSnapshot.Info info;
      try {
        info = heed.feeds().train(progress).join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException re ? re : e;
      } finally {
        progress.close();
      }
      System.out.printf(
          Locale.ROOT,
          "trained %s on %,d events (%,d users, %,d items, %,d interactions) in %.2f s%n",
          info.algorithm(),
          info.events(),
          info.users(),
          info.items(),
          info.interactions(),
          info.buildSeconds());
      if (info.items() > info.catalogItems()) {
        System.out.printf(
            Locale.ROOT,
            "note: %,d items are known only from events and are not recommended until they are in"
                + " the catalog (PUT /v1/items or ./heed import items)%n",
            info.items() - info.catalogItems());
      }
      if (!info.metrics().isEmpty()) {
        System.out.printf(Locale.ROOT, "offline (temporal holdout): %s%n", info.metrics());
      }
      return 0;
    }
  }
}
