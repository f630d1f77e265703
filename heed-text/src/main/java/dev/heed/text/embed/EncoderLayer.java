package dev.heed.text.embed;

import java.util.List;
import java.util.Map;

/**
 * The weights of one BERT encoder layer (post-LayerNorm, GELU), dequantized from an int8 ONNX
 * model: matrices are row-major {@code [in][out]} as the model multiplies them ({@code x · W}).
 *
 * @param inputTensor the name of the graph tensor that enters the layer (the previous layer's
 *     output, {@code [1][T][dim]})
 */
public record EncoderLayer(
    int dim,
    int ffn,
    int heads,
    String inputTensor,
    float[] wq,
    float[] bq,
    float[] wk,
    float[] bk,
    float[] wv,
    float[] bv,
    float[] wo,
    float[] bo,
    float[] ln1Gain,
    float[] ln1Bias,
    float[] w1,
    float[] b1,
    float[] w2,
    float[] b2,
    float[] ln2Gain,
    float[] ln2Bias) {

  /** BERT's LayerNorm epsilon. */
  public static final float LAYER_NORM_EPS = 1e-12f;

  /**
   * Layer {@code index} of a BERT model exported by Hugging Face Optimum and quantized by ONNX
   * Runtime (weights {@code MatMulInteger} with per-column scales, named initializers for biases
   * and LayerNorms), as langchain4j ships bge-small.
   */
  public static EncoderLayer read(OnnxGraph graph, int index, int heads) {
    String prefix = "/encoder/layer." + index + "/";
    String p = "encoder.layer." + index + ".";
    List<OnnxGraph.Node> nodes = graph.nodes();
    String[] roles = {
      "attention/self/query/",
      "attention/self/key/",
      "attention/self/value/",
      "attention/output/dense/",
      "intermediate/dense/",
      "output/dense/"
    };
    // The quantized weight of each role (its scale and zero point share its stem), and the tensor
    // that enters the layer (what the query's input was quantized from).
    String[] stems = new String[roles.length];
    String input = null;
    for (OnnxGraph.Node n : nodes) {
      if (!n.op().equals("MatMulInteger") || !n.outputs().getFirst().startsWith(prefix)) {
        continue;
      }
      String out = n.outputs().getFirst().substring(prefix.length());
      for (int r = 0; r < roles.length; r++) {
        if (out.startsWith(roles[r])) {
          String weight = n.inputs().get(1);
          stems[r] = weight.substring(0, weight.length() - "_quantized".length());
          if (r == 0) {
            input = quantizedFrom(nodes, n.inputs().getFirst());
          }
        }
      }
    }
    if (input == null || java.util.Arrays.asList(stems).contains(null)) {
      throw new IllegalArgumentException("the model has no quantized encoder layer " + index);
    }
    java.util.Set<String> wanted = new java.util.HashSet<>();
    for (String stem : stems) {
      wanted.addAll(List.of(stem + "_quantized", stem + "_scale", stem + "_zero_point"));
    }
    Map<String, OnnxGraph.Tensor> init =
        graph.initializers(name -> name.startsWith(p) || wanted.contains(name));
    float[][] w = new float[roles.length][];
    for (int r = 0; r < roles.length; r++) {
      w[r] =
          dequantize(
              init.get(stems[r] + "_quantized"),
              init.get(stems[r] + "_scale"),
              init.get(stems[r] + "_zero_point"));
    }
    int dim = (int) init.get(stems[0] + "_quantized").dims()[0];
    int ffn = (int) init.get(stems[4] + "_quantized").dims()[1];
    return new EncoderLayer(
        dim,
        ffn,
        heads,
        input,
        w[0],
        values(init, p + "attention.self.query.bias"),
        w[1],
        values(init, p + "attention.self.key.bias"),
        w[2],
        values(init, p + "attention.self.value.bias"),
        w[3],
        values(init, p + "attention.output.dense.bias"),
        values(init, p + "attention.output.LayerNorm.weight"),
        values(init, p + "attention.output.LayerNorm.bias"),
        w[4],
        values(init, p + "intermediate.dense.bias"),
        w[5],
        values(init, p + "output.dense.bias"),
        values(init, p + "output.LayerNorm.weight"),
        values(init, p + "output.LayerNorm.bias"));
  }

  /** The index of the model's last encoder layer (layers are numbered from 0 in node names). */
  public static int lastIndex(OnnxGraph graph) {
    String prefix = "/encoder/layer.";
    int last = -1;
    for (OnnxGraph.Node n : graph.nodes()) {
      for (String o : n.outputs()) {
        if (o.startsWith(prefix)) {
          int end = o.indexOf('/', prefix.length());
          last = Math.max(last, Integer.parseInt(o.substring(prefix.length(), end)));
        }
      }
    }
    if (last < 0) {
      throw new IllegalArgumentException("the model has no encoder layers");
    }
    return last;
  }

  /** The float tensor that {@code quantized} was made from by a DynamicQuantizeLinear node. */
  private static String quantizedFrom(List<OnnxGraph.Node> nodes, String quantized) {
    for (OnnxGraph.Node n : nodes) {
      if (n.op().equals("DynamicQuantizeLinear") && n.outputs().getFirst().equals(quantized)) {
        return n.inputs().getFirst();
      }
    }
    throw new IllegalArgumentException("no DynamicQuantizeLinear makes " + quantized);
  }

  /** (q - zero point) · scale, per output column ({@code [in][out]}, scales of length out). */
  private static float[] dequantize(
      OnnxGraph.Tensor q, OnnxGraph.Tensor scale, OnnxGraph.Tensor zeroPoint) {
    int out = (int) q.dims()[1];
    float[] v = q.values();
    float[] w = new float[v.length];
    float[] s = scale.values();
    float[] z = zeroPoint.values();
    for (int i = 0; i < v.length; i++) {
      int col = i % out;
      int k = s.length == 1 ? 0 : col;
      w[i] = (v[i] - z[z.length == 1 ? 0 : col]) * s[k];
    }
    return w;
  }

  private static float[] values(Map<String, OnnxGraph.Tensor> init, String name) {
    OnnxGraph.Tensor t = init.get(name);
    if (t == null) {
      throw new IllegalArgumentException("the model has no initializer " + name);
    }
    return t.values();
  }
}
