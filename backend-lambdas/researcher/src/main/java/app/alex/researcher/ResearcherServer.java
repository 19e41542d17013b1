package app.alex.researcher;

import app.alex.api.LocalApiServer;
import app.alex.api.RateLimiter;

import java.util.concurrent.CountDownLatch;

/**
 * The researcher as a plain HTTP server: App Runner, a container, or any machine. Listens on
 * PORT (default 8080) on all addresses and requires an API key from ALEX_API_KEYS, because this
 * transport has no IAM in front of it. Streams research steps as server-sent events.
 */
public final class ResearcherServer {
    private ResearcherServer() {
    }

    public static void main(String[] args) throws Exception {
        var env = System.getenv();
        var settings = ResearcherSettings.fromEnvironment(env);
        if (settings.apiKeys().isEmpty()) {
            System.err.println("alex-researcher: set ALEX_API_KEYS (comma-separated) so only your clients can use it.");
            System.exit(2);
        }
        int port = settings.port();
        var server = LocalApiServer.start("0.0.0.0", port, CloudResearch.router(settings, env, settings.apiKeys()),
                new RateLimiter(5, 20, System::nanoTime));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("{\"level\":\"INFO\",\"message\":\"researcher listening\",\"port\":" + port + "}");
        stopped.await();
    }
}
