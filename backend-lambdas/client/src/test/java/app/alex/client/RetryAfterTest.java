package app.alex.client;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRouter;
import app.alex.api.LocalApiServer;
import app.alex.api.RateLimiter;
import app.alex.core.backend.ServiceKnowledgeBase;
import app.alex.core.chunk.SentenceChunker;
import app.alex.core.embed.Embedder;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.error.RetryLaterException;
import app.alex.core.extract.FileExtractor;
import app.alex.core.ingest.IngestService;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.library.LibraryService;
import app.alex.core.search.SearchRequest;
import app.alex.core.search.SearchService;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.InMemoryVectorIndex;
import app.alex.core.testing.WordTokenizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The remote client against the real local server whose embedding model is starting (it answers
 * 503 with Retry-After): the client waits as asked, tells a listener why, and tries again.
 */
class RetryAfterTest {
    private static final String STARTING = "The cloud embedding model is starting (it was idle and is loading again);"
            + " try again in 15 s.";

    /** Starting for the first {@code coldCalls} calls, then the hashing embedder. */
    private static class StartingEmbedder implements Embedder {
        final HashingEmbedder warm = new HashingEmbedder();
        final AtomicInteger coldCalls;

        StartingEmbedder(int coldCalls) {
            this.coldCalls = new AtomicInteger(coldCalls);
        }

        @Override
        public String modelId() {
            return warm.modelId();
        }

        @Override
        public int dimension() {
            return warm.dimension();
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            if (coldCalls.getAndDecrement() > 0) {
                throw new RetryLaterException(STARTING, Duration.ofSeconds(15), null);
            }
            return warm.embed(texts);
        }
    }

    private final List<RetryStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final InMemoryVectorIndex index = new InMemoryVectorIndex();
    private LocalApiServer server;
    private RemoteKnowledgeBase remote;

    private void start(Embedder embedder) throws Exception {
        var kb = new ServiceKnowledgeBase(new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer()),
                embedder, index, Clock.systemUTC()), new SearchService(embedder, index), new LibraryService(index));
        server = LocalApiServer.start("127.0.0.1", 0, new ApiRouter(kb, ApiKeys.parse("secret")),
                new RateLimiter(1000, 1000, System::nanoTime));
        remote = new RemoteKnowledgeBase(server.uri(), "secret", Duration.ofSeconds(10)).onRetry(statuses::add);
        remote.transport().sleeper(waits::add);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSearchWhileTheModelStartsWaitsAsAskedTellsWhyAndThenSucceeds() throws Exception {
        start(new StartingEmbedder(2));

        var response = remote.search(SearchRequest.of("dividends", 3));

        assertThat(response.results()).isEmpty();
        assertThat(waits).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(15));
        assertThat(statuses).extracting(RetryStatus::describe).containsExactly(
                "Waiting 15 s, then trying again (2 of 12): " + STARTING,
                "Waiting 15 s, then trying again (3 of 12): " + STARTING);
    }

    @Test
    void anIngestRefusedWhileTheModelStartsIsSentAgainAndStoredOnce() throws Exception {
        start(new StartingEmbedder(1));

        var result = remote.ingest(TextIngestRequest.of("Dividends rose for the fifth year.", "Note", "note.txt"));

        assertThat(result.chunkCount()).isEqualTo(1);
        assertThat(index.stats().documents()).isEqualTo(1);
        assertThat(statuses).hasSize(1);
    }

    @Test
    void aModelThatNeverStartsGivesUpAfterTheLastTryWithTheServersMessage() throws Exception {
        start(new StartingEmbedder(Integer.MAX_VALUE));

        var error = catchThrowableOfType(AlexException.class, () -> remote.search(SearchRequest.of("dividends", 3)));

        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.getMessage()).isEqualTo(STARTING);
        assertThat(waits).hasSize(JsonHttp.MOST_ATTEMPTS - 1);
    }

    @Test
    void a503WithoutRetryAfterIsNotRetried() throws Exception {
        start(new StartingEmbedder(0) {
            @Override
            public List<float[]> embed(List<String> texts) {
                throw new AlexException(ErrorCode.UNAVAILABLE, "The vector store (S3 Vectors) failed.");
            }
        });

        var error = catchThrowableOfType(AlexException.class, () -> remote.search(SearchRequest.of("dividends", 3)));

        assertThat(error.getMessage()).isEqualTo("The vector store (S3 Vectors) failed.");
        assertThat(waits).isEmpty();
        assertThat(statuses).isEmpty();
    }
}
