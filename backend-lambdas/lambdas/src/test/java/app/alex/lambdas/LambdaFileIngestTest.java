package app.alex.lambdas;

import app.alex.aws.CloudKnowledgeBase;
import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.aws.fakes.FakeSageMakerEndpoint;
import app.alex.aws.fakes.HashedTokens;
import app.alex.aws.s3vectors.S3VectorsIndex;
import app.alex.aws.sagemaker.SageMakerEmbedder;
import app.alex.client.RemoteKnowledgeBase;
import app.alex.core.backend.KnowledgeBase;
import app.alex.core.chunk.Tokenizer;
import app.alex.core.ingest.FileIngestContract;
import app.alex.minilm.MiniLmTokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * The file-ingest contract through the cloud path: files extracted here, sent by the remote client
 * with their page spans to a loopback API Gateway stand-in, the Lambda handlers, and the real S3
 * Vectors and SageMaker SDK clients against local fakes of those services.
 */
class LambdaFileIngestTest extends FileIngestContract {
    private static final MiniLmTokenizer TOKENIZER = MiniLmTokenizer.load();
    private FakeS3Vectors s3Vectors;
    private FakeSageMakerEndpoint sageMaker;
    private LoopbackApiGateway gateway;

    @Override
    protected KnowledgeBase openKnowledgeBase(Path scratch) throws IOException {
        s3Vectors = new FakeS3Vectors().createIndex("alex-kb", "chunks", 384, Set.of("text"));
        sageMaker = new FakeSageMakerEndpoint("alex-minilm", HashedTokens::of);
        var kb = CloudKnowledgeBase.wire(SageMakerEmbedder.create(sageMaker.clientSettings(), "alex-minilm", TOKENIZER),
                S3VectorsIndex.create(s3Vectors.clientSettings(), "alex-kb", "chunks"), TOKENIZER, Clock.systemUTC());
        gateway = new LoopbackApiGateway(kb, null);
        return new RemoteKnowledgeBase(gateway.uri(), "any-key", Duration.ofSeconds(30));
    }

    @Override
    protected void closeKnowledgeBase() {
        gateway.close();
        s3Vectors.close();
        sageMaker.close();
    }

    @Override
    protected Tokenizer tokenizer() {
        return TOKENIZER;
    }
}
