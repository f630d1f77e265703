package dev.heed.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.heed.core.ingest.InvalidInputException;
import java.time.Instant;

/**
 * The one Jackson configuration Heed uses everywhere: ISO-8601 instants on output, epoch
 * milliseconds or ISO-8601 on input, unknown properties rejected, nulls left out.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      builder()
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfig(
              LogicalType.Textual,
              c -> {
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                c.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
              })
          .build();

  /**
   * Like {@link #mapper()} but turning strings into numbers where numbers are due (config, CSV).
   */
  private static final ObjectMapper LENIENT = builder().build();

  private static JsonMapper.Builder builder() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .serializationInclusion(JsonInclude.Include.NON_NULL);
  }

  private Json() {}

  /**
   * Binds a JSON tree to a record, turning Jackson's type errors into a field-level {@link
   * InvalidInputException} ("categories: must be an array of strings").
   */
  public static <T> T bind(JsonNode node, Class<T> type) {
    return bind(MAPPER, node, type);
  }

  /**
   * {@link #bind} that accepts numbers and booleans written as strings, as in environment
   * variables.
   */
  public static <T> T bindLenient(JsonNode node, Class<T> type) {
    return bind(LENIENT, node, type);
  }

  private static <T> T bind(ObjectMapper mapper, JsonNode node, Class<T> type) {
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(
          "", "must be a JSON object, was " + (node == null ? "missing" : node.getNodeType()));
    }
    try {
      return mapper.treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidInputException(
          path(e),
          "unknown field; allowed: "
              + e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList());
    } catch (JsonMappingException e) {
      String expected = e.getOriginalMessage();
      if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
        expected = "must be " + describe(m.getTargetType());
      } else if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
        expected = "must be " + describe(f.getTargetType()) + ", was '" + f.getValue() + "'";
      }
      throw new InvalidInputException(path(e), expected);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("", e.getMessage());
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("", e.getOriginalMessage());
    }
  }

  private static String describe(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Instant.class) {
      return "an ISO-8601 instant like 2026-01-31T12:00:00Z or epoch milliseconds";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "a boolean";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (java.util.Map.class.isAssignableFrom(type)) {
      return "an object";
    }
    return "of type " + type.getSimpleName();
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** The shared, thread-safe mapper. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
