package dev.heed.text.lang;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Detects the language of a text as an ISO 639-1 code ({@code zh}, {@code en}, ...), or {@code und}
 * when there is nothing to go on. Thread-safe.
 */
public final class LanguageDetector {
  /** What {@link #detect} returns for text without letters. */
  public static final String UNDETERMINED = "und";

  private static final Map<String, String> ISO_639_1 =
      Map.ofEntries(
          Map.entry("eng", "en"),
          Map.entry("cmn", "zh"),
          Map.entry("zho", "zh"),
          Map.entry("jpn", "ja"),
          Map.entry("kor", "ko"),
          Map.entry("fra", "fr"),
          Map.entry("deu", "de"),
          Map.entry("spa", "es"),
          Map.entry("ita", "it"),
          Map.entry("por", "pt"),
          Map.entry("rus", "ru"),
          Map.entry("ara", "ar"),
          Map.entry("nld", "nl"),
          Map.entry("swe", "sv"),
          Map.entry("pol", "pl"),
          Map.entry("tur", "tr"),
          Map.entry("vie", "vi"),
          Map.entry("ind", "id"),
          Map.entry("tha", "th"),
          Map.entry("hin", "hi"));

  private static volatile LanguageDetectorModel model;

  private final LanguageDetectorME detector;

  public LanguageDetector() {
    this.detector = new LanguageDetectorME(model());
  }

  /** The language of {@code text}: Han script decides Chinese, OpenNLP's n-gram model the rest. */
  public synchronized String detect(String text) {
    int han = 0;
    int kana = 0;
    int hangul = 0;
    int letters = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (!Character.isLetter(c)) {
        continue;
      }
      letters++;
      Character.UnicodeScript script = Character.UnicodeScript.of(c);
      switch (script) {
        case HAN -> han++;
        case HIRAGANA, KATAKANA -> kana++;
        case HANGUL -> hangul++;
        default -> {}
      }
    }
    if (letters == 0) {
      return UNDETERMINED;
    }
    // A Latin word or brand name inside Chinese text must not flip it to English, so Han script
    // decides by share of letters rather than by the n-gram model, which is weak on short text.
    if (kana > 0 && 3 * (kana + han) >= letters) {
      return "ja";
    }
    if (hangul > 0 && 3 * hangul >= letters) {
      return "ko";
    }
    if (han > 0 && 5 * han >= letters) {
      return "zh";
    }
    String raw = detector.predictLanguage(text).getLang();
    String code = ISO_639_1.get(raw);
    if (code == null) {
      return raw; // outside the table: the model's ISO 639-3 code
    }
    // Without CJK script the model's guess of a CJK language (short, romanization-like text) is
    // noise.
    return code.equals("zh") || code.equals("ja") || code.equals("ko") ? UNDETERMINED : code;
  }

  private static LanguageDetectorModel model() {
    if (model == null) {
      synchronized (LanguageDetector.class) {
        if (model == null) {
          try (InputStream in = LanguageDetector.class.getResourceAsStream("/langdetect-183.bin")) {
            if (in == null) {
              throw new IllegalStateException("langdetect-183.bin is not on the class path");
            }
            model = new LanguageDetectorModel(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return model;
  }
}
