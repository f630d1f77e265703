package dev.heed.text.analyze;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.heed.text.keywords.Keyword;
import java.util.List;

/**
 * What the pipeline found in a text; a field is null when its task was not asked for. The embedding
 * is the model's unit vector (named by {@code embedder}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextAnalysis(
    String language,
    List<Keyword> keywords,
    List<String> summary,
    Sentiment sentiment,
    List<Topic> topics,
    List<Entity> entities,
    String embedder,
    float[] embedding) {}
