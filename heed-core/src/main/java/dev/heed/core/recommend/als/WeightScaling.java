package dev.heed.core.recommend.als;

/**
 * How an interaction weight r becomes confidence c = 1 + alpha · f(r): {@code linear} f(r) = r (Hu,
 * Koren and Volinsky's first form), {@code log} f(r) = log(1 + r / epsilon) (their second form, for
 * heavy-tailed counts such as plays).
 */
public record WeightScaling(boolean log, double epsilon) implements java.io.Serializable {
  public static final WeightScaling LINEAR = new WeightScaling(false, 1);

  public double apply(float r) {
    return log ? Math.log1p(r / epsilon) : r;
  }

  public static WeightScaling parse(String name, double epsilon) {
    return switch (name) {
      case "linear" -> LINEAR;
      case "log" -> new WeightScaling(true, epsilon);
      default ->
          throw new IllegalArgumentException(
              "parameter scaling=" + name + " is not one of linear, log");
    };
  }
}
