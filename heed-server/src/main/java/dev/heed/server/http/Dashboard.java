package dev.heed.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The web dashboard: static files from the jar at {@code /} (no build step), uPlot from its WebJar,
 * and the security headers every response carries. The pages hold no data: they call the API with
 * the key the user logs in with, so the same scopes apply.
 */
final class Dashboard {
  /**
   * Scripts, styles and connections from this origin only; no inline script or style, no framing.
   * The pages build every element with textContent, so data never becomes markup.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy", CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer",
          "X-Frame-Options", "DENY");

  private static final String WEB = "/dev/heed/server/web";
  private static final String UPLOT = "/META-INF/resources/webjars/uplot/";

  private Dashboard() {}

  static void configure(JavalinConfig cfg) {
    cfg.staticFiles.add(
        sf -> {
          sf.hostedPath = "/";
          sf.directory = WEB;
          sf.location = Location.CLASSPATH;
          sf.headers = SECURITY_HEADERS;
        });
    // A fixed path for the chart library, whatever its version in the pom.
    cfg.staticFiles.add(
        sf -> {
          sf.hostedPath = "/assets/vendor/uplot";
          sf.directory = UPLOT + uplotVersion();
          sf.location = Location.CLASSPATH;
          sf.headers = SECURITY_HEADERS;
        });
  }

  static void securityHeaders(Context ctx) {
    SECURITY_HEADERS.forEach(ctx::header);
  }

  private static String uplotVersion() {
    String props = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";
    try (InputStream in = Dashboard.class.getResourceAsStream(props)) {
      if (in == null) {
        throw new IllegalStateException(
            "the uPlot WebJar is not on the class path (" + props + ")");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
