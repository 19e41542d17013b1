package app.alex.cli.serve;

import app.alex.api.ApiKeys;
import app.alex.api.ApiHandler;
import app.alex.api.ApiRouter;
import app.alex.api.RouteTable;
import app.alex.embedded.EmbeddedResearch;
import app.alex.research.edgar.EdgarResearch;
import app.alex.research.llm.ModelSettings;
import app.alex.researcher.ResearcherRouter;
import java.util.Map;
import app.alex.api.LocalApiServer;
import app.alex.api.RateLimiter;
import app.alex.core.research.ResearchTimeLimit;
import app.alex.cli.Backends;
import app.alex.core.error.AlexException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code alex serve}: the cloud API over this machine's knowledge base, for scripts and other machines. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the knowledge-base API (POST /ingest, POST /search, GET/DELETE /documents) and the",
                "researcher (GET /health, POST /research, POST /research/auto, GET /research) over HTTP.",
                "API keys come from ALEX_API_KEYS (comma-separated); clients send one in the x-api-key header.",
                "Scheduled research: ALEX_SCHEDULE=on|off, ALEX_SCHEDULE_HOURS (default 2), ALEX_WATCHLIST (comma-separated).",
                "Language model: ALEX_LLM=none|openai|bedrock (see README)."})
public final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for other machines).")
    String host;

    @Option(names = "--rate", defaultValue = "50", description = "Requests per second per valid key, on average (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--burst", defaultValue = "100", description = "Requests allowed at once per valid key (default ${DEFAULT-VALUE}); failed authentications are throttled per address.")
    int burst;

    @Option(names = "--no-auth", description = "Serve without API keys (only allowed on a loopback address).")
    boolean noAuth;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = Backends.environment(spec);
        ApiKeys keys = ApiKeys.parse(env.get("ALEX_API_KEYS"));
        if (keys.isEmpty() && !noAuth) {
            throw AlexException.badRequest("Set ALEX_API_KEYS (comma-separated keys) before serving, "
                    + "or use --no-auth on 127.0.0.1 for local experiments.");
        }
        if (keys.isEmpty() && !InetAddress.getByName(host).isLoopbackAddress()) {
            throw AlexException.badRequest("--no-auth is only allowed on a loopback address, not " + host + ".");
        }
        var backend = Backends.openEmbedded(spec, "serve");
        var model = ModelSettings.fromEnvironment(env);
        var schedule = EmbeddedResearch.ScheduleSettings.fromEnvironment(env);
        // SEC EDGAR only when ALEX_EDGAR_USER_AGENT is set: by default nothing here talks to it.
        var edgar = EdgarResearch.fromEnvironment(env);
        var researcher = EmbeddedResearch.open(backend, model, schedule::watchlist, edgar);
        var scheduler = EmbeddedResearch.scheduler(backend, researcher, schedule.interval(), schedule.enabled());
        var api = new ApiRouter(backend.knowledgeBase(), keys);
        var research = new ResearcherRouter(researcher, keys, ResearchTimeLimit.fromEnvironment(env), () -> Map.of(
                "model", researcher.modelName(), "index", "lucene", "documents", backend.knowledgeBase().stats().documents()));
        // One port for both, as the desktop's Remote mode expects: one route table over both.
        ApiHandler both = RouteTable.join(api.routes(), research.routes());
        var server = LocalApiServer.start(host, port, both, new RateLimiter(rate, burst, System::nanoTime));
        scheduler.start();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scheduler.close();
            server.close();
            researcher.close();
            backend.close();
            stopped.countDown();
        }));
        var out = spec.commandLine().getOut();
        out.println("Alex API on " + server.uri() + " (knowledge base " + backend.dataDir() + "); Ctrl-C stops it.");
        out.println("Research with " + model.describe() + "; schedule " + (schedule.enabled()
                ? "every " + schedule.interval().toMinutes() + " min, next at " + scheduler.state().nextRun() : "off") + "; "
                + (edgar.isPresent() ? "SEC EDGAR figures and watchlist filings on" : "SEC EDGAR off (set ALEX_EDGAR_USER_AGENT)") + ".");
        out.flush();
        stopped.await();
        return 0;
    }
}
