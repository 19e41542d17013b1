package app.alex.core.ingest;

import app.alex.core.chunk.SentenceChunker;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.extract.FileExtractor;
import app.alex.core.index.DocumentQuery;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.InMemoryVectorIndex;
import app.alex.core.testing.WordTokenizer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A title, source or tag longer than an index can keep as one term (Lucene: 32,766 bytes) is a
 * clear 400 from the use case, for every entry point, and nothing is stored.
 */
class FieldLimitsTest {
    private final InMemoryVectorIndex index = new InMemoryVectorIndex();
    private final IngestService ingest = new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer()),
            new HashingEmbedder(), index, Clock.systemUTC());
    private final String huge = "é".repeat(40_000); // 80,000 bytes in UTF-8

    private static TextIngestRequest request(String title, String source, List<String> tags) {
        return new TextIngestRequest(null, "Some text worth keeping.", title, source, null, tags, null, null, null);
    }

    @Test
    void anOverlongTitleSourceOrTagIsABadRequestNamingTheFieldAndItsLimit() {
        assertThatThrownBy(() -> ingest.ingestText(request(huge, "/a", List.of())))
                .isInstanceOfSatisfying(AlexException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining("title").hasMessageContaining("at most " + FieldLimits.MAX_TITLE_CHARS);
        assertThatThrownBy(() -> ingest.ingestText(request("t", huge, List.of())))
                .isInstanceOf(AlexException.class).hasMessageContaining("source");
        assertThatThrownBy(() -> ingest.ingestText(request("t", "/a", List.of("ok", huge))))
                .isInstanceOf(AlexException.class).hasMessageContaining("tag");

        assertThat(index.list(DocumentQuery.firstPage(10)).documents()).isEmpty();
    }

    @Test
    void valuesAtTheLimitsAreStored() {
        var result = ingest.ingestText(request("t".repeat(FieldLimits.MAX_TITLE_CHARS), "/" + "s".repeat(FieldLimits.MAX_SOURCE_CHARS - 1),
                List.of("g".repeat(FieldLimits.MAX_TAG_CHARS))));

        assertThat(result.title()).hasSize(FieldLimits.MAX_TITLE_CHARS);
    }
}
