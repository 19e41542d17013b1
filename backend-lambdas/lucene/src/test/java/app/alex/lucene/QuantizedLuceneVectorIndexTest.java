package app.alex.lucene;

import app.alex.core.document.DocumentType;
import app.alex.core.index.VectorIndex;
import app.alex.core.index.VectorIndexContract;
import app.alex.core.search.SearchMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same contract with the graph holding 7-bit quantised vectors (measured in BENCHMARKS.md, not the
 * default), and the switch between formats on an existing index: no re-ingest, nothing lost.
 */
class QuantizedLuceneVectorIndexTest extends VectorIndexContract {
    static final Tuning INT7 = new Tuning(Tuning.Vectors.INT7, 100);

    @TempDir
    Path dir;

    @Override
    protected VectorIndex newIndex() {
        return LuceneVectorIndex.open(dir.resolve("index"), 384, INT7);
    }

    @Test
    void anIndexWrittenWithFloatVectorsOpensWithTheOtherFormatAndCompactsIntoIt() {
        index.close();
        index = LuceneVectorIndex.open(dir.resolve("index"), 384, Tuning.DEFAULT);
        store(doc("float", DocumentType.DOCUMENT, List.of(), "/float", Instant.now(), 1), "dividends reinvested in the fund");
        index.close();

        index = newIndex();
        store(doc("quantised", DocumentType.NOTE, List.of(), "/q", Instant.now(), 1), "margin guidance for next quarter");
        index.compact();

        assertThat(((LuceneVectorIndex) index).segmentCount()).isEqualTo(1);
        assertThat(search("dividends reinvested in the fund", 1, null, SearchMode.SEMANTIC).getFirst().chunk().documentId())
                .isEqualTo("float");
        assertThat(search("margin guidance for next quarter", 1, null, SearchMode.SEMANTIC).getFirst().chunk().documentId())
                .isEqualTo("quantised");
    }
}
