package app.alex.aws.fakes;

import app.alex.aws.client.AwsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.s3vectors.S3VectorsClient;
import software.amazon.awssdk.services.s3vectors.model.ListVectorsResponse;
import software.amazon.awssdk.services.s3vectors.model.PutInputVector;
import software.amazon.awssdk.services.s3vectors.model.ValidationException;
import software.amazon.awssdk.services.s3vectors.model.VectorData;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The fake refuses what S3 Vectors refuses, through the real SDK client. Each test fails on the
 * permissive fake this one replaced (which took every one of these requests).
 */
class FakeS3VectorsTest {
    private FakeS3Vectors fake;
    private S3VectorsClient client;

    @BeforeEach
    void start() {
        fake = new FakeS3Vectors().createIndex("kb", "chunks");
        client = AwsClients.s3Vectors(fake.clientSettings(FakeAwsServer.fastPolicy().withMaxAttempts(1)));
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    private static List<Float> unit(int axis) {
        var v = new ArrayList<>(Collections.nCopies(384, 0f));
        v.set(axis, 1f);
        return v;
    }

    private static PutInputVector vector(String key, List<Float> data, Map<String, Document> metadata) {
        return PutInputVector.builder().key(key).data(VectorData.fromFloat32(data)).metadata(Document.fromMap(metadata)).build();
    }

    private static Map<String, Document> text(int characters) {
        return Map.of("text", Document.fromString("x".repeat(characters)));
    }

    private ValidationException refusedPut(PutInputVector... vectors) {
        return catchThrowableOfType(ValidationException.class,
                () -> client.putVectors(r -> r.vectorBucketName("kb").indexName("chunks").vectors(vectors)));
    }

    @Test
    void metadataOver40KbPerVectorIsRefusedEvenWhenItIsNotFilterable() {
        var error = refusedPut(vector("a", unit(0), text(41 * 1024)));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.getMessage()).contains("Metadata of vector a has", "maximum is 40960");
        assertThat(fake.keys("kb", "chunks")).isEmpty();
    }

    @Test
    void moreThan50MetadataKeysOnOneVectorAreRefused() {
        var metadata = new LinkedHashMap<String, Document>();
        for (int i = 0; i < 51; i++) {
            metadata.put("k" + i, Document.fromNumber(i));
        }

        var error = refusedPut(vector("a", unit(0), metadata));

        assertThat(error.getMessage()).contains("51 keys", "maximum is 50");
    }

    @Test
    void aVectorKeyLongerThan1024CharactersIsRefused() {
        var error = refusedPut(vector("k".repeat(1025), unit(0), Map.of()));

        assertThat(error.getMessage()).contains("1 to 1024 characters");
    }

    @Test
    void zeroNanAndInfiniteVectorsAreRefusedOnACosineIndex() {
        var zero = new ArrayList<>(Collections.nCopies(384, 0f));
        var nan = unit(0);
        nan.set(3, Float.NaN);
        var infinite = unit(0);
        infinite.set(3, Float.POSITIVE_INFINITY);

        assertThat(refusedPut(vector("zero", zero, Map.of())).getMessage()).contains("zero vector");
        assertThat(refusedPut(vector("nan", nan, Map.of())).getMessage()).contains("finite");
        assertThat(refusedPut(vector("inf", infinite, Map.of())).getMessage()).contains("finite");
        var query = catchThrowableOfType(ValidationException.class, () -> client.queryVectors(r -> r
                .vectorBucketName("kb").indexName("chunks").topK(3).queryVector(VectorData.fromFloat32(zero))));
        assertThat(query.getMessage()).contains("the query vector", "zero vector");
        assertThat(fake.keys("kb", "chunks")).isEmpty();
    }

    @Test
    void aPutVectorsRequestOver20MiBIsRefusedThoughEachVectorIsWithinItsLimits() {
        var random = new java.util.Random(7);
        var vectors = new ArrayList<PutInputVector>();
        for (int i = 0; i < 500; i++) {
            var data = new ArrayList<Float>();
            for (int d = 0; d < 384; d++) {
                data.add((float) random.nextGaussian());
            }
            vectors.add(vector("v" + i, data, text(39 * 1024)));
        }

        var error = refusedPut(vectors.toArray(PutInputVector[]::new));

        assertThat(error.getMessage()).contains("maximum is 20971520 (20 MiB)");
        assertThat(fake.keys("kb", "chunks")).isEmpty();
    }

    @Test
    void aValidationErrorCarriesTheFieldListTheServiceSends() {
        var error = refusedPut(vector("k".repeat(1025), unit(0), Map.of()));

        assertThat(error.fieldList()).isNotEmpty();
        assertThat(error.fieldList().getFirst().message()).contains("1 to 1024 characters");
    }

    @Test
    void aListVectorsPageStopsBefore1MbAndTheNextTokenLeadsToTheRest() {
        for (int batch = 0; batch < 4; batch++) {
            var vectors = new ArrayList<PutInputVector>();
            for (int i = 0; i < 25; i++) {
                int n = batch * 25 + i;
                vectors.add(vector("v%03d".formatted(n), unit(n), text(30 * 1024)));
            }
            client.putVectors(r -> r.vectorBucketName("kb").indexName("chunks").vectors(vectors));
        }

        ListVectorsResponse first = client.listVectors(r -> r.vectorBucketName("kb").indexName("chunks")
                .maxResults(100).returnMetadata(true));

        assertThat(first.vectors().size()).isLessThan(100).isGreaterThan(10);
        assertThat(first.nextToken()).isNotBlank();
        var keys = new ArrayList<String>();
        first.vectors().forEach(v -> keys.add(v.key()));
        String token = first.nextToken();
        while (token != null) {
            String next = token;
            ListVectorsResponse page = client.listVectors(r -> r.vectorBucketName("kb").indexName("chunks")
                    .maxResults(100).returnMetadata(true).nextToken(next));
            page.vectors().forEach(v -> keys.add(v.key()));
            token = page.nextToken();
        }
        assertThat(keys).hasSize(100).doesNotHaveDuplicates();
    }
}
