package dev.heed.core.recommend.feed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Snapshots on disk, so a restarted server (or another replica sharing the directory) serves at
 * once. Java serialization of Heed's own model classes, read back through a filter that admits only
 * those classes, arrays and the JDK collections they use; the file is written to a temporary name
 * and moved into place, so readers never see half a snapshot.
 */
public final class SnapshotFiles {
  public static final String FILE = "feed-snapshot.bin";
  private static final String FORMAT = "heed-feed-snapshot-2";
  private static final ObjectInputFilter FILTER =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=20;dev.heed.core.recommend.**;java.lang.*;java.util.*;java.util.ImmutableCollections$*;"
              + "java.util.CollSer;[*;!*");

  private SnapshotFiles() {}

  public static void save(FeedSnapshot snapshot, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, FILE, ".tmp");
    try {
      try (OutputStream raw = Files.newOutputStream(tmp);
          ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
        out.writeUTF(FORMAT);
        out.writeObject(snapshot);
      }
      Files.move(
          tmp,
          dir.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The snapshot in {@code dir}, or null when there is none. */
  public static FeedSnapshot load(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (InputStream raw = Files.newInputStream(file);
        ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(raw, 1 << 16))) {
      in.setObjectInputFilter(FILTER);
      String format = in.readUTF();
      if (!format.equals(FORMAT)) {
        throw new IOException(file + " is a " + format + ", not a " + FORMAT);
      }
      return (FeedSnapshot) in.readObject();
    } catch (ClassNotFoundException | InvalidClassException | ClassCastException e) {
      throw new IOException(
          file + " is not a snapshot this version can read: " + e.getMessage(), e);
    }
  }

  /** Deletes the snapshot in {@code dir}, if any. */
  public static void delete(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(FILE));
  }

  /** When the snapshot file was last written, or -1. */
  public static long modified(Path dir) {
    try {
      return Files.getLastModifiedTime(dir.resolve(FILE)).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }
}
