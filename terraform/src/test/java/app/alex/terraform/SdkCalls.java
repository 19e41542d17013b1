package app.alex.terraform;

import software.amazon.awssdk.awscore.AwsRequest;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The IAM actions that source code needs, derived from the AWS SDK v2 client operations it calls.
 * Operations come from the client interfaces by reflection (so a new SDK call cannot hide), and a
 * call counts only in a file that imports or names that service's package.
 */
final class SdkCalls {

    enum Service {
        S3VECTORS("software.amazon.awssdk.services.s3vectors", "S3VectorsClient", "s3vectors"),
        SAGEMAKER_RUNTIME("software.amazon.awssdk.services.sagemakerruntime", "SageMakerRuntimeClient", "sagemaker"),
        BEDROCK_RUNTIME("software.amazon.awssdk.services.bedrockruntime", "BedrockRuntimeClient", "bedrock");

        final String javaPackage;
        final String client;
        final String iamPrefix;

        Service(String javaPackage, String client, String iamPrefix) {
            this.javaPackage = javaPackage;
            this.client = client;
            this.iamPrefix = iamPrefix;
        }

        /** Operation method names of the client (including paginators), e.g. putVectors, listVectorsPaginator. */
        Set<String> operations() {
            try {
                Class<?> type = Class.forName(javaPackage + "." + client);
                return Arrays.stream(type.getMethods())
                        .filter(m -> m.getParameterCount() == 1 && isRequest(m))
                        .map(Method::getName)
                        .collect(Collectors.toCollection(TreeSet::new));
            } catch (ClassNotFoundException e) {
                throw new AssertionError("AWS SDK client " + client + " is not on the test classpath", e);
            }
        }

        private static boolean isRequest(Method m) {
            Class<?> p = m.getParameterTypes()[0];
            return AwsRequest.class.isAssignableFrom(p) || Consumer.class.equals(p);
        }

        /** The IAM action(s) one operation needs. */
        Set<String> actionsFor(String operation, String sourceText) {
            String op = operation.endsWith("Paginator") ? operation.substring(0, operation.length() - "Paginator".length()) : operation;
            String name = Character.toUpperCase(op.charAt(0)) + op.substring(1);
            return switch (this) {
                // Filters and returnMetadata in QueryVectors are authorised as GetVectors too.
                case S3VECTORS -> op.equals("queryVectors") && (sourceText.contains(".filter(") || sourceText.contains(".returnMetadata("))
                        ? Set.of("s3vectors:QueryVectors", "s3vectors:GetVectors")
                        : Set.of("s3vectors:" + name);
                case SAGEMAKER_RUNTIME -> Set.of("sagemaker:" + name);
                case BEDROCK_RUNTIME -> switch (op) {
                    case "converse" -> Set.of("bedrock:InvokeModel");
                    case "converseStream" -> Set.of("bedrock:InvokeModelWithResponseStream");
                    default -> Set.of("bedrock:" + name);
                };
            };
        }
    }

    private SdkCalls() {
    }

    /** IAM actions for every SDK operation called in the sources. */
    static Set<String> iamActions(Map<Path, String> sources) {
        Set<String> actions = new TreeSet<>();
        sources.values().forEach(source -> {
            String text = Codebase.withoutStringContents(source);
            for (Service service : Service.values()) {
                if (!source.contains(service.javaPackage)) continue;
                for (String op : service.operations()) {
                    if (Pattern.compile("\\." + op + "\\s*\\(").matcher(text).find()) {
                        actions.addAll(service.actionsFor(op, text));
                    }
                }
            }
        });
        return actions;
    }
}
