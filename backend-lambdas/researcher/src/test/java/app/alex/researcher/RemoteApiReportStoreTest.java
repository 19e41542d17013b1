package app.alex.researcher;

import app.alex.api.ApiKeys;
import app.alex.api.ApiRouter;
import app.alex.api.LocalApiServer;
import app.alex.aws.CloudKnowledgeBase;
import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.aws.fakes.FakeSageMakerEndpoint;
import app.alex.aws.fakes.HashedTokens;
import app.alex.aws.s3vectors.S3VectorsIndex;
import app.alex.aws.sagemaker.SageMakerEmbedder;
import app.alex.client.RemoteKnowledgeBase;
import app.alex.core.backend.KnowledgeBase;
import app.alex.minilm.MiniLmTokenizer;
import app.alex.research.feed.ReportStoreContract;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * The feed kept through the knowledge-base HTTP API (what the desktop does in Remote mode without
 * a researcher service): the real remote client, the API's router on a loopback server, and behind
 * it the cloud adapters against the S3 Vectors and SageMaker fakes. The report travels as a
 * document attribute, within the API's limits.
 */
class RemoteApiReportStoreTest extends ReportStoreContract {
    private static final MiniLmTokenizer TOKENIZER = MiniLmTokenizer.load();
    private static final String KEY = "report-store-key";
    private FakeS3Vectors s3Vectors;
    private FakeSageMakerEndpoint sageMaker;
    private LocalApiServer server;

    @Override
    protected KnowledgeBase newKnowledgeBase() throws Exception {
        s3Vectors = new FakeS3Vectors().createIndex("alex-kb", "chunks", 384, Set.of("text"));
        sageMaker = new FakeSageMakerEndpoint("alex-minilm", HashedTokens::of);
        var cloud = CloudKnowledgeBase.wire(SageMakerEmbedder.create(sageMaker.clientSettings(), "alex-minilm", TOKENIZER),
                S3VectorsIndex.create(s3Vectors.clientSettings(), "alex-kb", "chunks"), TOKENIZER, Clock.systemUTC());
        server = LocalApiServer.start("127.0.0.1", 0, new ApiRouter(cloud, ApiKeys.parse(KEY)), null);
        return new RemoteKnowledgeBase(server.uri(), KEY, Duration.ofSeconds(20));
    }

    @Override
    protected void closeKnowledgeBase() {
        kb.close();
        server.close();
        s3Vectors.close();
        sageMaker.close();
    }
}
