package dev.heed.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./heed bench <benchmark>}: benchmarks that print their figures and can write them to docs.
 */
@Command(
    name = "heed bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks. Each prints a table (or JSON with --json) and can record its figures in docs/benchmarks.md.",
    subcommands = {
      IngestBench.class,
      ServeBench.class,
      AlsBench.class,
      CrashBench.class,
      TextBench.class,
      RollupsBench.class,
      CommandLine.HelpCommand.class
    })
public final class BenchCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCli()).execute(args));
  }
}
