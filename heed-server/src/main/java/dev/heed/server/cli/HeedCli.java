package dev.heed.server.cli;

import dev.heed.server.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code heed} command line: {@code ./heed <command>}. */
@Command(
    name = "heed",
    mixinStandardHelpOptions = true,
    versionProvider = HeedCli.Version.class,
    description = "Heed, a self-hosted attention engine.",
    subcommands = {
      ServeCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      TuneCommand.class,
      SimulateCommand.class,
      RollupsCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class HeedCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (for tests and main). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new HeedCli());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof ConfigException
              || e instanceof IllegalArgumentException
              || e instanceof IOException
              || e instanceof java.io.UncheckedIOException) {
            cmd.getErr().println("heed: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cli.execute(args);
  }

  /** The version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"heed " + version()};
    }

    static String version() {
      try (InputStream in =
          HeedCli.class.getResourceAsStream("/dev/heed/server/version.properties")) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      } catch (IOException | NullPointerException e) {
        return "unknown";
      }
    }
  }
}
