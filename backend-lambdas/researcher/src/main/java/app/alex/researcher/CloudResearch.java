package app.alex.researcher;

import app.alex.api.ApiKeys;
import app.alex.aws.CloudKnowledgeBase;
import app.alex.core.backend.KnowledgeBase;
import app.alex.core.llm.LanguageModel;
import app.alex.research.ResearchService;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.edgar.EdgarResearch;
import app.alex.research.feed.KnowledgeBaseReportStore;
import app.alex.research.web.GuardedWebFetcher;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The researcher as it runs in the cloud, whichever transport hosts it: the knowledge base reached
 * directly through the same adapters as the API functions (SageMaker + S3 Vectors, so no API key
 * has to be handed to the researcher), the feed read from that knowledge base, Bedrock as the
 * language model unless ALEX_LLM says otherwise. Its settings are {@link ResearcherSettings};
 * the knowledge base reads ALEX_VECTOR_BUCKET, ALEX_VECTOR_INDEX and ALEX_EMBEDDINGS_ENDPOINT as
 * the API functions do.
 */
public final class CloudResearch {
    private CloudResearch() {
    }

    /** @param keys the keys the router accepts: none behind an IAM function URL, {@code settings.apiKeys()} on a plain server */
    public static ResearcherRouter router(ResearcherSettings settings, Map<String, String> environment, ApiKeys keys) {
        // SEC EDGAR only when ALEX_EDGAR_USER_AGENT is set.
        return router(settings, CloudKnowledgeBase.fromEnvironment(environment), settings.model().open(), keys,
                EdgarResearch.fromEnvironment(environment));
    }

    /**
     * The same researcher over a knowledge base and model built elsewhere: the cloud rehearsal
     * wires the real adapters to local fakes of SageMaker, S3 Vectors and Bedrock this way.
     */
    public static ResearcherRouter router(ResearcherSettings settings, KnowledgeBase knowledgeBase,
                                          Optional<LanguageModel> model, ApiKeys keys) {
        return router(settings, knowledgeBase, model, keys, Optional.empty());
    }

    /** @param edgar SEC EDGAR for the agent's financials tool, the brief's figures and the schedule's filings, when configured */
    public static ResearcherRouter router(ResearcherSettings settings, KnowledgeBase knowledgeBase,
                                          Optional<LanguageModel> model, ApiKeys keys, Optional<EdgarResearch> edgar) {
        List<String> watchlist = settings.watchlist();
        var service = new ResearchService(knowledgeBase, model, new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                new KnowledgeBaseReportStore(knowledgeBase), () -> watchlist, ResearchAgent.Limits.standard(), Clock.systemUTC(),
                edgar);
        return new ResearcherRouter(service, keys, settings.timeLimit(), () -> {
            var health = new LinkedHashMap<String, Object>();
            health.put("model", settings.model().describe());
            health.put("index", "s3vectors");
            return health;
        });
    }
}
