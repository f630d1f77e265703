package dev.heed.eval.data;

import java.util.Locale;

/** The interaction file formats Heed's evaluation reads. */
public enum DataFormat {
  /** MovieLens 100K {@code u.data}: user, item, rating, unix seconds; tab separated, no header. */
  ML100K("ml100k"),
  /** MovieLens 1M/10M {@code ratings.dat}: {@code user::item::rating::seconds}. */
  ML_DAT("ml-dat"),
  /** MovieLens 20M/25M/latest {@code ratings.csv}: header userId,movieId,rating,timestamp. */
  ML_CSV("ml-csv"),
  /** Last.fm HetRec {@code user_artists.dat}: header userID, artistID, weight; tab separated. */
  LASTFM("lastfm"),
  /** Generic: user,item[,weight][,timestamp]; comma or tab; header optional. */
  CSV("csv");

  public final String cliName;

  DataFormat(String cliName) {
    this.cliName = cliName;
  }

  public static DataFormat parse(String name) {
    for (DataFormat f : values()) {
      if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '" + name + "' (known: auto, ml100k, ml-dat, ml-csv, lastfm, csv)");
  }
}
