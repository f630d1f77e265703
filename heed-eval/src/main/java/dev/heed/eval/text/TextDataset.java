package dev.heed.eval.text;

import dev.heed.text.classify.LabeledText;
import java.util.List;

/**
 * Labeled texts read from a file, with blank texts dropped and file order kept; {@code test} is the
 * data set's official test split when it has one (SST-2's dev set), else null.
 */
public record TextDataset(String name, List<LabeledText> rows, List<LabeledText> test) {
  public TextDataset {
    rows = List.copyOf(rows);
    test = test == null ? null : List.copyOf(test);
  }
}
