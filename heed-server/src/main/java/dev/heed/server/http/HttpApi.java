package dev.heed.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.heed.api.store.ApiKey;
import dev.heed.core.ingest.FieldError;
import dev.heed.core.ingest.InvalidInputException;
import dev.heed.core.ingest.QueueFullException;
import dev.heed.core.json.Json;
import dev.heed.server.Heed;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: a thin layer of lambdas that authenticate, read bounded bodies, call the engine and
 * render results or RFC 7807 problems. Requests run on virtual threads.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  private final Heed heed;
  private final Javalin app;
  private final List<Route> routes = new ArrayList<>();
  private final Semaphore inflightBytes;
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final byte[] openApi;

  public HttpApi(Heed heed) {
    this.heed = heed;
    long maxInflight = Math.min(Integer.MAX_VALUE, heed.config().server().maxInflightBytes());
    this.inflightBytes = new Semaphore((int) maxInflight);
    this.openApi = resource("openapi.json");
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    Gauge.builder("heed_ingest_queued_events", heed.ingest(), q -> q.queued())
        .description("events accepted but not yet committed")
        .register(metrics);
    Gauge.builder("heed_store_backlog_events", heed.store(), s -> s.backlog())
        .description("events stored but not yet in the store's user and item indexes")
        .register(metrics);
    this.app =
        Javalin.create(
            cfg -> {
              cfg.useVirtualThreads = true;
              cfg.showJavalinBanner = false;
              cfg.startupWatcherEnabled = false;
              cfg.http.maxRequestSize = heed.config().server().maxRequestBytes();
              cfg.http.prefer405over404 = true;
              cfg.jsonMapper(new JavalinJackson(Json.mapper(), true));
              cfg.requestLogger.http(this::recordRequest);
              Dashboard.configure(cfg);
            });
    app.before(Dashboard::securityHeaders);
    app.exception(Exception.class, this::renderException);
    for (int status : new int[] {400, 404, 405, 413, 500}) {
      // Javalin's own errors (no such route, body too large) become problem documents too.
      app.error(
          status,
          ctx -> {
            if (!Problem.CONTENT_TYPE.equals(ctx.res().getContentType())) {
              renderException(new HttpResponseException(status, ""), ctx);
            }
          });
    }
    new ApiRoutes(heed, this).register();
    new FeedRoutes(heed, this).register();
    new VariantRoutes(heed, this).register();
    new AnalyzeRoutes(heed, this).register();
    new SeoRoutes(heed, this).register();
    new ExperimentRoutes(heed, this).register();
    new MetricsRoutes(heed, this).register();
    new MonitorRoutes(heed.monitor(), heed.config().ingest().limits().maxTextChars(), this)
        .register();
    route(HandlerType.GET, "/health", null, ctx -> ctx.json(java.util.Map.of("status", "ok")));
    route(HandlerType.GET, "/ready", null, this::ready);
    route(
        HandlerType.GET,
        "/metrics",
        ApiKey.Scope.READ,
        ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
    route(
        HandlerType.GET,
        "/openapi.json",
        ApiKey.Scope.READ,
        ctx -> ctx.contentType("application/json").result(openApi));
  }

  /** Starts listening; returns the bound port (useful with port 0). */
  public int start(String bind, int port) {
    app.start(bind, port);
    return app.port();
  }

  public int port() {
    return app.port();
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** Registers a route whose handler runs only for a key with {@code scope} (null: anyone). */
  void route(HandlerType method, String path, ApiKey.Scope scope, Handler handler) {
    routes.add(new Route(method.name(), path, scope));
    app.addHttpHandler(
        method,
        path,
        ctx -> {
          if (scope != null) {
            authorize(ctx, scope);
          }
          handler.handle(ctx);
        });
  }

  private void authorize(Context ctx, ApiKey.Scope scope) {
    String token = null;
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = auth.substring(7).trim();
    } else if (ctx.header("X-API-Key") != null) {
      token = ctx.header("X-API-Key").trim();
    }
    if (token == null || token.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"heed\"");
      throw new ProblemException(
          401,
          "unauthorized",
          "an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
    }
    Optional<ApiKey> key = heed.apiKeys().authenticate(token);
    if (key.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"heed\", error=\"invalid_token\"");
      throw new ProblemException(401, "unauthorized", "the API key is not valid");
    }
    if (!key.get().allows(scope)) {
      throw new ProblemException(
          403,
          "forbidden",
          "this key's scopes "
              + key.get().scopes().stream().map(ApiKey.Scope::wireName).sorted().toList()
              + " do not include '"
              + scope.wireName()
              + "'");
    }
  }

  /**
   * Reads the request body as JSON, holding at most {@code server.maxRequestBytes} of it and
   * counting it against the in-flight budget while {@code work} runs.
   */
  <T> T withJsonBody(Context ctx, java.util.function.Function<JsonNode, T> work) {
    long max = heed.config().server().maxRequestBytes();
    long declared = ctx.req().getContentLengthLong();
    if (declared > max) {
      throw tooLarge(max);
    }
    int permits = (int) (declared >= 0 ? Math.max(1, declared) : max);
    if (!inflightBytes.tryAcquire(permits)) {
      ctx.header("Retry-After", "1");
      throw new ProblemException(
          429, "overloaded", "too many request bodies in flight; retry shortly");
    }
    try {
      byte[] body;
      try (InputStream in = ctx.req().getInputStream()) {
        body = in.readNBytes((int) max + 1);
      } catch (IOException e) {
        throw new ProblemException(
            400, "malformed-request", "could not read the request body: " + e.getMessage());
      }
      if (body.length > max) {
        throw tooLarge(max);
      }
      if (body.length == 0) {
        throw new ProblemException(
            400, "malformed-json", "the request body is empty; a JSON document is required");
      }
      JsonNode node;
      try {
        node = Json.mapper().readTree(body);
      } catch (JsonProcessingException e) {
        var loc = e.getLocation();
        throw new ProblemException(
            400,
            "malformed-json",
            "the body is not valid JSON"
                + (loc == null
                    ? ""
                    : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")")
                + ": "
                + e.getOriginalMessage());
      } catch (IOException e) {
        throw new ProblemException(
            400, "malformed-json", "the body is not valid JSON: " + e.getMessage());
      }
      return work.apply(node);
    } finally {
      inflightBytes.release(permits);
    }
  }

  private static ProblemException tooLarge(long max) {
    return new ProblemException(
        413, "too-large", "the request body exceeds " + max + " bytes (server.maxRequestBytes)");
  }

  private void ready(Context ctx) {
    try {
      heed.store().items().page(null, 1);
      ctx.json(java.util.Map.of("status", "ready"));
    } catch (RuntimeException e) {
      throw new ProblemException(
          503, "unavailable", "the store is not reachable: " + e.getMessage());
    }
  }

  private void renderException(Exception e, Context ctx) {
    Problem p =
        switch (e) {
          case ProblemException pe ->
              problem(ctx, pe.status(), pe.type(), pe.getMessage(), pe.errors());
          case InvalidInputException ie ->
              problem(
                  ctx,
                  400,
                  "invalid-input",
                  "the input is invalid: " + ie.getMessage(),
                  ie.errors());
          case QueueFullException qe -> {
            ctx.header("Retry-After", "1");
            yield problem(ctx, 429, "ingest-queue-full", qe.getMessage(), List.of());
          }
          case HttpResponseException he ->
              problem(ctx, he.getStatus(), typeFor(he.getStatus()), detailFor(ctx, he), List.of());
          default -> {
            boolean store = e.getClass().getSimpleName().equals("StoreException");
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            yield store
                ? problem(
                    ctx, 503, "store-unavailable", "the store failed: " + e.getMessage(), List.of())
                : problem(
                    ctx,
                    500,
                    "internal-error",
                    "an internal error occurred; see the server log",
                    List.of());
          }
        };
    try {
      ctx.status(p.status())
          .contentType(Problem.CONTENT_TYPE)
          .result(Json.mapper().writeValueAsBytes(p));
    } catch (JsonProcessingException ex) {
      ctx.status(500).result("internal error");
    }
  }

  private static String detailFor(Context ctx, HttpResponseException he) {
    return switch (he.getStatus()) {
      case 404 -> "no route " + ctx.method() + " " + ctx.path() + " (see /openapi.json)";
      case 405 -> "method " + ctx.method() + " is not allowed on " + ctx.path();
      case 413 -> "the request body is too large";
      default -> he.getMessage();
    };
  }

  private static String typeFor(int status) {
    return switch (status) {
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 413 -> "too-large";
      default -> status >= 500 ? "internal-error" : "bad-request";
    };
  }

  private static Problem problem(
      Context ctx, int status, String type, String detail, List<FieldError> errors) {
    String title =
        switch (status) {
          case 400 -> "Bad Request";
          case 401 -> "Unauthorized";
          case 403 -> "Forbidden";
          case 404 -> "Not Found";
          case 405 -> "Method Not Allowed";
          case 409 -> "Conflict";
          case 413 -> "Content Too Large";
          case 429 -> "Too Many Requests";
          case 503 -> "Service Unavailable";
          default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    return new Problem(
        "/problems/" + type, title, status, detail, ctx.path(), errors.isEmpty() ? null : errors);
  }

  private void recordRequest(Context ctx, Float ms) {
    String path;
    try {
      path = ctx.endpointHandlerPath();
    } catch (RuntimeException e) {
      path = null; // no route matched
    }
    Timer.builder("http_server_requests")
        .tag("method", ctx.method().name())
        .tag("route", path == null || path.isEmpty() ? "unmatched" : path)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(metrics)
        .record(Duration.ofNanos((long) (ms * 1_000_000)));
  }

  Counter counter(String name, String... tags) {
    return Counter.builder(name).tags(tags).register(metrics);
  }

  private static byte[] resource(String name) {
    try (InputStream in = HttpApi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
