package dev.heed.core.recommend.blend;

import dev.heed.core.linalg.VectorOps;
import dev.heed.core.recommend.Interactions;
import dev.heed.core.recommend.Params;
import dev.heed.core.recommend.Recommender;
import dev.heed.core.recommend.RecommenderFactory;
import dev.heed.core.recommend.RecommenderModel;
import dev.heed.core.recommend.Recommenders;
import dev.heed.core.recommend.TrainingListener;
import dev.heed.core.recommend.UserProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * A weighted blend of candidate sources: each source's scores for the user are standardized (mean
 * 0, standard deviation 1 over the items it can score) and summed with the source's weight.
 * Parameters: {@code sources=ials:1,itemknn:0.5,popular:0.1}; a source's own parameters are
 * prefixed with its name ({@code ials.factors=128}).
 */
public final class BlendRecommender implements Recommender {
  private final Params params;
  private final List<Recommender> sources = new ArrayList<>();
  private final List<Float> weights = new ArrayList<>();

  public BlendRecommender(Params params) {
    this.params = params;
    String spec = params.getString("sources", "ials:1,itemknn:1,popular:0.05");
    for (String part : spec.split(",")) {
      String[] nw = part.trim().split(":");
      if (nw.length != 2) {
        throw new IllegalArgumentException(
            "parameter sources: '" + part + "' is not name:weight (e.g. ials:1,popular:0.1)");
      }
      if (nw[0].equals("blend")) {
        throw new IllegalArgumentException("parameter sources: a blend cannot contain a blend");
      }
      float w;
      try {
        w = Float.parseFloat(nw[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("parameter sources: weight '" + nw[1] + "' of " + nw[0]);
      }
      sources.add(Recommenders.create(nw[0], params.sub(nw[0])));
      weights.add(w);
    }
  }

  @Override
  public String name() {
    return "blend";
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public RecommenderModel fit(Interactions data, TrainingListener listener) {
    List<RecommenderModel> models = new ArrayList<>();
    for (int s = 0; s < sources.size(); s++) {
      Recommender source = sources.get(s);
      models.add(
          source.fit(
              data,
              (stage, done, total) -> listener.progress(source.name() + " " + stage, done, total)));
    }
    float[] w = new float[weights.size()];
    for (int s = 0; s < w.length; s++) {
      w[s] = weights.get(s);
    }
    return new BlendModel(data.items(), List.copyOf(models), w);
  }

  /** The fitted sources and their weights. */
  public record BlendModel(int items, List<RecommenderModel> sources, float[] weights)
      implements RecommenderModel, java.io.Serializable {
    @Override
    public void score(UserProfile profile, float[] scores) {
      java.util.Arrays.fill(scores, 0, items, 0f);
      float[] part = new float[items];
      for (int s = 0; s < sources.size(); s++) {
        sources.get(s).score(profile, part);
        float sum = VectorOps.sum(part, items);
        if (Float.isFinite(sum)) {
          double mean = (double) sum / items;
          double sd = Math.sqrt(VectorOps.squaredDeviation(part, (float) mean, items) / items);
          if (sd > 0) {
            float scale = (float) (weights[s] / sd);
            VectorOps.scaleAdd(scale, part, 1f, scores, (float) (-mean * scale), items);
          }
        } else {
          addStandardizedSkippingInfinite(part, weights[s], scores);
        }
      }
    }

    /** The slow path, for a source that cannot score some items (−∞). */
    private void addStandardizedSkippingInfinite(float[] part, float weight, float[] scores) {
      double sum = 0;
      int n = 0;
      for (int i = 0; i < items; i++) {
        if (Float.isFinite(part[i])) {
          sum += part[i];
          n++;
        }
      }
      if (n == 0) {
        return;
      }
      double mean = sum / n;
      double sq = 0;
      for (int i = 0; i < items; i++) {
        if (Float.isFinite(part[i])) {
          sq += (part[i] - mean) * (part[i] - mean);
        }
      }
      double sd = Math.sqrt(sq / n);
      if (sd == 0) {
        return;
      }
      float scale = (float) (weight / sd);
      for (int i = 0; i < items; i++) {
        if (Float.isFinite(part[i])) {
          scores[i] += (float) ((part[i] - mean) * scale);
        }
      }
    }
  }

  /** Registers "blend". */
  public static final class Factory implements RecommenderFactory {
    @Override
    public String name() {
      return "blend";
    }

    @Override
    public String description() {
      return "weighted blend of sources (sources=ials:1,itemknn:1,popular:0.05; <source>.<param>)";
    }

    @Override
    public Recommender create(Params params) {
      return new BlendRecommender(params);
    }
  }
}
