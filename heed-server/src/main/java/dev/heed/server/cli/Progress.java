package dev.heed.server.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar for long jobs on stderr: redrawn in place on a terminal, a line per tenth
 * otherwise (so logs of scripted runs stay short).
 */
public final class Progress implements AutoCloseable {
  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private long lastDraw;
  private int lastTenth = -1;
  private long done;
  private long items;

  public Progress(PrintStream out, String label, long total, boolean terminal) {
    this.out = out;
    this.label = label;
    this.total = Math.max(1, total);
    this.terminal = terminal;
  }

  /** Reports {@code done} units (bytes) of {@code total} and {@code items} records so far. */
  public void update(long done, long items) {
    this.done = Math.min(done, total);
    this.items = items;
    long now = System.nanoTime();
    int tenth = (int) (10 * this.done / total);
    if (terminal && now - lastDraw > 100_000_000L) {
      lastDraw = now;
      out.print("\r" + line());
      out.flush();
    } else if (!terminal && tenth > lastTenth) {
      lastTenth = tenth;
      out.println(line());
    }
  }

  private String line() {
    int width = 30;
    int filled = (int) (width * done / total);
    double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    return String.format(
        Locale.ROOT,
        "%s [%s%s] %3d%% %,d records, %,.0f/s",
        label,
        "#".repeat(filled),
        ".".repeat(width - filled),
        100 * done / total,
        items,
        items / seconds);
  }

  @Override
  public void close() {
    done = total;
    if (terminal) {
      out.print("\r" + line() + "\n");
    } else if (lastTenth < 10) {
      out.println(line());
    }
    out.flush();
  }

  /** One bar per stage of a training listener's reports ("events", then "iteration"s, ...). */
  public static final class Stages
      implements dev.heed.core.recommend.TrainingListener, AutoCloseable {
    private String stage;
    private Progress bar;

    @Override
    public synchronized void progress(String stage, int done, int total) {
      if (!stage.equals(this.stage)) {
        close();
        this.stage = stage;
        bar = new Progress(System.err, stage, total, System.console() != null);
      }
      bar.update(done, done);
    }

    @Override
    public synchronized void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }
}
