package dev.heed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a server with wrk (Debian package {@code wrk}); {@link #run} posts events, {@link
 * #runScript} runs any Lua script. Drives POST /v1/events with wrk (Debian package {@code wrk}), a
 * load generator in its own process, so the client's cost does not come out of the server's JVM.
 * The Lua script gives every event a unique id.
 */
final class WrkLoad {
  /** What wrk measured. */
  record Measured(long requests, double seconds, double p50Ms, double p99Ms, long errors) {}

  private static final String SCRIPT =
      """
      local counter = 0
      local threads = 0
      local tag = "x"
      local batch = 1
      local pause = 0
      setup = function(thread)
        thread:set("tid", threads)
        threads = threads + 1
      end
      init = function(args)
        tag = args[1]
        batch = tonumber(args[2])
        pause = tonumber(args[3])
      end
      PACED_DELAY
      local function event(n)
        return string.format('{"id":"w-%s-%d-%d","kind":"click","userId":"u%d","itemId":"i%d","timestamp":%d}',
          tag, tid, n, n % 10007, n % 20011, 1767225600000 + n)
      end
      request = function()
        local body
        if batch == 1 then
          counter = counter + 1
          body = event(counter)
        else
          local parts = {}
          for i = 1, batch do
            counter = counter + 1
            parts[i] = event(counter)
          end
          body = "[" .. table.concat(parts, ",") .. "]"
        end
        return wrk.format("POST", "/v1/events",
          {["Authorization"] = "Bearer KEY", ["Content-Type"] = "application/json"}, body)
      end
      """;

  /**
   * The Lua {@code delay} of a paced script: wrk waits whole milliseconds, so a fractional {@code
   * pause} is rounded up or down at random in proportion, which keeps its mean. With 32 connections
   * at 5,000 requests/s a connection's cycle is 6.4 ms, and rounding the pause to a whole
   * millisecond moved the rate by up to a fifth.
   */
  static final String PACED_DELAY =
      """
      delay = function()
          local whole = math.floor(pause)
          if math.random() < pause - whole then
            return whole + 1
          end
          return whole
        end""";

  /** Measures requests/s of a paced run with the given pause in milliseconds. */
  interface Probe {
    double requestsPerSecond(double pauseMs) throws Exception;
  }

  /**
   * The pause after each response that paces {@code connections} at about {@code rate} requests/s
   * in all. A connection's cycle is pause + response time, and the response time depends on the
   * pace, so two short probe runs measure it at the current guess and correct the pause for it.
   */
  static double calibratePause(int connections, double rate, Probe probe) throws Exception {
    double cycleMs = 1000.0 * connections / rate;
    double pause = cycleMs;
    for (int round = 0; round < 2; round++) {
      double measured = probe.requestsPerSecond(pause);
      double latencyMs = Math.max(0, 1000.0 * connections / measured - pause);
      pause = Math.max(0, cycleMs - latencyMs);
    }
    return pause;
  }

  private WrkLoad() {}

  static boolean available() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "wrk"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs wrk for {@code seconds}. With {@code delayMs > 0} each connection waits that long on
   * average after a response before its next request.
   */
  static Measured run(
      String base, String key, String tag, int batch, int connections, int seconds, double delayMs)
      throws IOException, InterruptedException {
    return runScript(
        base,
        SCRIPT.replace("KEY", key).replace("PACED_DELAY", PACED_DELAY),
        connections,
        seconds,
        List.of(tag, Integer.toString(batch), String.format(Locale.ROOT, "%.3f", delayMs)));
  }

  /** Runs wrk with a Lua {@code script}, passing {@code args} to its {@code init}. */
  static Measured runScript(
      String base, String luaScript, int connections, int seconds, List<String> args)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile("heed-wrk-", ".lua");
    try {
      Files.writeString(script, luaScript);
      List<String> command = new java.util.ArrayList<>();
      command.addAll(
          List.of(
              "wrk",
              "-t2",
              "-c" + connections,
              "-d" + seconds + "s",
              "--timeout",
              "10s",
              "--latency",
              "-s",
              script.toString(),
              base,
              "--"));
      command.addAll(args);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("wrk failed: " + out);
      }
      long requests = Long.parseLong(group(out, "(\\d+) requests in"));
      double elapsed = Double.parseDouble(group(out, "requests in ([\\d.]+)s"));
      long errors = 0;
      Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
      if (non2xx.find()) {
        errors += Long.parseLong(non2xx.group(1));
      }
      Matcher socket =
          Pattern.compile(
                  "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
              .matcher(out);
      if (socket.find()) {
        for (int g = 1; g <= 4; g++) {
          errors += Long.parseLong(socket.group(g));
        }
      }
      return new Measured(
          requests,
          elapsed,
          millis(group(out, "(?m)^\\s+50%\\s+(\\S+)")),
          millis(group(out, "(?m)^\\s+99%\\s+(\\S+)")),
          errors);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private static String group(String out, String regex) throws IOException {
    Matcher m = Pattern.compile(regex).matcher(out);
    if (!m.find()) {
      throw new IOException("unexpected wrk output (no " + regex + "):\n" + out);
    }
    return m.group(1);
  }

  /** wrk prints latencies as 812.00us, 2.69ms or 1.20s. */
  static double millis(String s) {
    if (s.endsWith("us")) {
      return Double.parseDouble(s.substring(0, s.length() - 2)) / 1000;
    }
    if (s.endsWith("ms")) {
      return Double.parseDouble(s.substring(0, s.length() - 2));
    }
    if (s.endsWith("s")) {
      return Double.parseDouble(s.substring(0, s.length() - 1)) * 1000;
    }
    throw new IllegalArgumentException("not a wrk latency: " + s);
  }
}
