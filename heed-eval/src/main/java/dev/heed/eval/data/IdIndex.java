package dev.heed.eval.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dense int indices for external string ids, in order of first appearance. */
public final class IdIndex {
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> ids = new ArrayList<>();

  /** The index of {@code id}, assigning the next one when new. */
  public int intern(String id) {
    Integer i = index.get(id);
    if (i == null) {
      i = ids.size();
      index.put(id, i);
      ids.add(id);
    }
    return i;
  }

  /** The index of {@code id}, or -1 when unknown. */
  public int find(String id) {
    return index.getOrDefault(id, -1);
  }

  public String id(int i) {
    return ids.get(i);
  }

  public int size() {
    return ids.size();
  }
}
