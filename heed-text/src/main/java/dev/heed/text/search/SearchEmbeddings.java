package dev.heed.text.search;

import dev.heed.text.embed.BgeEmbedder;

/**
 * Which embedding model the catalog search uses for what. Every item carries the item embedding
 * (bge-small-zh-v1.5, Chinese and English); English items also carry a bge-small-en-v1.5 vector,
 * because bge-small-zh ranks English passages far worse (docs/evaluation.md, search). A query
 * without a Han character is matched against those English vectors when the index has any;
 * otherwise, and for Chinese queries, against the item embeddings. Queries get their model's
 * instruction ({@link BgeEmbedder#searchQueryInstruction}); items are embedded without it.
 */
public final class SearchEmbeddings {
  private SearchEmbeddings() {}

  /**
   * Whether an item in {@code language} ({@code en}, or a tag such as {@code en-US}) also gets an
   * English vector.
   */
  public static boolean hasEnglishVector(String language) {
    return language != null
        && (language.equalsIgnoreCase("en")
            || language.toLowerCase(java.util.Locale.ROOT).startsWith("en-"));
  }

  /** The English model, for the English vectors of items and queries. */
  public static BgeEmbedder englishModel() {
    return BgeEmbedder.smallEn();
  }

  /**
   * The space {@code query} is matched in: {@link SearchIndex.Space#ENGLISH} for a query without a
   * Han character when the index has English vectors, else {@link SearchIndex.Space#ALL}.
   */
  public static SearchIndex.Space space(String query, boolean indexHasEnglishVectors) {
    return indexHasEnglishVectors && !BgeEmbedder.hasHan(query)
        ? SearchIndex.Space.ENGLISH
        : SearchIndex.Space.ALL;
  }
}
