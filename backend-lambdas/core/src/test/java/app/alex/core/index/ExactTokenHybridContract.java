package app.alex.core.index;

import app.alex.core.chunk.SentenceChunker;
import app.alex.core.embed.Embedder;
import app.alex.core.extract.FileExtractor;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestOptions;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hybrid search on real text through the real index: a query for an exact token that only one
 * passage holds must rank that passage first. A model cannot read a part number; it places some
 * unrelated passage first by "meaning" while the passage holding the token is nowhere near its top
 * 50. Each is first in one ranking only, and fusion weighs keyword ranks below semantic ones; the
 * passage holding the token must still come first (keyword search finds it alone, or far ahead of
 * the next), whatever the document ids. Each index holds to it: Lucene with BM25, S3 Vectors with
 * the passages holding the query's exact terms.
 */
public abstract class ExactTokenHybridContract {
    /** Debian's copies of common licences: real legal prose, many more passages than fusion takes from each ranking (50). */
    private static final Path LICENSES = Path.of("/usr/share/common-licenses");
    private static final List<String> CORPUS = List.of("GPL-3", "Apache-2.0", "MPL-2.0", "LGPL-2.1");
    private static final String[] TOKENS = {"qzx7741", "vkr2093", "wplm5518", "jtq0826", "hxz3390", "bnw6612",
            "fyd4457", "mgc9183"};

    @TempDir
    protected Path dir;

    /** A fresh, empty index of {@link HashingEmbedder#DIMENSION} dimensions. */
    protected abstract VectorIndex newIndex() throws Exception;

    /**
     * The model stand-in: bag-of-words vectors, except that a lone code (a word with digits) is
     * read as if it were about licence terms, as a real model reads an unknown code as something it is not.
     */
    private final Embedder modelThatCannotReadCodes = HashingEmbedder.reading(
            t -> t.strip().matches("\\w*\\d\\w*") ? "license software terms work copyright" : t);

    @Test
    void aQueryForAUniqueExactTokenRanksThePassageHoldingItFirstInHybridSearch() throws Exception {
        assumeTrue(CORPUS.stream().allMatch(name -> Files.isRegularFile(LICENSES.resolve(name))),
                "needs Debian's /usr/share/common-licenses (package base-files) as the real-text corpus");
        Path corpus = Files.createDirectories(dir.resolve("licenses"));
        for (String name : CORPUS) {
            Files.copy(LICENSES.resolve(name), corpus.resolve(name + ".txt"));
        }
        var index = newIndex();
        try {
            var ingest = new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer(120), 120, 20),
                    modelThatCannotReadCodes, index, Clock.systemUTC());
            var search = new SearchService(modelThatCannotReadCodes, index);
            ingest.ingestPaths(List.of(corpus), IngestOptions.DEFAULTS, IngestListener.NONE);
            Map<String, String> documentOfToken = new LinkedHashMap<>();
            for (String token : TOKENS) {
                documentOfToken.put(token, ingest.ingestText(TextIngestRequest.of(
                        "Purchase order " + token + " covers roof repair at Leeds warehouse, paid in March.",
                        "Order " + token, "orders/" + token)).documentId());
            }
            assertThat(index.stats().chunks()).as("passages").isGreaterThan(150);

            var losers = new ArrayList<String>();
            for (var entry : documentOfToken.entrySet()) {
                List<SearchHit> semantic = search.search(new SearchRequest(entry.getKey(), 50, SearchFilter.NONE,
                        SearchMode.SEMANTIC)).results();
                assertThat(semantic).as("the model's top 50 for " + entry.getKey())
                        .noneMatch(hit -> hit.documentId().equals(entry.getValue()));
                List<SearchHit> hybrid = search.search(new SearchRequest(entry.getKey(), 5, SearchFilter.NONE,
                        SearchMode.HYBRID)).results();
                if (!hybrid.getFirst().documentId().equals(entry.getValue())) {
                    losers.add(entry.getKey() + " lost to " + hybrid.getFirst().title() + " at " + hybrid.getFirst().score());
                }
            }
            assertThat(losers).as("exact tokens whose passage was not first").isEmpty();
        } finally {
            index.close();
        }
    }
}
