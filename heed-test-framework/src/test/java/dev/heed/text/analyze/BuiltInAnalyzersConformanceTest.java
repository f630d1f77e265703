package dev.heed.text.analyze;

import dev.heed.testing.AnalyzerConformanceSuite;
import dev.heed.text.embed.BgeEmbedder;
import dev.heed.text.embed.TextEmbedder;
import dev.heed.text.keywords.DocumentFrequencies;
import java.util.List;

/** The pipeline's analyzers (zero-shot sentiment and topics) against the suite. */
class BuiltInAnalyzersConformanceTest extends AnalyzerConformanceSuite {
  private static final TextPipeline PIPELINE =
      new TextPipeline(BgeEmbedder.smallZh(), new DocumentFrequencies(), null, null);

  @Override
  protected List<Analyzer<?>> analyzers() {
    return PIPELINE.analyzers();
  }

  @Override
  protected TextEmbedder embedder() {
    return PIPELINE.embedder();
  }
}
