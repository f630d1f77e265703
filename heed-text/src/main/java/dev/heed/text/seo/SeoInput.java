package dev.heed.text.seo;

/**
 * What {@link SeoAnalyzer} reads: the SEO title, the meta description, the body text (plain,
 * Markdown or HTML), the focus keyphrase and the language ({@code zh} or {@code en}). Every field
 * but {@code text} may be null; a null language is detected.
 */
public record SeoInput(
    String title, String metaDescription, String text, String keyphrase, String language) {
  public SeoInput {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("text must not be blank");
    }
  }
}
