package dev.heed.spark;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session Heed trains on: one per JVM, made on first use for a master URL ({@code
 * local[*]}, {@code spark://host:7077}, {@code yarn}, ...) and stopped by {@link #stop()}.
 */
public final class SparkRuntime {
  static {
    quietLogs();
  }

  private SparkRuntime() {}

  /**
   * Spark and Hadoop log every stage at INFO through slf4j-simple; keep their warnings only (system
   * properties win over simplelogger.properties and apply to loggers made from now on).
   */
  public static void quietLogs() {
    for (String name :
        new String[] {"org.apache.spark", "org.apache.hadoop", "org.sparkproject", "io.netty"}) {
      System.setProperty("org.slf4j.simpleLogger.log." + name, "warn");
    }
    // "Your hostname resolves to a loopback address": local masters bind to loopback anyway.
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.spark.util.Utils", "error");
    // Without native BLAS/Hadoop libraries (none are installed here) Spark and Hadoop use their
    // pure-Java code and warn about it on every start; nothing to act on.
    System.setProperty("org.slf4j.simpleLogger.log.dev.ludovic.netlib", "error");
    System.setProperty(
        "org.slf4j.simpleLogger.log.org.apache.hadoop.util.NativeCodeLoader", "error");
  }

  /** The running session, or a new one on {@code master}. */
  public static synchronized SparkSession session(String master) {
    SparkSession.Builder b =
        SparkSession.builder()
            .master(master)
            .appName("heed-spark")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false");
    if (master.startsWith("local")) {
      // Everything runs in this JVM: bind to loopback instead of the machine's first interface.
      b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
    } else {
      // Executors elsewhere need this module's classes (the row-making function) to run tasks.
      String jar = ownJar();
      if (jar != null) {
        b.config("spark.jars", jar);
      }
    }
    return b.getOrCreate();
  }

  /** Stops the session, if one runs. */
  public static synchronized void stop() {
    SparkSession.getActiveSession().foreach(s -> stopped(s));
    SparkSession.getDefaultSession().foreach(s -> stopped(s));
  }

  private static Object stopped(SparkSession s) {
    s.stop();
    return null;
  }

  /** The jar this class was loaded from, or null when run from a classes directory. */
  private static String ownJar() {
    try {
      Path p =
          Path.of(SparkRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return p.toString().endsWith(".jar") ? p.toString() : null;
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
  }
}
