package dev.heed.server.cli;

import dev.heed.server.Heed;
import dev.heed.server.config.HeedConfig;
import dev.heed.server.http.HttpApi;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Start the API and the dashboard on the configured store; SQLite under ./heed-data by default.")
final class ServeCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--port", description = "Port to listen on (default 8080; 0 picks a free one).")
  Integer port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description = "Address to listen on (default 127.0.0.1).")
  String bind;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> overrides = new HashMap<>();
    if (port != null) {
      overrides.put("HEED_SERVER_PORT", port.toString());
    }
    if (bind != null) {
      overrides.put("HEED_SERVER_BIND", bind);
    }
    HeedConfig config = options.load(overrides);
    Heed heed = Heed.open(config);
    heed.ensureAdminKey(System.out);
    heed.feeds().start();
    heed.startFollowers();
    HttpApi api = new HttpApi(heed);
    int bound = api.start(config.server().bind(), config.server().port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  api.close();
                  heed.close();
                  stopped.countDown();
                },
                "heed-shutdown"));
    System.out.println(
        "Heed "
            + HeedCli.Version.version()
            + " listening on http://"
            + config.server().bind()
            + ":"
            + bound
            + " (store "
            + config.storeSettings().url()
            + "); dashboard at http://"
            + config.server().bind()
            + ":"
            + bound
            + "/");
    System.out.flush();
    stopped.await();
    return 0;
  }
}
