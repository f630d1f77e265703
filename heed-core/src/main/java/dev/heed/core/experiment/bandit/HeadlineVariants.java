package dev.heed.core.experiment.bandit;

import dev.heed.api.Item;
import dev.heed.core.ingest.FieldError;
import dev.heed.core.ingest.Validation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An item's headline/thumbnail variants, kept in its attribute {@value #ATTRIBUTE}: a list of 2 to
 * {@value #MAX} objects {@code {"name": id, "title": text, "thumbnail": url}} (thumbnail optional).
 * The feed shows one of them per impression, chosen by Thompson sampling on each variant's clicks.
 */
public final class HeadlineVariants {
  public static final String ATTRIBUTE = "variants";
  public static final int MAX = 16;
  static final int MAX_TITLE_CHARS = 1_000;
  static final int MAX_THUMBNAIL_CHARS = 2_048;

  private HeadlineVariants() {}

  /** One variant of an item. */
  public record Variant(String name, String title, String thumbnail) {
    /** As stored in the item's attribute. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("title", title);
      if (thumbnail != null) {
        m.put("thumbnail", thumbnail);
      }
      return m;
    }
  }

  /**
   * The item's variants; empty when it has none (or a malformed attribute, which writes reject).
   */
  public static List<Variant> of(Item item) {
    Object value = item.attributes().get(ATTRIBUTE);
    if (value == null || !check(value).isEmpty()) {
      return List.of();
    }
    List<Variant> out = new ArrayList<>();
    for (Object o : (List<?>) value) {
      Map<?, ?> m = (Map<?, ?>) o;
      out.add(
          new Variant(
              (String) m.get("name"), (String) m.get("title"), (String) m.get("thumbnail")));
    }
    return List.copyOf(out);
  }

  /** What is wrong with a value of the attribute (fields relative to it, e.g. "[1].name"). */
  public static List<FieldError> check(Object value) {
    List<FieldError> errors = new ArrayList<>();
    if (!(value instanceof List<?> list)) {
      errors.add(new FieldError("", "must be a list of variants {\"name\",\"title\"}"));
      return errors;
    }
    if (!list.isEmpty() && (list.size() < 2 || list.size() > MAX)) {
      errors.add(new FieldError("", "must hold 2 to " + MAX + " variants (or none)"));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        errors.add(new FieldError(at, "must be an object {\"name\",\"title\",\"thumbnail\"}"));
        continue;
      }
      for (Object key : m.keySet()) {
        if (!Set.of("name", "title", "thumbnail").contains(key)) {
          errors.add(new FieldError(at + "." + key, "is not a variant field"));
        }
      }
      Object name = m.get("name");
      if (!(name instanceof String s) || !Validation.validId(s)) {
        errors.add(new FieldError(at + ".name", "must be an id (letters, digits, _.:@-)"));
      } else if (!names.add(s)) {
        errors.add(new FieldError(at + ".name", "repeats the variant '" + s + "'"));
      }
      Object title = m.get("title");
      if (!(title instanceof String s) || s.isBlank() || s.length() > MAX_TITLE_CHARS) {
        errors.add(
            new FieldError(
                at + ".title", "must be a non-empty string of at most " + MAX_TITLE_CHARS));
      }
      Object thumbnail = m.get("thumbnail");
      if (thumbnail != null
          && (!(thumbnail instanceof String s)
              || s.isBlank()
              || s.length() > MAX_THUMBNAIL_CHARS)) {
        errors.add(
            new FieldError(
                at + ".thumbnail", "must be a string of at most " + MAX_THUMBNAIL_CHARS));
      }
    }
    return errors;
  }
}
