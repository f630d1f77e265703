package dev.heed.eval.split;

/**
 * What a (user, item) pair weighs in the training matrix: {@code binary} 1 for every pair (the
 * default: every rating or play is a positive interaction), or {@code raw} the sum of its weights
 * (ratings or play counts), for algorithms that turn weights into confidence.
 */
public enum Weighting {
  BINARY,
  RAW;

  public static Weighting parse(String s) {
    return switch (s) {
      case "binary" -> BINARY;
      case "raw" -> RAW;
      default -> throw new IllegalArgumentException("weights must be binary or raw, not " + s);
    };
  }
}
