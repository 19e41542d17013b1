package app.alex.aws.s3vectors;

import app.alex.aws.client.AwsClients;
import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.core.chunk.SentenceChunker;
import app.alex.core.document.DocumentRecord;
import app.alex.core.extract.FileExtractor;
import app.alex.core.index.IndexQuery;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.IngestService;
import app.alex.core.ingest.IngestStatus;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.search.SearchMode;
import app.alex.core.testing.HashingEmbedder;
import app.alex.core.testing.WordTokenizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.s3vectors.S3VectorsClient;
import software.amazon.awssdk.services.s3vectors.model.GetOutputVector;
import software.amazon.awssdk.services.s3vectors.model.ListOutputVector;
import software.amazon.awssdk.services.s3vectors.model.PutInputVector;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cloud index written before passages carried exact terms: ingesting the same documents again
 * brings them up to the current layout from their own stored vectors (no model call, so in the
 * cloud no SageMaker request), and the word half of hybrid search then finds their codes.
 */
class S3VectorsLayoutUpgradeTest {
    private static final String ORDER = "Purchase order QZX-7741 covers roof repair at the Leeds warehouse, paid in March.";
    private static final String REVENUE = "Revenue grew nine percent on services while hardware margins narrowed.";

    private final HashingEmbedder embedder = new HashingEmbedder();
    private FakeS3Vectors fake;
    private S3VectorsIndex index;
    private IngestService ingest;

    @BeforeEach
    void start() {
        fake = new FakeS3Vectors().createIndex("kb", "chunks");
        index = S3VectorsIndex.create(fake.clientSettings(), "kb", "chunks");
        ingest = new IngestService(new FileExtractor(), new SentenceChunker(new WordTokenizer(120), 120, 20), embedder,
                index, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        index.close();
        fake.close();
    }

    @Test
    void reingestingAnUnchangedDocumentWrittenBeforeExactTermsStoresItAgainFromItsOwnVectors() {
        IngestResult order = ingest.ingestText(TextIngestRequest.of(ORDER, "Order", "orders/qzx"));
        ingest.ingestText(TextIngestRequest.of(REVENUE, "Results", "notes/results"));
        DocumentRecord before = index.document(order.documentId()).orElseThrow();
        rewriteAsAnEarlierVersionWroteIt();
        assertThat(index.storedInCurrentLayout(order.documentId())).isFalse();
        assertThat(orderFoundByItsCode()).as("no stored terms: the word half cannot see the order").isFalse();
        long embeddedBefore = embedder.embeddedCount();

        IngestResult again = ingest.ingestText(TextIngestRequest.of(ORDER, "Order", "orders/qzx"));

        assertThat(again.status()).as("to the analyst nothing changed").isEqualTo(IngestStatus.UNCHANGED);
        assertThat(embedder.embeddedCount()).as("vectors reused, no model call").isEqualTo(embeddedBefore);
        assertThat(index.storedInCurrentLayout(order.documentId())).isTrue();
        assertThat(index.document(order.documentId()).orElseThrow())
                .as("date and arrival kept").isEqualTo(before);
        assertThat(orderFoundByItsCode()).isTrue();

        IngestResult third = ingest.ingestText(TextIngestRequest.of(ORDER, "Order", "orders/qzx"));
        assertThat(third.status()).isEqualTo(IngestStatus.UNCHANGED);
        assertThat(index.storedInCurrentLayout("missing")).as("nothing stored is nothing to upgrade").isTrue();
    }

    /** Whether a hybrid query aimed by meaning at the revenue note still puts the order first by its code. */
    private boolean orderFoundByItsCode() {
        var hits = index.search(new IndexQuery(embedder.embed(REVENUE), "qzx-7741 revenue", 2, null, SearchMode.HYBRID));
        return !hits.isEmpty() && hits.getFirst().document().source().equals("orders/qzx");
    }

    /** Every vector written again through the service's own API without the fields an earlier version did not write. */
    private void rewriteAsAnEarlierVersionWroteIt() {
        try (S3VectorsClient client = AwsClients.s3Vectors(fake.clientSettings())) {
            List<String> keys = client.listVectors(r -> r.vectorBucketName("kb").indexName("chunks")).vectors().stream()
                    .map(ListOutputVector::key).toList();
            List<GetOutputVector> stored = client.getVectors(r -> r.vectorBucketName("kb").indexName("chunks").keys(keys)
                    .returnData(true).returnMetadata(true)).vectors();
            List<PutInputVector> older = stored.stream().map(vector -> {
                var metadata = new LinkedHashMap<>(vector.metadata().asMap());
                metadata.remove(VectorMetadata.TERMS);
                metadata.remove(VectorMetadata.LAYOUT);
                return PutInputVector.builder().key(vector.key()).data(vector.data())
                        .metadata(Document.fromMap(metadata)).build();
            }).toList();
            client.putVectors(r -> r.vectorBucketName("kb").indexName("chunks").vectors(older));
        }
    }
}
