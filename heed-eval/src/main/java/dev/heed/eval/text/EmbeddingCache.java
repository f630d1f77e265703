package dev.heed.eval.text;

import dev.heed.text.embed.TextEmbedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Embeds texts in batches with progress, remembering vectors in an append-only file per model
 * (keyed by the SHA-256 of the text) so that repeated evaluations embed each text once.
 */
public final class EmbeddingCache {
  private static final int BATCH = 64;

  private final TextEmbedder embedder;
  private final Path file;
  private final Map<String, float[]> vectors = new HashMap<>();

  /** A cache in {@code dir} (null: no file, embed every time). */
  public EmbeddingCache(TextEmbedder embedder, Path dir) {
    this.embedder = embedder;
    this.file = dir == null ? null : dir.resolve(embedder.name() + ".vectors");
    if (file != null && Files.exists(file)) {
      read();
    }
  }

  /** The vectors of {@code texts}, in order; {@code progress} gets the count done so far. */
  public List<float[]> embed(List<String> texts, IntConsumer progress) {
    List<String> keys = texts.stream().map(EmbeddingCache::key).toList();
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      if (!vectors.containsKey(keys.get(i))) {
        missing.add(i);
      }
    }
    int done = texts.size() - missing.size();
    progress.accept(done);
    try (DataOutputStream out = file == null ? null : append()) {
      for (int from = 0; from < missing.size(); from += BATCH) {
        List<Integer> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
        List<float[]> made = embedder.embed(batch.stream().map(texts::get).toList());
        for (int b = 0; b < batch.size(); b++) {
          String key = keys.get(batch.get(b));
          vectors.put(key, made.get(b));
          if (out != null) {
            out.write(HexFormat.of().parseHex(key));
            for (float x : made.get(b)) {
              out.writeFloat(x);
            }
          }
        }
        done += batch.size();
        progress.accept(done);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys.stream().map(vectors::get).toList();
  }

  private DataOutputStream append() throws IOException {
    Files.createDirectories(file.getParent());
    OutputStream raw =
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
  }

  private void read() {
    int d = embedder.dimension();
    long record = 32 + 4L * d;
    try {
      long size = Files.size(file);
      if (size % record != 0) {
        // A run killed mid-write leaves a torn last record: cut it so appends stay aligned.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(size - size % record);
        }
      }
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        byte[] hash = new byte[32];
        for (long r = size / record; r > 0; r--) {
          in.readFully(hash);
          float[] v = new float[d];
          for (int j = 0; j < d; j++) {
            v[j] = in.readFloat();
          }
          vectors.put(HexFormat.of().formatHex(hash), v);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  static String key(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
