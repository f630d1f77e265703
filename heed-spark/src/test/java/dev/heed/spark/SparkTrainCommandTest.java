package dev.heed.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heed.core.recommend.feed.FeedSnapshot;
import dev.heed.core.recommend.feed.SnapshotFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spark-train --data FILE}: a real Spark run end to end, as a user types it. */
class SparkTrainCommandTest {
  @Test
  void trainsOnADataFileAndWritesASnapshotTheServerReads(@TempDir Path dir) throws Exception {
    int code =
        SparkTrainCommand.execute(
            "--data-dir", dir.toString(),
            "--data", "synthetic:300,120,4000,3",
            "--master", "local[1]",
            "--rank", "4",
            "--iters", "3",
            "--blocks", "2");
    assertThat(code).isZero();
    FeedSnapshot snapshot = SnapshotFiles.load(dir.resolve("models"));
    assertThat(snapshot).isNotNull();
    FeedSnapshot.Info info = snapshot.info();
    assertThat(info.algorithm()).isEqualTo("spark-als");
    assertThat(info.params()).containsEntry("factors", 4).containsEntry("iterations", 3);
    assertThat(info.users()).isGreaterThan(200);
    assertThat(info.catalogItems()).isEqualTo(info.items()); // the file's items are the catalog
    // recommend.evaluateOnBuild is on by default: a holdout measured with a second Spark fit
    assertThat(info.metrics()).containsKey("ndcg@20");
  }

  @Test
  void aBadOptionIsAnErrorNotAStackTrace(@TempDir Path dir) {
    assertThat(
            SparkTrainCommand.execute(
                "--data-dir", dir.toString(), "--data", "synthetic:10,10,50,1", "--rank", "0"))
        .isEqualTo(2);
  }
}
