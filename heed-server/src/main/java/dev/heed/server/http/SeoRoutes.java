package dev.heed.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.api.store.ApiKey.Scope;
import dev.heed.core.ingest.FieldError;
import dev.heed.core.ingest.InvalidInputException;
import dev.heed.server.Heed;
import dev.heed.text.seo.SeoAnalyzer;
import dev.heed.text.seo.SeoInput;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** POST /v1/seo: the SEO and readability report of one text. */
final class SeoRoutes {
  /** Longest title, meta description or keyphrase. */
  static final int MAX_FIELD_CHARS = 1_000;

  private static final Set<String> FIELDS =
      Set.of("title", "meta", "text", "keyphrase", "language");

  private final Heed heed;
  private final HttpApi http;
  private final SeoAnalyzer analyzer = new SeoAnalyzer();

  SeoRoutes(Heed heed, HttpApi http) {
    this.heed = heed;
    this.http = http;
  }

  void register() {
    http.route(HandlerType.POST, "/v1/seo", Scope.READ, this::seo);
  }

  private void seo(Context ctx) {
    JsonNode body = http.withJsonBody(ctx, b -> b);
    SeoInput input = input(body);
    String language = analyzer.language(input);
    if (!SeoAnalyzer.LANGUAGES.contains(language)) {
      throw new InvalidInputException(
          "language",
          "the text reads as '"
              + language
              + "'; SEO checks exist for en and zh: pass language to choose one");
    }
    ctx.json(
        analyzer.analyze(
            new SeoInput(
                input.title(),
                input.metaDescription(),
                input.text(),
                input.keyphrase(),
                language)));
  }

  private SeoInput input(JsonNode node) {
    if (!node.isObject()) {
      throw new InvalidInputException("", "must be a JSON object with a text");
    }
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        errors.add(
            new FieldError(name, "unknown field; known: title, meta, text, keyphrase, language"));
      }
    }
    int maxText = heed.config().ingest().limits().maxBodyChars();
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual()) {
      errors.add(new FieldError("text", "is required and must be a string"));
    } else if (text.asText().isBlank()) {
      errors.add(new FieldError("text", "must not be blank"));
    } else if (text.asText().length() > maxText) {
      errors.add(
          new FieldError(
              "text", "is longer than " + maxText + " characters (ingest.maxBodyChars)"));
    }
    String title = optional(node, "title", errors);
    String meta = optional(node, "meta", errors);
    String keyphrase = optional(node, "keyphrase", errors);
    String language = null;
    JsonNode lang = node.get("language");
    if (lang != null && !lang.isNull()) {
      if (!lang.isTextual() || !SeoAnalyzer.LANGUAGES.contains(lang.asText())) {
        errors.add(new FieldError("language", "must be en or zh (absent: detected)"));
      } else {
        language = lang.asText();
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new SeoInput(title, meta, text.asText(), keyphrase, language);
  }

  private static String optional(JsonNode node, String field, List<FieldError> errors) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    if (v.asText().length() > MAX_FIELD_CHARS) {
      errors.add(new FieldError(field, "is longer than " + MAX_FIELD_CHARS + " characters"));
      return null;
    }
    return v.asText();
  }
}
