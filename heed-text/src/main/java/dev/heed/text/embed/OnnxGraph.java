package dev.heed.text.embed;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model file (a protocol buffer, {@code onnx.proto}) that Heed reads: the
 * initializers (weights) by name, the nodes, and a copy of the model with one more graph output.
 * Read field by field with protobuf's generic reader, so no generated ONNX classes are needed.
 */
public final class OnnxGraph {
  // onnx.proto field numbers.
  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int GRAPH_OUTPUT = 12;
  private static final int NODE_INPUT = 1;
  private static final int NODE_OUTPUT = 2;
  private static final int NODE_OP_TYPE = 4;
  private static final int TENSOR_DIMS = 1;
  private static final int TENSOR_DATA_TYPE = 2;
  private static final int TENSOR_FLOAT_DATA = 4;
  private static final int TENSOR_INT32_DATA = 5;
  private static final int TENSOR_NAME = 8;
  private static final int TENSOR_RAW_DATA = 9;
  private static final int FLOAT = 1;
  private static final int UINT8 = 2;
  private static final int INT8 = 3;

  /** A graph node: its operator and the names of its input and output tensors. */
  public record Node(String op, List<String> inputs, List<String> outputs) {}

  /** A weight tensor: its shape and its values (integer types widened to float). */
  public record Tensor(long[] dims, float[] values) {}

  private final UnknownFieldSet model;
  private final UnknownFieldSet graph;

  private OnnxGraph(UnknownFieldSet model, UnknownFieldSet graph) {
    this.model = model;
    this.graph = graph;
  }

  /** Parses an ONNX model. */
  public static OnnxGraph parse(byte[] bytes) {
    try {
      UnknownFieldSet model = UnknownFieldSet.parseFrom(bytes);
      List<ByteString> graphs = model.getField(MODEL_GRAPH).getLengthDelimitedList();
      if (graphs.size() != 1) {
        throw new IllegalArgumentException("not an ONNX model: no graph");
      }
      return new OnnxGraph(model, UnknownFieldSet.parseFrom(graphs.getFirst()));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
    }
  }

  /** The nodes in graph order. */
  public List<Node> nodes() {
    List<Node> out = new ArrayList<>();
    for (ByteString b : graph.getField(GRAPH_NODE).getLengthDelimitedList()) {
      UnknownFieldSet n = parse(b);
      out.add(new Node(string(n, NODE_OP_TYPE), strings(n, NODE_INPUT), strings(n, NODE_OUTPUT)));
    }
    return out;
  }

  /** The initializers whose names {@code wanted} accepts, by name, in file order. */
  public Map<String, Tensor> initializers(java.util.function.Predicate<String> wanted) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (ByteString b : graph.getField(GRAPH_INITIALIZER).getLengthDelimitedList()) {
      UnknownFieldSet t = parse(b);
      String name = string(t, TENSOR_NAME);
      if (wanted.test(name)) {
        out.put(name, tensor(t)); // decoded only when wanted: the word embeddings are 43 MB
      }
    }
    return out;
  }

  /**
   * The model, serialized, with {@code tensor} (a float tensor of the graph) as one more output.
   */
  public byte[] withOutput(String tensor) {
    UnknownFieldSet tensorType =
        UnknownFieldSet.newBuilder()
            .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(FLOAT).build())
            .build();
    UnknownFieldSet type =
        UnknownFieldSet.newBuilder()
            .addField(
                1,
                UnknownFieldSet.Field.newBuilder()
                    .addLengthDelimited(tensorType.toByteString())
                    .build())
            .build();
    UnknownFieldSet valueInfo =
        UnknownFieldSet.newBuilder()
            .addField(
                1,
                UnknownFieldSet.Field.newBuilder()
                    .addLengthDelimited(ByteString.copyFromUtf8(tensor))
                    .build())
            .addField(
                2,
                UnknownFieldSet.Field.newBuilder().addLengthDelimited(type.toByteString()).build())
            .build();
    UnknownFieldSet newGraph =
        graph.toBuilder()
            .mergeField(
                GRAPH_OUTPUT,
                UnknownFieldSet.Field.newBuilder()
                    .addLengthDelimited(valueInfo.toByteString())
                    .build())
            .build();
    return model.toBuilder()
        .clearField(MODEL_GRAPH)
        .addField(
            MODEL_GRAPH,
            UnknownFieldSet.Field.newBuilder().addLengthDelimited(newGraph.toByteString()).build())
        .build()
        .toByteArray();
  }

  private static Tensor tensor(UnknownFieldSet t) {
    long[] dims = longs(t, TENSOR_DIMS);
    long count = 1;
    for (long d : dims) {
      count *= d;
    }
    int type = (int) t.getField(TENSOR_DATA_TYPE).getVarintList().getFirst().longValue();
    float[] values = new float[Math.toIntExact(count)];
    List<ByteString> raw = t.getField(TENSOR_RAW_DATA).getLengthDelimitedList();
    if (!raw.isEmpty()) {
      ByteBuffer buf = raw.getFirst().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < values.length; i++) {
        values[i] =
            switch (type) {
              case FLOAT -> buf.getFloat();
              case UINT8 -> buf.get() & 0xFF;
              case INT8 -> buf.get();
              default -> throw new IllegalArgumentException("tensor type " + type + " not read");
            };
      }
    } else if (type == FLOAT) {
      List<Integer> fixed = t.getField(TENSOR_FLOAT_DATA).getFixed32List();
      if (!fixed.isEmpty()) {
        for (int i = 0; i < values.length; i++) {
          values[i] = Float.intBitsToFloat(fixed.get(i));
        }
      } else {
        ByteBuffer buf =
            packed(t, TENSOR_FLOAT_DATA).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
          values[i] = buf.getFloat();
        }
      }
    } else {
      long[] ints = longs(t, TENSOR_INT32_DATA);
      for (int i = 0; i < values.length; i++) {
        values[i] = type == INT8 ? (byte) ints[i] : ints[i];
      }
    }
    return new Tensor(dims, values);
  }

  private static ByteString packed(UnknownFieldSet m, int field) {
    List<ByteString> list = m.getField(field).getLengthDelimitedList();
    return list.isEmpty() ? ByteString.EMPTY : list.getFirst();
  }

  /** A repeated integer field, packed or not. */
  private static long[] longs(UnknownFieldSet m, int field) {
    List<Long> plain = m.getField(field).getVarintList();
    if (!plain.isEmpty()) {
      return plain.stream().mapToLong(Long::longValue).toArray();
    }
    List<Long> out = new ArrayList<>();
    try {
      for (ByteString b : m.getField(field).getLengthDelimitedList()) {
        CodedInputStream in = b.newCodedInput();
        while (!in.isAtEnd()) {
          out.add(in.readInt64());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private static UnknownFieldSet parse(ByteString b) {
    try {
      return UnknownFieldSet.parseFrom(b);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("malformed ONNX model: " + e.getMessage(), e);
    }
  }

  private static String string(UnknownFieldSet m, int field) {
    List<ByteString> list = m.getField(field).getLengthDelimitedList();
    return list.isEmpty() ? "" : list.getFirst().toStringUtf8();
  }

  private static List<String> strings(UnknownFieldSet m, int field) {
    return m.getField(field).getLengthDelimitedList().stream()
        .map(ByteString::toStringUtf8)
        .toList();
  }
}
