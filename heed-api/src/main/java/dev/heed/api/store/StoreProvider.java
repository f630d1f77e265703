package dev.heed.api.store;

/**
 * Opens a {@link Store} for a URL it recognises ({@code memory:}, {@code jdbc:sqlite:...}, {@code
 * jdbc:postgresql://...}). Registered through {@link java.util.ServiceLoader}.
 */
public interface StoreProvider {
  boolean accepts(String url);

  Store open(StoreSettings settings);
}
