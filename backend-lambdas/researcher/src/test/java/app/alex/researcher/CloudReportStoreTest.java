package app.alex.researcher;

import app.alex.aws.CloudKnowledgeBase;
import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.aws.fakes.FakeSageMakerEndpoint;
import app.alex.aws.fakes.HashedTokens;
import app.alex.aws.s3vectors.S3VectorsIndex;
import app.alex.aws.sagemaker.SageMakerEmbedder;
import app.alex.core.backend.KnowledgeBase;
import app.alex.minilm.MiniLmTokenizer;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.research.feed.KnowledgeBaseReportStore;
import app.alex.research.feed.ReportStoreContract;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed as the researcher Lambda and App Runner service keep it: in the cloud knowledge base,
 * through the real S3 Vectors and SageMaker SDK clients against local fakes of those services (the
 * fake refuses what S3 Vectors refuses, such as more than 40 KB of metadata in one vector). A
 * restart is a new knowledge base over the same index, as a new Lambda instance would open.
 */
class CloudReportStoreTest extends ReportStoreContract {
    private static final MiniLmTokenizer TOKENIZER = MiniLmTokenizer.load();
    private FakeS3Vectors s3Vectors;
    private FakeSageMakerEndpoint sageMaker;

    private KnowledgeBase connect() {
        return CloudKnowledgeBase.wire(SageMakerEmbedder.create(sageMaker.clientSettings(), "alex-minilm", TOKENIZER),
                S3VectorsIndex.create(s3Vectors.clientSettings(), "alex-kb", "chunks"), TOKENIZER, Clock.systemUTC());
    }

    @Override
    protected KnowledgeBase newKnowledgeBase() {
        s3Vectors = new FakeS3Vectors().createIndex("alex-kb", "chunks", 384, Set.of("text"));
        sageMaker = new FakeSageMakerEndpoint("alex-minilm", HashedTokens::of);
        return connect();
    }

    @Override
    protected KnowledgeBase reopen(KnowledgeBase knowledgeBase) {
        knowledgeBase.close();
        return connect();
    }

    @Test
    void markingAReportReadStoresItAgainWithoutAskingSageMakerForVectors() {
        var store = new KnowledgeBaseReportStore(kb);
        store.save(simple(1, "NVIDIA data-center revenue", List.of("NVDA")));
        int invocations = sageMaker.calls("InvokeEndpoint").size();

        assertThat(store.markRead("research-1", true)).isTrue();

        assertThat(sageMaker.calls("InvokeEndpoint")).as("model calls for a read mark").hasSize(invocations);
        assertThat(store.get("research-1").orElseThrow().read()).isTrue();
        assertThat(s3Vectors.calls("GetVectors")).anySatisfy(c -> assertThat(c.body().path("returnData").asBoolean()).isTrue());
        assertThat(kb.search(new SearchRequest("data-center revenue", 5, null, SearchMode.SEMANTIC)).results())
                .as("still found by meaning").extracting(h -> h.documentId()).contains("research-1");
    }

    @Override
    protected void closeKnowledgeBase() {
        kb.close();
        s3Vectors.close();
        sageMaker.close();
    }
}
