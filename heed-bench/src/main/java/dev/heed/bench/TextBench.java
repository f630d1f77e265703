package dev.heed.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heed.api.Item;
import dev.heed.core.json.Json;
import dev.heed.server.text.TextEngine;
import dev.heed.text.analyze.TextPipeline;
import dev.heed.text.embed.BgeEmbedder;
import dev.heed.text.keywords.DocumentFrequencies;
import dev.heed.text.search.SearchIndex;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "text",
    mixinStandardHelpOptions = true,
    description = {
      "Text analysis speed: embedding throughput of the engine's embedder against calling ONNX",
      "Runtime directly on the same model and tokenizer (same threads, rounds alternated), and",
      "documents/s for the full analysis of a 1 KB Chinese and a 1 KB English document, and for",
      "indexing either as a written item (the English one also gets its bge-small-en vector)."
    })
final class TextBench implements Callable<Integer> {
  @Option(names = "--sentences", description = "Sentences per embedding round (default 256)")
  int sentences = 256;

  @Option(names = "--rounds", description = "Rounds of each measurement (default 5)")
  int rounds = 5;

  @Option(names = "--docs", description = "Documents per analysis round (default 20)")
  int docs = 20;

  @Option(names = "--json", description = "Print one JSON object")
  boolean json;

  @Option(names = "--doc", paramLabel = "FILE", description = "Record the figures in this file")
  Path doc;

  static final String ZH_DOC =
      "近日，某市文化和旅游局发布了今年前三季度的旅游数据。数据显示，全市共接待游客三千二百万人次，"
          + "同比增长百分之十八，旅游总收入达到四百六十亿元。业内人士认为，增长主要得益于新开放的古城景区"
          + "和不断完善的交通网络。古城景区保留了大量明清时期的建筑，吸引了众多年轻游客前来拍照打卡。"
          + "与此同时，当地酒店的入住率也明显提高，部分热门酒店在节假日期间一房难求。不过，也有游客反映，"
          + "部分景区排队时间过长，餐饮价格偏高，停车位紧张。对此，旅游局表示，将增加公共交通班次，"
          + "推出分时预约制度，并加强对景区周边商户的价格监管。专家建议，城市在发展旅游的同时，"
          + "应当注重保护历史文化遗产，避免过度商业化，让游客获得更好的体验。";
  static final String EN_DOC =
      "The city's tourism office published its figures for the first three quarters this week."
          + " Visitor numbers rose by eighteen percent to thirty-two million, and tourism revenue"
          + " reached forty-six billion. Industry analysts credit the newly opened old town and a"
          + " better transport network for the growth. The old town has kept many buildings from"
          + " the Ming and Qing dynasties and draws young visitors who come to take photographs."
          + " Hotel occupancy has also risen, and some popular hotels were fully booked during the"
          + " holidays. Some visitors, however, complained about long queues, expensive food and a"
          + " shortage of parking. The tourism office said it would add more bus services, introduce"
          + " timed reservations and monitor prices near the main sights. Experts advise the city to"
          + " protect its heritage while it grows tourism, so that visitors enjoy a better experience.";

  @Override
  public Integer call() throws Exception {
    List<String> texts = sentences(sentences);
    BgeEmbedder engine = BgeEmbedder.smallZh();
    int threads = Runtime.getRuntime().availableProcessors();
    try (DirectOnnx direct = new DirectOnnx(threads)) {
      engine.embed(texts.subList(0, 16)); // warm both paths up
      direct.embed(texts.subList(0, 16));
      double[] engineRate = new double[rounds];
      double[] directRate = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        engine.embed(texts);
        engineRate[r] = texts.size() / ((System.nanoTime() - t0) / 1e9);
        long t1 = System.nanoTime();
        direct.embed(texts);
        directRate[r] = texts.size() / ((System.nanoTime() - t1) / 1e9);
        System.err.printf(
            Locale.ROOT,
            "bench text: round %d/%d: engine %.1f, direct %.1f sentences/s%n",
            r + 1,
            rounds,
            engineRate[r],
            directRate[r]);
      }
      TextPipeline pipeline = new TextPipeline(engine, new DocumentFrequencies(), null, null);
      Map<String, Double> analysis = new HashMap<>();
      Map<String, Double> indexing = new HashMap<>();
      try (SearchIndex index = SearchIndex.inMemory()) {
        for (String lang : new String[] {"zh", "en"}) {
          String text = lang.equals("zh") ? ZH_DOC : EN_DOC;
          Item item =
              new Item("d", null, text, null, null, null, null, null, null, null, false, null);
          pipeline.analyze(text, null, Set.of()); // warm-up
          index.put(TextEngine.entry(pipeline, item, ""));
          double[] rate = new double[rounds];
          double[] indexRate = new double[rounds];
          for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int d = 0; d < docs; d++) {
              pipeline.analyze(text, null, Set.of());
            }
            rate[r] = docs / ((System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            for (int d = 0; d < docs; d++) {
              index.put(TextEngine.entry(pipeline, item, ""));
            }
            indexRate[r] = docs / ((System.nanoTime() - t1) / 1e9);
          }
          analysis.put(lang, BenchDoc.median(rate));
          indexing.put(lang, BenchDoc.median(indexRate));
        }
      }
      double e = BenchDoc.median(engineRate);
      double d = BenchDoc.median(directRate);
      ObjectNode out = Json.mapper().createObjectNode();
      out.put("sentences_per_round", texts.size());
      out.put("rounds", rounds);
      out.put("threads", threads);
      out.put("engine_sentences_per_s", round(e));
      out.put("direct_onnx_sentences_per_s", round(d));
      out.put("engine_over_direct", round(e / d));
      out.put("analysis_docs_per_s_zh", round(analysis.get("zh")));
      out.put("analysis_docs_per_s_en", round(analysis.get("en")));
      out.put("item_indexing_docs_per_s_zh", round(indexing.get("zh")));
      out.put("item_indexing_docs_per_s_en", round(indexing.get("en")));
      out.put("zh_doc_bytes", ZH_DOC.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
      out.put("en_doc_bytes", EN_DOC.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
      if (json) {
        System.out.println(Json.mapper().writeValueAsString(out));
      } else {
        System.out.printf(
            Locale.ROOT,
            "embedding: engine %.1f sentences/s, direct ONNX Runtime %.1f (ratio %.2f); full"
                + " analysis: zh %.1f docs/s, en %.1f docs/s; item indexing: zh %.1f docs/s, en"
                + " %.1f docs/s%n",
            e,
            d,
            e / d,
            analysis.get("zh"),
            analysis.get("en"),
            indexing.get("zh"),
            indexing.get("en"));
      }
      if (doc != null) {
        String md =
            BenchDoc.header(
                    "Text analysis",
                    String.format(
                        Locale.ROOT,
                        "./heed bench text --sentences %d --rounds %d --docs %d --doc %s",
                        sentences,
                        rounds,
                        docs,
                        doc))
                + String.format(
                    Locale.ROOT,
                    "| engine embedder sentences/s | direct ONNX Runtime sentences/s | ratio |"
                        + " full analysis docs/s (zh, %d B) | full analysis docs/s (en, %d B) |"
                        + " item indexing docs/s (zh) | item indexing docs/s (en) |%n"
                        + "|---|---|---|---|---|---|---|%n"
                        + "| %.1f | %.1f | %.2f | %.1f | %.1f | %.1f | %.1f |%n%n"
                        + "Medians of %d rounds; each embedding round embeds the same %d short"
                        + " mixed Chinese/English sentences, alternating engine and direct rounds."
                        + " Direct: an OrtSession on the same model bytes and tokenizer, one run"
                        + " per sentence on %d threads, CLS pooling, normalized — what the"
                        + " embedder does underneath. Full analysis: language, keywords, 3-sentence"
                        + " summary, sentiment, topics, entities of one document, %d documents per"
                        + " round, one thread. Item indexing: what the engine does for a written"
                        + " item (TextEngine.entry: language, keywords, sentiment, topics and the"
                        + " bge-small-zh embedding, plus the bge-small-en vector for an English"
                        + " item) and the write to an in-memory index, same documents, rounds"
                        + " alternated with the full analysis.",
                    out.get("zh_doc_bytes").asInt(),
                    out.get("en_doc_bytes").asInt(),
                    e,
                    d,
                    e / d,
                    analysis.get("zh"),
                    analysis.get("en"),
                    indexing.get("zh"),
                    indexing.get("en"),
                    rounds,
                    texts.size(),
                    threads,
                    docs);
        BenchDoc.write(doc, "text", md);
      }
    }
    return 0;
  }

  static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }

  /** Deterministic short sentences, half Chinese, half English. */
  static List<String> sentences(int n) {
    String[] zh = {"酒店", "手机", "电影", "球队", "股市", "课程", "餐厅", "快递"};
    String[] zhv = {"非常好，值得推荐", "太差了，很失望", "还可以，价格偏高", "服务热情，下次再来"};
    String[] en = {"hotel", "phone", "movie", "team", "market", "course", "restaurant", "delivery"};
    String[] env = {
      "was excellent", "was a disappointment", "was fine but pricey", "exceeded expectations"
    };
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          i % 2 == 0
              ? "这家" + zh[i / 2 % zh.length] + zhv[i / 16 % zhv.length] + "，第" + i + "次体验。"
              : "The "
                  + en[i / 2 % en.length]
                  + " "
                  + env[i / 16 % env.length]
                  + ", visit "
                  + i
                  + ".");
    }
    return out;
  }

  /** ONNX Runtime called directly on bge-small-zh-v1.5-q, as the baseline. */
  static final class DirectOnnx implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final ExecutorService pool;
    private final boolean typeIds;

    DirectOnnx(int threads) throws Exception {
      byte[] model;
      try (InputStream in = BgeEmbedder.class.getResourceAsStream("/bge-small-zh-v1.5-q.onnx")) {
        model = in.readAllBytes();
      }
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      session = env.createSession(model, options);
      try (InputStream in =
          BgeEmbedder.class.getResourceAsStream("/bge-small-zh-v1.5-q-tokenizer.json")) {
        tokenizer =
            HuggingFaceTokenizer.newInstance(
                in, Map.of("padding", "false", "truncation", "true", "maxLength", "512"));
      }
      typeIds = session.getInputNames().contains("token_type_ids");
      pool = Executors.newFixedThreadPool(threads);
    }

    List<float[]> embed(List<String> texts) throws Exception {
      List<Future<float[]>> futures = new ArrayList<>();
      for (String t : texts) {
        futures.add(pool.submit(() -> one(t)));
      }
      List<float[]> out = new ArrayList<>();
      for (Future<float[]> f : futures) {
        out.add(f.get());
      }
      return out;
    }

    private float[] one(String text) throws OrtException {
      Encoding e = tokenizer.encode(text);
      Map<String, OnnxTensor> inputs = new HashMap<>();
      try {
        inputs.put("input_ids", OnnxTensor.createTensor(env, new long[][] {e.getIds()}));
        inputs.put(
            "attention_mask", OnnxTensor.createTensor(env, new long[][] {e.getAttentionMask()}));
        if (typeIds) {
          inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[][] {e.getTypeIds()}));
        }
        try (OrtSession.Result result = session.run(inputs)) {
          float[][][] hidden = (float[][][]) result.get(0).getValue();
          float[] cls = hidden[0][0].clone();
          double norm = 0;
          for (float x : cls) {
            norm += x * x;
          }
          float inv = (float) (1 / Math.sqrt(norm));
          for (int j = 0; j < cls.length; j++) {
            cls[j] *= inv;
          }
          return cls;
        }
      } finally {
        inputs.values().forEach(OnnxTensor::close);
      }
    }

    @Override
    public void close() throws OrtException {
      pool.shutdown();
      session.close();
    }
  }
}
