package app.alex.core.testing;

import app.alex.core.backend.ServiceKnowledgeBase;
import app.alex.core.chunk.SentenceChunker;
import app.alex.core.extract.FileExtractor;
import app.alex.core.ingest.IngestService;
import app.alex.core.library.LibraryService;
import app.alex.core.search.SearchService;

import java.time.Clock;

/** A real knowledge base (the use cases) over the in-memory index and the hashing embedder: fast and deterministic. */
public final class TestKnowledgeBases {
    private TestKnowledgeBases() {
    }

    public static ServiceKnowledgeBase inMemory() {
        return inMemory(Clock.systemUTC());
    }

    public static ServiceKnowledgeBase inMemory(Clock clock) {
        var index = new InMemoryVectorIndex();
        var embedder = new HashingEmbedder();
        return new ServiceKnowledgeBase(new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer()),
                embedder, index, clock), new SearchService(embedder, index), new LibraryService(index));
    }
}
