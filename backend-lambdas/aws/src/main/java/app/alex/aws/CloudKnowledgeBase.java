package app.alex.aws;

import app.alex.aws.s3vectors.S3VectorsIndex;
import app.alex.aws.sagemaker.SageMakerEmbedder;
import app.alex.core.backend.ServiceKnowledgeBase;
import app.alex.core.chunk.SentenceChunker;
import app.alex.core.chunk.Tokenizer;
import app.alex.core.embed.Embedder;
import app.alex.core.error.ErrorCode;
import app.alex.core.extract.ExtractedDocument;
import app.alex.core.extract.ExtractionException;
import app.alex.core.extract.TextExtractor;
import java.nio.file.Path;
import app.alex.core.index.VectorIndex;
import app.alex.core.ingest.IngestService;
import app.alex.core.library.LibraryService;
import app.alex.core.search.SearchService;
import app.alex.minilm.MiniLmTokenizer;

import java.time.Clock;
import java.util.Map;

/**
 * The knowledge base as the cloud runs it (the API Lambdas and the researcher): the same use cases as on one machine, with SageMaker
 * for embeddings and S3 Vectors for the index. Built once per execution environment at init
 * (SDK clients with an explicit region and the URL-connection HTTP client; no network call until
 * the first request, so SnapStart snapshots it safely).
 *
 * <pre>
 * AWS_REGION                 set by Lambda
 * ALEX_VECTOR_BUCKET         S3 Vectors bucket name
 * ALEX_VECTOR_INDEX          S3 Vectors index name (384 dimensions, cosine, "text" non-filterable)
 * ALEX_EMBEDDINGS_ENDPOINT   SageMaker endpoint serving all-MiniLM-L6-v2 (feature-extraction)
 * </pre>
 */
public final class CloudKnowledgeBase {
    /**
     * The API takes text (clients extract files on their side, which keeps PDF and Office parsing
     * out of the functions and their jar): nothing in the cloud reads files.
     */
    private static final TextExtractor TEXT_ONLY = new TextExtractor() {
        @Override
        public ExtractedDocument extract(Path file) throws ExtractionException {
            throw new ExtractionException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The cloud API takes text; extract files on the client.");
        }

        @Override
        public ExtractedDocument extract(byte[] content, String fileName) throws ExtractionException {
            throw new ExtractionException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The cloud API takes text; extract files on the client.");
        }
    };
    private CloudKnowledgeBase() {
    }

    public static ServiceKnowledgeBase fromEnvironment(Map<String, String> env) {
        // The tokenizer's native library is unpacked into DJL's cache; on Lambda only /tmp is writable.
        if (System.getProperty("DJL_CACHE_DIR") == null && env.get("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", "/tmp/djl");
        }
        // One tokenizer sizes the chunks and the embedding requests.
        MiniLmTokenizer tokenizer = MiniLmTokenizer.load();
        return wire(SageMakerEmbedder.fromEnvironment(env, tokenizer), S3VectorsIndex.fromEnvironment(env), tokenizer,
                Clock.systemUTC());
    }

    public static ServiceKnowledgeBase wire(Embedder embedder, VectorIndex index, Tokenizer tokenizer, Clock clock) {
        return new ServiceKnowledgeBase(new IngestService(TEXT_ONLY, new SentenceChunker(tokenizer), embedder,
                index, clock), new SearchService(embedder, index), new LibraryService(index));
    }
}
