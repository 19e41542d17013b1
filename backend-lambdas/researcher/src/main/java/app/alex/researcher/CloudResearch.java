package app.alex.researcher;

import app.alex.api.ApiKeys;
import app.alex.aws.CloudKnowledgeBase;
import app.alex.core.research.ResearchTimeLimit;
import app.alex.research.ResearchService;
import app.alex.research.agent.ResearchAgent;
import app.alex.research.feed.KnowledgeBaseReportStore;
import app.alex.research.llm.ModelSettings;
import app.alex.research.web.GuardedWebFetcher;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The researcher as it runs in the cloud, whichever transport hosts it: the knowledge base reached
 * directly through the same adapters as the API functions (SageMaker + S3 Vectors, so no API key
 * has to be handed to the researcher), the feed read from that knowledge base, Bedrock as the
 * language model unless ALEX_LLM says otherwise.
 *
 * <pre>
 * ALEX_VECTOR_BUCKET, ALEX_VECTOR_INDEX, ALEX_EMBEDDINGS_ENDPOINT   as for the API functions
 * ALEX_LLM                        bedrock (default here) | openai | none
 * ALEX_BEDROCK_MODEL_ID           default openai.gpt-oss-120b-1:0
 * ALEX_BEDROCK_REGION             default us-west-2
 * ALEX_WATCHLIST                  comma-separated topics for /research/auto (default: market themes)
 * ALEX_RESEARCH_TIMEOUT_SECONDS   time limit of one research run (default 600)
 * </pre>
 */
public final class CloudResearch {
    private CloudResearch() {
    }

    public static ResearcherRouter router(Map<String, String> environment, ApiKeys keys) {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("ALEX_LLM", "bedrock");
        ModelSettings model = ModelSettings.fromEnvironment(env);
        var knowledgeBase = CloudKnowledgeBase.fromEnvironment(env);
        List<String> watchlist = Arrays.stream(env.getOrDefault("ALEX_WATCHLIST", "").split("[,;]"))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        var service = new ResearchService(knowledgeBase, model.open(), new GuardedWebFetcher(GuardedWebFetcher.Limits.standard()),
                new KnowledgeBaseReportStore(knowledgeBase), () -> watchlist, ResearchAgent.Limits.standard(), Clock.systemUTC());
        return new ResearcherRouter(service, keys, ResearchTimeLimit.fromEnvironment(env), () -> {
            var health = new LinkedHashMap<String, Object>();
            health.put("model", model.describe());
            health.put("index", "s3vectors");
            return health;
        });
    }

}
