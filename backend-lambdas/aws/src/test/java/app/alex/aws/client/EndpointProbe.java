package app.alex.aws.client;

import app.alex.aws.s3vectors.S3VectorsIndex;
import app.alex.aws.sagemaker.SageMakerEmbedder;
import app.alex.core.testing.WordTokenizer;

/**
 * Run in a child JVM by {@link EndpointEnvironmentTest}: builds the adapters exactly as the Lambdas
 * do, from the environment alone, and makes one call with each.
 */
public final class EndpointProbe {
    private EndpointProbe() {
    }

    public static void main(String[] args) {
        try (var index = S3VectorsIndex.fromEnvironment(System.getenv())) {
            System.out.println("documents " + index.stats().documents());
        }
        if (args.length > 0 && args[0].equals("embed")) {
            try (var embedder = SageMakerEmbedder.fromEnvironment(System.getenv(), new WordTokenizer())) {
                System.out.println("dimension " + embedder.embed("probe").length);
            }
        }
    }
}
