package app.alex.aws.s3vectors;

import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.core.index.ExactTokenHybridContract;
import app.alex.core.index.VectorIndex;
import org.junit.jupiter.api.AfterEach;

/**
 * The cloud index, through the real SDK client against the strict fake: S3 Vectors has no
 * full-text ranking, so the passage holding the token is found by its stored exact terms.
 */
class S3VectorsExactTokenHybridTest extends ExactTokenHybridContract {
    private FakeS3Vectors fake;

    @Override
    protected VectorIndex newIndex() {
        fake = new FakeS3Vectors().createIndex("kb", "chunks");
        return S3VectorsIndex.create(fake.clientSettings(), "kb", "chunks");
    }

    @AfterEach
    void stopFake() {
        if (fake != null) {
            fake.close();
        }
    }
}
