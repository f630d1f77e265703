package dev.heed.eval.text;

/**
 * The text evaluations' split, defined exactly so that other tools can reproduce it on identical
 * rows: Fisher-Yates over 0..n-1 (i from n-1 down to 1, j = next() mod (i+1) unsigned) driven by
 * SplitMix64 seeded with the seed; test = perm[floor(0.8 n):]; fold k of 5 tests on perm[floor(k
 * n/5) : floor((k+1) n/5)].
 */
public final class SeededPermutation {
  private SeededPermutation() {}

  /** The permutation of 0..n-1 for a seed. */
  public static int[] of(int n, long seed) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplitMix64 random = new SplitMix64(seed);
    for (int i = n - 1; i >= 1; i--) {
      int j = (int) Long.remainderUnsigned(random.next(), i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return perm;
  }

  /** Vigna's SplitMix64, the generator the split is defined with. */
  static final class SplitMix64 {
    private long s;

    SplitMix64(long seed) {
      this.s = seed;
    }

    long next() {
      s += 0x9E3779B97F4A7C15L;
      long z = s;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
