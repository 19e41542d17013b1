package app.alex.research.feed;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.research.Citation;
import app.alex.core.research.ResearchJson;
import app.alex.core.research.ResearchReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.LineBreakRendering;
import org.commonmark.renderer.text.TextContentRenderer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a report is kept as data in a knowledge-base attribute: its {@link ResearchJson} (the API's own
 * codec, so every field comes back, citations with their document ids, passages and pages, and
 * the read state), gzip-compressed and base64-encoded. Compressed because the attribute lands in
 * the S3 Vectors record vector, whose metadata is capped at 40 KB: a 4,096-token report with a
 * few dozen quoted sources is 40-70 KB of JSON and about a third of that compressed. Also the
 * report's plain text, which is what gets indexed for search.
 */
final class StoredReport {
    /**
     * Room for the encoded report in one document record. S3 Vectors allows 40 KB of metadata per
     * vector and the record also holds the title, source, tags and the other attributes; staying
     * under Lucene's 32,766-byte term limit too keeps the value safe for any adapter that indexes it.
     */
    static final int MAX_ENCODED_CHARS = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Parser MARKDOWN = Parser.builder().build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder()
            .lineBreakRendering(LineBreakRendering.SEPARATE_BLOCKS).build();
    /** Quote lengths tried, in turn, when a report is too large to keep whole. */
    private static final List<Integer> QUOTE_BUDGETS = List.of(300, 100, 0);

    private StoredReport() {
    }

    /**
     * The report as it will be stored: unchanged when it fits (nearly always); otherwise with its
     * quotes shortened (they are copies of stored passages and fetched pages, the report text and
     * every source stay whole).
     */
    static ResearchReport fitted(ResearchReport report) {
        if (encode(report).length() <= MAX_ENCODED_CHARS) {
            return report;
        }
        for (int budget : QUOTE_BUDGETS) {
            ResearchReport shorter = withQuotes(report, budget);
            if (encode(shorter).length() <= MAX_ENCODED_CHARS) {
                return shorter;
            }
        }
        throw new AlexException(ErrorCode.PAYLOAD_TOO_LARGE, "The report \"" + report.title() + "\" is too long to store ("
                + encode(withQuotes(report, 0)).length() / 1024 + " KB compressed; the limit is " + MAX_ENCODED_CHARS / 1024
                + " KB). Research a narrower topic.");
    }

    static String encode(ResearchReport report) {
        var bytes = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(bytes)) {
            JSON.writeValue(gzip, ResearchJson.report(report));
        } catch (IOException e) {
            throw new UncheckedIOException("compressing a report in memory", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** @throws IllegalArgumentException when the value is not a stored report */
    static ResearchReport decode(String value) {
        try (var gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(value)))) {
            return ResearchJson.report(JSON.readTree(gzip));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a stored research report (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The words of the report without its Markdown markup (no "##", no "**"), for the searchable passages. */
    static String plainText(String markdown) {
        String text = TEXT.render(MARKDOWN.parse(markdown)).strip();
        return text.isEmpty() ? markdown : text;
    }

    private static ResearchReport withQuotes(ResearchReport r, int maxChars) {
        List<Citation> citations = r.citations().stream().map(c -> new Citation(c.number(), c.kind(), c.documentId(),
                c.chunkIndex(), c.page(), c.title(), c.source(), shorten(c.quote(), maxChars))).toList();
        return new ResearchReport(r.id(), r.topic(), r.title(), r.markdown(), citations, r.createdAt(), r.model(),
                r.extractive(), r.trigger(), r.tickers(), r.read());
    }

    private static String shorten(String quote, int maxChars) {
        if (quote == null || quote.length() <= maxChars) {
            return quote;
        }
        return maxChars == 0 ? "" : quote.substring(0, maxChars) + "...";
    }
}
