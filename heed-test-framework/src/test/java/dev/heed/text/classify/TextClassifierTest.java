package dev.heed.text.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.heed.testing.Seeds;
import dev.heed.text.embed.BgeEmbedder;
import dev.heed.text.embed.TextEmbedder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** NB-LR and the embedding ensemble on seeded synthetic corpora with a known signal. */
class TextClassifierTest {
  private static final String[] EN_POS = {"great", "lovely", "superb", "enjoyed", "wonderful"};
  private static final String[] EN_NEG = {"awful", "boring", "terrible", "hated", "dreadful"};
  private static final String[] EN_FILLER = {
    "the", "film", "plot", "actors", "was", "a", "and", "story", "really", "scene", "music", "we"
  };
  private static final String[] ZH_POS = {"很好", "满意", "干净", "舒服", "推荐"};
  private static final String[] ZH_NEG = {"很差", "失望", "肮脏", "吵闹", "后悔"};
  private static final String[] ZH_FILLER = {"酒店", "房间", "前台", "早餐", "位置", "我们", "服务"};

  /** Texts of filler words plus 1-2 class words; 10% also carry a word of the other class. */
  static List<LabeledText> corpus(
      int n, String[] pos, String[] neg, String[] filler, String sep, Random random) {
    List<LabeledText> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean positive = random.nextBoolean();
      List<String> words = new ArrayList<>();
      for (int w = 0; w < 6 + random.nextInt(5); w++) {
        words.add(filler[random.nextInt(filler.length)]);
      }
      String[] mine = positive ? pos : neg;
      String[] theirs = positive ? neg : pos;
      for (int w = 0; w <= random.nextInt(2); w++) {
        words.add(mine[random.nextInt(mine.length)]);
      }
      if (random.nextDouble() < 0.1) {
        words.add(theirs[random.nextInt(theirs.length)]);
      }
      Collections.shuffle(words, random);
      out.add(new LabeledText(String.join(sep, words), positive ? "1" : "0"));
    }
    return out;
  }

  /**
   * A classifier of the tuned member alone (share 1; below the top layer, {@code below} when not
   * null) over a zero embedding model, so that its probabilities are the tuned layers'.
   */
  private static TextClassifier tunedOnly(BgeEmbedder bge, TunedTopLayer top, EncoderBlock below) {
    return new TextClassifier(
        List.of("0", "1"),
        java.util.Map.of(),
        new float[][] {{}},
        new float[] {0},
        bge.name(),
        new float[][] {new float[bge.dimension()]},
        new float[] {0},
        0,
        null,
        0,
        null,
        top,
        below,
        top == null ? 0 : 1);
  }

  static double accuracy(TextClassifier model, List<LabeledText> test, TextEmbedder embedder) {
    int hits = 0;
    for (LabeledText t : test) {
      if (model.predict(t.text(), embedder).label().equals(t.label())) {
        hits++;
      }
    }
    return (double) hits / test.size();
  }

  @Test
  void learnsEnglishAndChineseSentimentFromNgrams() {
    Random random = new Random(Seeds.seed("learnsEnglishAndChineseSentimentFromNgrams"));
    for (boolean chinese : new boolean[] {false, true}) {
      List<LabeledText> data =
          chinese
              ? corpus(600, ZH_POS, ZH_NEG, ZH_FILLER, "", random)
              : corpus(600, EN_POS, EN_NEG, EN_FILLER, " ", random);
      TextClassifier model =
          new TextClassifierTrainer(1, s -> {}).train(data.subList(0, 400), null, null);
      assertThat(model.labels()).containsExactly("0", "1");
      assertThat(model.embedderName()).isNull();
      assertThat(accuracy(model, data.subList(400, 600), null)).isGreaterThan(0.9);
    }
  }

  @Test
  void learnsAnIntercept() {
    Random random = new Random(Seeds.seed("learnsAnIntercept"));
    List<LabeledText> data = new ArrayList<>();
    for (LabeledText t : corpus(800, EN_POS, EN_NEG, EN_FILLER, " ", random)) {
      if (t.label().equals("1") || random.nextInt(9) == 0) {
        data.add(t); // 90% positive
      }
    }
    TextClassifier model = new TextClassifierTrainer(1, s -> {}).train(data, null, null);
    // Text without features scores the intercept alone: exactly 0.5 when none was fitted. (Its
    // sign is not asserted: words in nearly every text can carry the prior instead.)
    assertThat(Math.abs(model.probabilities("", null)[1] - 0.5)).isGreaterThan(1e-4);
  }

  @Test
  void shuffledLabelsLearnNothing() {
    Random random = new Random(Seeds.seed("shuffledLabelsLearnNothing"));
    List<LabeledText> data = corpus(600, EN_POS, EN_NEG, EN_FILLER, " ", random);
    List<String> labels = new ArrayList<>(data.stream().map(LabeledText::label).toList());
    Collections.shuffle(labels, random);
    List<LabeledText> noise = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      noise.add(new LabeledText(data.get(i).text(), labels.get(i)));
    }
    TextClassifier model =
        new TextClassifierTrainer(1, s -> {}).train(noise.subList(0, 400), null, null);
    assertThat(accuracy(model, data.subList(400, 600), null)).isBetween(0.35, 0.65);
  }

  @Test
  void manyClassesGetOneModelEachAndProbabilitiesSumToOne() {
    Random random = new Random(Seeds.seed("manyClassesGetOneModelEach"));
    String[][] topics = {
      {"goal", "match", "league", "coach"},
      {"stocks", "bank", "market", "profit"},
      {"rocket", "orbit", "nasa", "planet"}
    };
    List<LabeledText> data = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      int k = random.nextInt(3);
      StringBuilder text = new StringBuilder("today the news said");
      for (int w = 0; w < 3; w++) {
        text.append(' ').append(topics[k][random.nextInt(4)]).append(" and more");
      }
      data.add(new LabeledText(text.toString(), "t" + k));
    }
    TextClassifier model =
        new TextClassifierTrainer(1, s -> {}).train(data.subList(0, 450), null, null);
    assertThat(model.labels()).containsExactly("t0", "t1", "t2");
    assertThat(accuracy(model, data.subList(450, 600), null)).isGreaterThan(0.95);
    double[] p = model.probabilities("the rocket reached orbit", null);
    assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-9));
    assertThat(p[2]).isGreaterThan(0.5);
  }

  @Test
  void savedModelsPredictIdentically() throws Exception {
    Random random = new Random(Seeds.seed("savedModelsPredictIdentically"));
    List<LabeledText> data = corpus(300, ZH_POS, ZH_NEG, ZH_FILLER, "", random);
    TextClassifier model = new TextClassifierTrainer(1, s -> {}).train(data, null, null);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.save(bytes);
    TextClassifier loaded = TextClassifier.load(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(loaded.labels()).isEqualTo(model.labels());
    assertThat(loaded.vocabularySize()).isEqualTo(model.vocabularySize());
    for (LabeledText t : data.subList(0, 50)) {
      assertThat(loaded.probabilities(t.text(), null))
          .containsExactly(model.probabilities(t.text(), null), within(1e-12));
    }
    assertThatThrownBy(() -> TextClassifier.load(new ByteArrayInputStream(new byte[] {1, 2, 3})))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void theEmbeddingEnsembleUsesTheRealModelAndNeedsIt() {
    Random random = new Random(Seeds.seed("theEmbeddingEnsemble"));
    List<LabeledText> data = corpus(160, EN_POS, EN_NEG, EN_FILLER, " ", random);
    TextEmbedder bge = BgeEmbedder.smallZh();
    List<float[]> vectors = bge.embed(data.stream().map(LabeledText::text).toList());
    TextClassifier model =
        new TextClassifierTrainer(1, s -> {})
            .train(data.subList(0, 120), vectors.subList(0, 120), bge.name());
    assertThat(model.embedderName()).isEqualTo(bge.name());
    assertThat(model.ngramShare()).isBetween(0.0, 1.0);
    assertThat(accuracy(model, data.subList(120, 160), bge)).isGreaterThan(0.8);
    if (model.ngramShare() < 1) {
      assertThatThrownBy(() -> model.predict("great film", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bge.name());
    }
  }

  @Test
  void theTrainerTunesTheLastLayerFromAThousandTexts() {
    Random random = new Random(Seeds.seed("theTrainerTunesTheLastLayerFromAThousandTexts"));
    List<LabeledText> data = corpus(1150, ZH_POS, ZH_NEG, ZH_FILLER, "", random);
    BgeEmbedder bge = BgeEmbedder.smallZh();
    List<float[]> vectors = bge.embed(data.stream().map(LabeledText::text).toList());
    List<String> log = new ArrayList<>();
    TextClassifier model =
        new TextClassifierTrainer(1, log::add)
            .train(data.subList(0, 1000), vectors.subList(0, 1000), bge.name());
    String tuned =
        log.stream()
            .filter(l -> l.contains("tuned layer: ") && l.contains("epochs"))
            .findFirst()
            .orElseThrow();
    double validation =
        Double.parseDouble(tuned.replaceAll(".*validation accuracy ([0-9.]+)%.*", "$1"));
    assertThat(validation).as(tuned).isGreaterThan(90);
    assertThat(accuracy(model, data.subList(1000, 1150), bge)).isGreaterThan(0.9);
    List<String> without = new ArrayList<>();
    new TextClassifierTrainer(1, without::add, false, 0)
        .train(data.subList(0, 1000), vectors.subList(0, 1000), bge.name());
    assertThat(without).noneMatch(l -> l.contains("tuned layer: "));
  }

  @Test
  void theTrainerTunesTheLastTwoLayersWhenAsked() {
    Random random = new Random(Seeds.seed("theTrainerTunesTheLastTwoLayersWhenAsked"));
    List<LabeledText> data = corpus(1150, ZH_POS, ZH_NEG, ZH_FILLER, "", random);
    BgeEmbedder bge = BgeEmbedder.smallZh();
    List<float[]> vectors = bge.embed(data.stream().map(LabeledText::text).toList());
    List<String> log = new ArrayList<>();
    TextClassifier model =
        new TextClassifierTrainer(1, log::add, false, 2)
            .train(data.subList(0, 1000), vectors.subList(0, 1000), bge.name());
    String tuned =
        log.stream()
            .filter(l -> l.startsWith("tuned layers (the last two): "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(log));
    double validation =
        Double.parseDouble(tuned.replaceAll(".*validation accuracy ([0-9.]+)%.*", "$1"));
    assertThat(validation).as(tuned).isGreaterThan(90);
    // One progress line per epoch: two layers are validated on the first split only, and the
    // combination is chosen on its 200 texts.
    assertThat(log.stream().filter(l -> l.matches("tuned layer: split 1/1, epoch .*")))
        .hasSize(TextClassifierTrainer.TOP.epochs());
    assertThat(log).anyMatch(l -> l.startsWith("combination: chosen on the first split's 200 "));
    assertThat(log).anyMatch(l -> l.startsWith("tuned layer: refit on all 1,000 texts, epoch 1/"));
    assertThat(model.tunedLayers()).isIn(0, 2);
    assertThat(accuracy(model, data.subList(1000, 1150), bge)).isGreaterThan(0.9);
    assertThatThrownBy(() -> new TextClassifierTrainer(1, s -> {}, false, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0, 1 or 2");
  }

  @Test
  void aTwoLayerModelRunsItsLayerBelowOnTheStatesThatEnterIt() throws Exception {
    BgeEmbedder bge = BgeEmbedder.smallZh();
    int below = bge.lastIndex() - 1;
    TextClassifier model =
        tunedOnly(
            bge, TunedTopLayer.from(bge.lastLayer(), 2, 9), EncoderBlock.from(bge.layer(below)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.save(bytes);
    TextClassifier loaded = TextClassifier.load(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(loaded.tunedLayers()).isEqualTo(2);
    TunedTopLayer top = TunedTopLayer.from(bge.lastLayer(), 2, 9);
    for (String text : List.of("房间很干净", "前台服务很差，再也不来了")) {
      float[] v = bge.embed(text);
      double[] p = model.probabilities(text, v);
      assertThat(loaded.probabilities(text, v)).containsExactly(p, within(1e-9));
      float[] states = bge.layerInputs(List.of(text), below).getFirst();
      double[] direct = top.probabilities(EncoderBlock.from(bge.layer(below)).forward(states).y);
      assertThat(p).containsExactly(direct, within(1e-6));
    }
    assertThatThrownBy(() -> tunedOnly(bge, null, EncoderBlock.from(bge.layer(below))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTunedModelReadsTheLayerStatesOfTheTextItself() throws Exception {
    BgeEmbedder bge = BgeEmbedder.smallZh();
    TextClassifier model = tunedOnly(bge, TunedTopLayer.from(bge.lastLayer(), 2, 9), null);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.save(bytes);
    TextClassifier loaded = TextClassifier.load(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(loaded.tunesTopLayer()).isTrue();
    for (String text : List.of("房间很干净", "前台服务很差，再也不来了")) {
      float[] v = bge.embed(text);
      double[] p = model.probabilities(text, v);
      assertThat(loaded.probabilities(text, v)).containsExactly(p, within(1e-9));
      // All of the share is the tuned layer's: the same as the layer on the text's states.
      double[] direct =
          TunedTopLayer.from(bge.lastLayer(), 2, 9)
              .probabilities(bge.lastLayerInputs(List.of(text)).getFirst());
      assertThat(p).containsExactly(direct, within(1e-6));
    }
  }

  @Test
  void theTrainerGivesThePerceptronAShareWhenOnlyItReadsTheSignal() throws Exception {
    Random random = new Random(Seeds.seed("theTrainerGivesThePerceptronAShare"));
    // The texts carry no signal; the label is the XOR of the signs of two vector coordinates,
    // which neither the n-grams nor a linear model of the vectors can read.
    List<LabeledText> data = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 4400; i++) {
      float[] v = new float[8];
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) random.nextGaussian();
      }
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 6; w++) {
        text.append(EN_FILLER[random.nextInt(EN_FILLER.length)]).append(' ');
      }
      data.add(new LabeledText(text.toString(), (v[0] > 0) ^ (v[1] > 0) ? "1" : "0"));
      vectors.add(v);
    }
    TextClassifier model =
        new TextClassifierTrainer(1, s -> {})
            .train(data.subList(0, 4000), vectors.subList(0, 4000), "xor-vectors");
    assertThat(model.mlpShare()).isGreaterThanOrEqualTo(0.5);
    int hits = 0;
    for (int i = 4000; i < 4400; i++) {
      double[] p = model.probabilities(data.get(i).text(), vectors.get(i));
      hits += (p[1] > p[0] ? "1" : "0").equals(data.get(i).label()) ? 1 : 0;
    }
    assertThat(hits / 400.0).isGreaterThan(0.75); // chance is 0.5; 8 epochs of the shipped settings

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.save(bytes);
    TextClassifier loaded = TextClassifier.load(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(loaded.mlpShare()).isEqualTo(model.mlpShare());
    assertThat(loaded.ngramShare()).isEqualTo(model.ngramShare());
    for (int i = 4000; i < 4050; i++) {
      assertThat(loaded.probabilities(data.get(i).text(), vectors.get(i)))
          .containsExactly(model.probabilities(data.get(i).text(), vectors.get(i)), within(0.0));
    }
  }

  @Test
  void anEnglishModelOnBgeSmallEnRoundTripsAndThePipelineFeedsItItsVectors() throws Exception {
    Random random = new Random(Seeds.seed("anEnglishModel"));
    List<LabeledText> data = corpus(160, EN_POS, EN_NEG, EN_FILLER, " ", random);
    TextEmbedder en = BgeEmbedder.smallEn();
    List<float[]> vectors = en.embed(data.stream().map(LabeledText::text).toList());
    // Embeddings only: the model is right only when it reads bge-small-en's 384-d vectors.
    TextClassifier model =
        new TextClassifierTrainer(1, s -> {}, true)
            .train(data.subList(0, 120), vectors.subList(0, 120), en.name());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.save(bytes);
    TextClassifier loaded = TextClassifier.load(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(loaded.embedderName()).isEqualTo("bge-small-en-v1.5-q");
    assertThat(accuracy(loaded, data.subList(120, 160), en)).isGreaterThan(0.8);
    assertThatThrownBy(() -> loaded.predict("great film", BgeEmbedder.smallZh()))
        .hasMessageContaining("bge-small-en-v1.5-q");
    // The pipeline embeds with bge-small-zh (items, search) and gives the classifier bge-small-en.
    var pipeline =
        new dev.heed.text.analyze.TextPipeline(
            BgeEmbedder.smallZh(),
            new dev.heed.text.keywords.DocumentFrequencies(),
            loaded,
            loaded);
    for (LabeledText t : data.subList(120, 140)) {
      var analysis = pipeline.analyze(t.text(), "en", java.util.Set.of("sentiment", "topics"));
      double[] p = loaded.probabilities(t.text(), en.embed(t.text()));
      assertThat(analysis.sentiment().score()).isCloseTo(p[1] - p[0], within(1e-9));
      assertThat(analysis.topics().getFirst().label()).isEqualTo(p[1] > p[0] ? "1" : "0");
      assertThat(analysis.topics().getFirst().probability())
          .isCloseTo(Math.max(p[0], p[1]), within(1e-9));
    }
  }

  @Test
  void smallSetsAreCrossValidatedLargeOnesHeldOut() {
    TextClassifierTrainer trainer = new TextClassifierTrainer(3, s -> {});
    int n = 1003;
    List<int[][]> folds = trainer.splits(n);
    assertThat(folds).hasSize(5);
    int[] validated = new int[n];
    for (int[][] f : folds) {
      java.util.Set<Integer> val = new java.util.HashSet<>();
      for (int i : f[1]) {
        validated[i]++;
        val.add(i);
      }
      assertThat(f[0].length + f[1].length).isEqualTo(n);
      for (int i : f[0]) {
        assertThat(val).doesNotContain(i);
      }
    }
    assertThat(validated).containsOnly(1); // every text validated exactly once
    List<int[][]> holdout = trainer.splits(TextClassifierTrainer.CROSS_VALIDATE_BELOW);
    assertThat(holdout).hasSize(1);
    assertThat(holdout.getFirst()[1]).hasSize(TextClassifierTrainer.CROSS_VALIDATE_BELOW / 10);
  }

  @Test
  void refusesDataItCannotLearnFrom() {
    TextClassifierTrainer trainer = new TextClassifierTrainer(1, s -> {});
    assertThatThrownBy(() -> trainer.train(List.of(), null, null))
        .hasMessageContaining("no training texts");
    assertThatThrownBy(
            () ->
                trainer.train(
                    List.of(new LabeledText("a", "x"), new LabeledText("b", "x")), null, null))
        .hasMessageContaining("two labels");
  }

  @Test
  void theShippedSentimentModelHoldsNoWordsAndReadsPolarity() throws Exception {
    TextClassifier shipped;
    try (var in =
        TextClassifierTest.class.getResourceAsStream(
            dev.heed.text.analyze.TextPipeline.DEFAULT_SENTIMENT_MODEL)) {
      shipped = TextClassifier.load(in);
    }
    assertThat(shipped.vocabularySize()).isZero();
    assertThat(shipped.ngramShare()).isZero();
    assertThat(shipped.mlpShare()).isZero(); // a format-1 file: no perceptron
    TextEmbedder bge = BgeEmbedder.smallZh();
    assertThat(shipped.embedderName()).isEqualTo(bge.name());
    assertThat(shipped.predict("房间干净，服务热情，非常满意，下次还来", bge).label()).isEqualTo("1");
    assertThat(shipped.predict("太吵了，设施陈旧，服务态度很差，再也不来了", bge).label()).isEqualTo("0");
    assertThat(shipped.predict("A wonderful, moving film with superb acting.", bge).label())
        .isEqualTo("1");
    assertThat(shipped.predict("A dull, tedious mess; I walked out.", bge).label()).isEqualTo("0");
  }
}
