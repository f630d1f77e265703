package dev.heed.core.store;

import dev.heed.api.store.Store;
import dev.heed.api.store.StoreProvider;
import dev.heed.api.store.StoreSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link StoreProvider} for a URL through {@link ServiceLoader}. */
public final class Stores {
  private Stores() {}

  public static Store open(StoreSettings settings) {
    List<String> known = new ArrayList<>();
    for (StoreProvider p : ServiceLoader.load(StoreProvider.class)) {
      if (p.accepts(settings.url())) {
        return p.open(settings);
      }
      known.add(p.getClass().getSimpleName());
    }
    throw new IllegalArgumentException(
        "no store accepts the URL '"
            + settings.url()
            + "' (expected memory:, jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB; providers on the class path: "
            + known
            + ")");
  }
}
