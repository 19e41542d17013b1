package app.alex.rehearsal;

import app.alex.api.ApiKeys;
import app.alex.aws.CloudKnowledgeBase;
import app.alex.aws.fakes.FakeS3Vectors;
import app.alex.aws.fakes.FakeSageMakerEndpoint;
import app.alex.aws.fakes.HashedTokens;
import app.alex.aws.s3vectors.S3VectorsIndex;
import app.alex.aws.sagemaker.SageMakerEmbedder;
import app.alex.client.FunctionUrlSigner;
import app.alex.client.RemoteKnowledgeBase;
import app.alex.client.RemoteResearcher;
import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.extract.FileExtractor;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.IngestStatus;
import app.alex.core.ingest.TextIngestRequest;
import app.alex.core.research.Citation;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchRequest;
import app.alex.lambdas.LoopbackApiGateway;
import app.alex.lambdas.scheduler.SchedulerHandler;
import app.alex.minilm.MiniLmTokenizer;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.fakes.StrictBedrockConverse;
import app.alex.research.llm.BedrockConverseModel;
import app.alex.researcher.CloudResearch;
import app.alex.researcher.FunctionUrlTransport;
import app.alex.researcher.ResearcherSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static app.alex.research.fakes.StrictBedrockConverse.toolUse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole cloud path in one run, with nothing but loopback: every AWS call goes through the real
 * SDK clients to fakes as strict as the services (S3 Vectors' limits, SageMaker serverless' 4 MB
 * caps, Bedrock Converse's conversation rules), the API functions run behind an API Gateway
 * stand-in that enforces the usage plan's key and Lambda's payload limits, and the researcher runs
 * behind a function-URL stand-in that refuses unsigned calls.
 *
 * <ol>
 *   <li>the desktop's remote client ingests a real Apple 10-K (EDGAR) through the ingest Lambda;</li>
 *   <li>searches it through the search Lambda;</li>
 *   <li>asks the researcher (function URL, SigV4) for research that a scripted gpt-oss runs over nine
 *       turns, eight of them tool calls, past the 80k-token budget;</li>
 *   <li>the scheduler Lambda calls {@code /research/auto} for its slot, twice (a retried delivery);</li>
 *   <li>the feed lists both reports, and every citation opens its passage in the knowledge base.</li>
 * </ol>
 */
class CloudRehearsalTest {
    private static final String API_KEY = "rehearsal-usage-plan-key";
    private static final String REGION = "us-west-2";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAREHEARSAL", "rehearsal-secret"));

    private static FakeS3Vectors s3Vectors;
    private static FakeSageMakerEndpoint sageMaker;
    private static StrictBedrockConverse bedrock;
    private static LoopbackApiGateway gateway;
    private static LoopbackFunctionUrl researcherUrl;
    private static MiniLmTokenizer tokenizer;

    @BeforeAll
    static void deploy() {
        tokenizer = MiniLmTokenizer.load();
        s3Vectors = new FakeS3Vectors().createIndex("alex-kb", "chunks", 384, Set.of("text"));
        sageMaker = new FakeSageMakerEndpoint("alex-minilm", text -> HashedTokens.ofWordPieces(tokenizer, text));
        bedrock = new StrictBedrockConverse();
        // Each function builds its own clients at init, as each Lambda does.
        gateway = new LoopbackApiGateway(cloudKnowledgeBase(), API_KEY);
        var model = BedrockConverseModel.create(REGION, null, null, bedrock.uri(), CREDENTIALS, Duration.ofSeconds(10));
        var settings = ResearcherSettings.fromEnvironment(Map.of("ALEX_WATCHLIST", "Apple services revenue"));
        researcherUrl = new LoopbackFunctionUrl(new FunctionUrlTransport(
                CloudResearch.router(settings, cloudKnowledgeBase(), Optional.of(model), ApiKeys.parse(null))), REGION);
    }

    private static KnowledgeBase cloudKnowledgeBase() {
        return CloudKnowledgeBase.wire(SageMakerEmbedder.create(sageMaker.clientSettings(), "alex-minilm", tokenizer),
                S3VectorsIndex.create(s3Vectors.clientSettings(), "alex-kb", "chunks"), tokenizer, Clock.systemUTC());
    }

    @AfterAll
    static void tearDown() {
        researcherUrl.close();
        gateway.close();
        bedrock.close();
        sageMaker.close();
        s3Vectors.close();
        tokenizer.close();
    }

    @Test
    void aRealFilingGoesInResearchIsWrittenByTheAgentAndTheSchedulerAndTheFeedCitesPassagesThatOpen() throws Exception {
        var desktop = new RemoteKnowledgeBase(gateway.uri(), API_KEY, Duration.ofMinutes(5)); // a loaded CI machine is slow; time is not what this proves
        var feedClient = new RemoteResearcher(researcherUrl.uri(), null, new FunctionUrlSigner(CREDENTIALS, REGION),
                Duration.ofMinutes(5), Duration.ofMinutes(5));

        // 1. Ingest a real 10-K as the desktop does in remote mode: extracted here, sent as text.
        Path filing = app.alex.core.testing.EdgarFiles.file("aapl-10-k-2024-11-01.html");
        var extracted = new FileExtractor().extract(filing);
        IngestResult stored = desktop.ingest(new TextIngestRequest(null, extracted.text(), "Apple Inc. 10-K FY2024",
                filing.toAbsolutePath().toString(), DocumentType.DOCUMENT, List.of("AAPL", "10-K"), null, extracted.mediaType(), null));
        assertThat(stored.status()).as(stored.error()).isEqualTo(IngestStatus.CREATED);
        assertThat(stored.chunkCount()).as("a 10-K is hundreds of passages").isGreaterThan(100);
        assertThat(extracted.text().length()).as("long enough to go up in parts").isGreaterThan(RemoteKnowledgeBase.PART_CHARS);
        long filingDocuments = desktop.stats().documents(); // a text this long goes up as parts of one filing
        assertThat(desktop.stats().chunks()).isEqualTo(stored.chunkCount());
        assertThat(sageMaker.largestRequest()).isLessThan(FakeSageMakerEndpoint.MAX_PAYLOAD_BYTES);
        assertThat(sageMaker.largestAnswer()).isLessThan(FakeSageMakerEndpoint.MAX_PAYLOAD_BYTES);

        // 2. Search it through the search Lambda.
        List<SearchHit> hits = desktop.search(SearchRequest.of("iPhone net sales by category", 5)).results();
        assertThat(hits).isNotEmpty().allSatisfy(h -> assertThat(h.source()).isEqualTo(filing.toAbsolutePath().toString()));
        assertThat(hits).as("the fake endpoint's vectors are hashed word pieces: some hit shares the query's words")
                .anySatisfy(h -> assertThat(h.text()).containsIgnoringCase("iPhone"));

        // The gateway refuses a caller without the usage plan's key before any Lambda runs.
        int invocations = gateway.invocations();
        var anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.uri().resolve("/documents")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(gateway.invocations()).isEqualTo(invocations);

        // 3. Research through the function URL: eight tool turns that pass the 80k-token budget, then the report.
        String[] queries = {"iPhone net sales", "Services revenue growth", "gross margin", "Greater China sales",
                "supply chain concentration risk", "share repurchase program", "cash and marketable securities", "legal proceedings"};
        for (int turn = 0; turn < queries.length; turn++) {
            bedrock.then(toolUse("tooluse_" + turn, ResearchAgent.SEARCH, search(queries[turn]), 4_000 + 3_000 * turn));
        }
        bedrock.then(toolUse("tooluse_save", ResearchAgent.SAVE, save("Apple after FY2024",
                "# Apple after FY2024\\n\\n## Summary\\n\\niPhone remained the largest category [1] while Services grew [2]."), 30_000));
        ResearchReport asked = feedClient.research("Apple FY2024 results", step -> { });

        assertThat(bedrock.received()).as("every turn accepted by the strict Converse fake")
                .allSatisfy(r -> assertThat(r.refusal()).isNull());
        assertThat(bedrock.received()).hasSize(queries.length + 1);
        assertThat(asked.citations()).hasSize(2);

        // 4. The scheduler Lambda, signing with its role, calls /research/auto for its slot; a retried delivery re-uses the report.
        bedrock.then(toolUse("tooluse_auto", ResearchAgent.SEARCH, search("Services revenue"), 3_000))
                .then(toolUse("tooluse_auto_save", ResearchAgent.SAVE, save("Apple services revenue",
                        "# Apple services revenue\\n\\nServices net sales grew [1]."), 5_000));
        var scheduler = new SchedulerHandler(new SchedulerHandler.Settings(researcherUrl.uri(),
                new SchedulerHandler.Auth.Iam(new FunctionUrlSigner(CREDENTIALS, REGION)), Duration.ofMinutes(2)));
        Map<String, Object> slot = Map.of(SchedulerHandler.SLOT_INPUT, "2026-12-01T20:00:00Z");
        Map<String, Object> first = scheduler.handleRequest(slot, null);
        int modelCalls = bedrock.received().size();
        Map<String, Object> retried = scheduler.handleRequest(slot, null);
        assertThat(retried.get("report_id")).isEqualTo(first.get("report_id"));
        assertThat(bedrock.received()).as("a repeated slot runs no model").hasSize(modelCalls);
        assertThat(researcherUrl.refused()).as("every call to the researcher was signed").isEmpty();

        // 5. The feed lists both, and every citation opens its passage through the API.
        var feed = feedClient.feed(FeedQuery.latest(10));
        assertThat(feed.reports()).extracting(ResearchReport::id).contains(asked.id(), (String) first.get("report_id"));
        for (ResearchReport report : feed.reports()) {
            assertThat(report.citations()).isNotEmpty();
            for (Citation citation : report.citations()) {
                assertThat(desktop.document(citation.documentId()).title()).isEqualTo(citation.title());
                List<ChunkRecord> passages = desktop.chunks(citation.documentId());
                assertThat(passages).as("the cited passage exists").anySatisfy(c -> assertThat(c.index()).isEqualTo(citation.chunkIndex()));
            }
        }
        // The reports themselves are searchable documents of the knowledge base.
        assertThat(desktop.stats().documents()).isEqualTo(filingDocuments + 2);
    }

    private static String search(String query) {
        return "{\"query\":\"" + query + "\",\"top_k\":3}";
    }

    private static String save(String title, String markdown) {
        return "{\"title\":\"" + title + "\",\"markdown\":\"" + markdown + "\"}";
    }
}
