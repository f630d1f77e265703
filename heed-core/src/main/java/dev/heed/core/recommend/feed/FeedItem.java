package dev.heed.core.recommend.feed;

/**
 * One recommended item: its score within its source, the source ("personalized", "trending",
 * "popular", "latest", "similar"), and, when asked for, why it is there ({@code because} is the id
 * of the item that led to it, if any).
 */
public record FeedItem(
    String id, String title, double score, String source, String explanation, String because) {}
