package app.alex.aws.s3vectors;

import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.core.index.VectorIndex;
import app.alex.core.index.VectorIndexContract;
import org.junit.jupiter.api.AfterEach;

/** The whole VectorIndex contract, through the real SDK client, against a fake S3 Vectors on loopback. */
class S3VectorsIndexContractTest extends VectorIndexContract {
    private FakeS3Vectors fake;

    @Override
    protected VectorIndex newIndex() {
        fake = new FakeS3Vectors().createIndex("kb", "chunks");
        return S3VectorsIndex.create(fake.clientSettings(), "kb", "chunks");
    }

    /** S3 Vectors has no keyword ranking: the contract's keyword checks run semantically. */
    @Override
    protected boolean supportsKeywordRanking() {
        return false;
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }
}
