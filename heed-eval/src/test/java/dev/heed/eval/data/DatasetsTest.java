package dev.heed.eval.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void readsEveryFormatAndDetectsIt() throws IOException {
    Path ml100k = write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
    Path dat = write("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n");
    Path csv = write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n");
    Path lastfm =
        write("user_artists.dat", "userID\tartistID\tweight\n2\t51\t13883\n2\t52\t11690\n");
    Path generic = write("plays.tsv", "alice\tsong-1\n\"bob, jr\"\tsong-2\n");
    assertThat(Datasets.detect(ml100k)).isEqualTo(DataFormat.ML100K);
    assertThat(Datasets.detect(dat)).isEqualTo(DataFormat.ML_DAT);
    assertThat(Datasets.detect(csv)).isEqualTo(DataFormat.ML_CSV);
    assertThat(Datasets.detect(lastfm)).isEqualTo(DataFormat.LASTFM);
    assertThat(Datasets.detect(generic)).isEqualTo(DataFormat.CSV);

    InteractionLog a = Datasets.load(ml100k.toString(), "auto", null);
    assertThat(a.size()).isEqualTo(2);
    assertThat(a.time(0)).isEqualTo(881250949000L);
    assertThat(a.weight(0)).isEqualTo(3f);
    assertThat(Datasets.load(dat.toString(), "auto", null).items().id(1)).isEqualTo("661");
    assertThat(Datasets.load(csv.toString(), "auto", null).weight(0)).isEqualTo(4f);
    InteractionLog plays = Datasets.load(lastfm.toString(), "auto", null);
    assertThat(plays.weight(0)).isEqualTo(13883f);
    assertThat(plays.time(0)).isZero();
    InteractionLog g = Datasets.load(generic.toString(), "auto", null);
    assertThat(g.users().id(1)).isEqualTo("bob, jr");
    assertThat(g.weight(1)).isEqualTo(1f);
  }

  @Test
  void genericCsvWithHeaderWeightsAndMillisecondTimes() throws IOException {
    Path p =
        write("x.csv", "user,item,weight,timestamp\nu1,i1,2.5,1700000000000\nu1,i2,1,1700000000\n");
    InteractionLog log = Datasets.load(p.toString(), "csv", null);
    assertThat(log.size()).isEqualTo(2);
    assertThat(log.time(0)).isEqualTo(1_700_000_000_000L);
    assertThat(log.time(1)).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void minRatingDropsLowRatings() throws IOException {
    Path p = write("u.data", "1\t1\t5\t1\n1\t2\t3\t2\n1\t3\t4\t3\n");
    assertThat(Datasets.load(p.toString(), "auto", 4.0).size()).isEqualTo(2);
  }

  @Test
  void explainsBadInput() throws IOException {
    assertThatThrownBy(() -> Datasets.load(dir.resolve("missing").toString(), "auto", null))
        .hasMessageContaining("no data file");
    Path bad = write("u.data", "1\t1\tfive\t1\n");
    assertThatThrownBy(() -> Datasets.load(bad.toString(), "auto", null))
        .hasMessageContaining(":1: 'five' is not a number");
    Path empty = write("e.csv", "");
    assertThatThrownBy(() -> Datasets.load(empty.toString(), "auto", null))
        .hasMessageContaining("no interactions");
    assertThatThrownBy(() -> Datasets.load(bad.toString(), "parquet", null))
        .hasMessageContaining("unknown format 'parquet'");
  }

  @Test
  void syntheticDataIsSeededAndSkewed() {
    InteractionLog a = Datasets.load("synthetic:500,300,20000,5", "auto", null);
    InteractionLog b = Datasets.load("synthetic:500,300,20000,5", "auto", null);
    assertThat(a.size()).isEqualTo(b.size());
    for (int r = 0; r < a.size(); r += 97) {
      assertThat(a.item(r)).isEqualTo(b.item(r));
      assertThat(a.time(r)).isEqualTo(b.time(r));
    }
    // Near the requested total; users capped at half the catalog lose a little.
    assertThat(a.size()).isBetween(17_000, 21_000);
    int[] count = new int[300];
    for (int r = 0; r < a.size(); r++) {
      count[a.item(r)]++;
    }
    java.util.Arrays.sort(count);
    long top30 = 0;
    for (int j = 270; j < 300; j++) {
      top30 += count[j];
    }
    // Power law: the top 10% of items take far more than 10% of interactions.
    assertThat((double) top30 / a.size()).isGreaterThan(0.3);
    assertThatThrownBy(() -> Datasets.load("synthetic:1,2", "auto", null))
        .hasMessageContaining("USERS,ITEMS,INTERACTIONS,SEED");
  }
}
