package app.alex.minilm;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import app.alex.core.chunk.Tokenizer;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The all-MiniLM-L6-v2 WordPiece tokenizer (Hugging Face tokenizers through DJL), loaded from the
 * tokenizer JSON bundled in the model jar. That JSON truncates and pads to 128 pieces; Alex
 * overrides both: counting uses no truncation, the model input truncates at 256 (the window
 * sentence-transformers uses) with padding done per batch.
 */
public final class MiniLmTokenizer implements Tokenizer, AutoCloseable {
    static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";
    /** sentence-transformers' max_seq_length for this model, including [CLS] and [SEP]. */
    public static final int MAX_SEQUENCE = 256;

    static {
        DjlOffline.apply(); // before any DJL class is initialised: no metadata probe, no telemetry
    }

    private final HuggingFaceTokenizer counting;
    private final HuggingFaceTokenizer modelInput;

    private MiniLmTokenizer(HuggingFaceTokenizer counting, HuggingFaceTokenizer modelInput) {
        this.counting = counting;
        this.modelInput = modelInput;
    }

    public static MiniLmTokenizer load() {
        return new MiniLmTokenizer(
                open(Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false")),
                open(Map.of("addSpecialTokens", "true", "truncation", "true", "maxLength", Integer.toString(MAX_SEQUENCE),
                        "padding", "false")));
    }

    private static HuggingFaceTokenizer open(Map<String, String> options) {
        try (InputStream in = MiniLmTokenizer.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
            if (in == null) {
                throw new AlexException(ErrorCode.INTERNAL, "The MiniLM tokenizer is missing from the installation ("
                        + TOKENIZER_RESOURCE + "); reinstall Alex.");
            }
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException e) {
            throw new AlexException(ErrorCode.INTERNAL, "The MiniLM tokenizer could not be loaded: " + e.getMessage(), e);
        }
    }

    @Override
    public List<TokenSpan> tokenize(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        Encoding encoding = counting.encode(text);
        CharSpan[] spans = encoding.getCharTokenSpans();
        var out = new ArrayList<TokenSpan>(spans.length);
        for (CharSpan span : spans) {
            if (span != null) {
                out.add(new TokenSpan(span.getStart(), span.getEnd()));
            }
        }
        return out;
    }

    @Override
    public int maxContentTokens() {
        return MAX_SEQUENCE - 2;
    }

    /** Model input for one text: ids with [CLS]/[SEP], truncated at 256, unpadded. */
    long[] inputIds(String text) {
        return modelInput.encode(text).getIds();
    }

    @Override
    public void close() {
        counting.close();
        modelInput.close();
    }
}
