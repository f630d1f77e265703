package dev.heed.server.cli;

import picocli.CommandLine.Command;

@Command(name = "version", description = "Print Heed's version.")
final class VersionCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("heed " + HeedCli.Version.version());
  }
}
