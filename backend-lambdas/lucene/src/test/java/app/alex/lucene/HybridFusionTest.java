package app.alex.lucene;

import app.alex.core.chunk.SentenceChunker;
import app.alex.core.embed.Embedder;
import app.alex.core.extract.FileExtractor;
import app.alex.core.ingest.IngestService;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchService;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.WordTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hybrid fusion through the real index: the passage closest in meaning keeps a top place even
 * when dozens of passages are middling in both rankings, which rank fusion alone would put above it.
 */
class HybridFusionTest {
    private static final String QUESTION = "which regions saw sales decline and why";

    @TempDir
    Path dir;

    /**
     * The model stand-in: bag-of-words vectors, except that the one passage that answers the
     * question in other words ("Greater China revenue fell...") is read as meaning exactly the
     * question, as a real model reads a paraphrase.
     */
    private final Embedder modelThatReadsTheParaphrase = HashingEmbedder.reading(
            t -> t.contains("Greater China revenue fell") ? QUESTION : t);

    @Test
    void thePassageClosestInMeaningStaysInTheTopThreeAboveManyMiddlingMatches() throws IOException {
        var index = LuceneVectorIndex.open(dir.resolve("index"), HashingEmbedder.DIMENSION);
        try {
            var ingest = new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer(120), 120, 20),
                    modelThatReadsTheParaphrase, index, Clock.systemUTC());
            var search = new SearchService(modelThatReadsTheParaphrase, index);
            for (int n = 0; n < 40; n++) {
                ingest.ingestText(TextIngestRequest.of("Region " + n + " notes: sales of accessories in the region were "
                        + "steady; why the decline in unit " + n + " shipments saw no comment.", "Region note " + n,
                        "notes/region-" + n));
            }
            String answer = ingest.ingestText(TextIngestRequest.of("Greater China revenue fell 8% on weaker iPhone "
                    + "demand and the renminbi's fall against the dollar.", "Segment review", "notes/segments")).documentId();

            List<SearchHit> semantic = search.search(new SearchRequest(QUESTION, 5, SearchFilter.NONE, SearchMode.SEMANTIC))
                    .results();
            List<SearchHit> keyword = search.search(new SearchRequest(QUESTION, 50, SearchFilter.NONE, SearchMode.KEYWORD))
                    .results();
            assertThat(semantic.getFirst().documentId()).as("first by meaning").isEqualTo(answer);
            assertThat(keyword).as("keyword search does not find it: it shares no word with the question")
                    .noneMatch(hit -> hit.documentId().equals(answer)).hasSizeGreaterThan(30);

            List<SearchHit> hybrid = search.search(new SearchRequest(QUESTION, 10, SearchFilter.NONE, SearchMode.HYBRID))
                    .results();

            assertThat(hybrid.subList(0, 3)).extracting(SearchHit::documentId).contains(answer);
        } finally {
            index.close();
        }
    }
}
