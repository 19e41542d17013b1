package app.alex.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a first {@code terraform apply} on a fresh account needs, read from the parsed HCL: a
 * provider that knows every argument used, resources created after what they depend on, a
 * schedule that never pays for a failed run twice, and a researcher package Lambda accepts.
 */
class FirstApplyTest {
    /** Lambda refuses a direct zip upload over 50 MB; keep a margin below it. */
    private static final long DIRECT_UPLOAD_BUDGET = 45L * 1000 * 1000;
    private final Hcl hcl = Hcl.all();

    private static List<String> dependsOn(JsonNode resource) {
        List<String> out = new ArrayList<>();
        resource.path("depends_on").forEach(d -> out.add(d.asText().replace("${", "").replace("}", "").strip()));
        if (out.isEmpty() && resource.path("depends_on").isTextual()) {
            String text = resource.path("depends_on").asText().replaceAll("[${}\\[\\]]", "");
            for (String part : text.split(",")) {
                out.add(part.strip());
            }
        }
        return out;
    }

    @Test
    void theAwsProviderIsAtLeast626WhereS3VectorsIndexesTakeMetadataConfiguration() {
        JsonNode index = hcl.resource("aws_s3vectors_index", "chunks");
        assertThat(index.has("metadata_configuration")).as("the index declares its non-filterable keys").isTrue();

        String constraint = hcl.terraformBlocks().stream().map(t -> t.path("required_providers"))
                .filter(JsonNode::isArray).flatMap(JsonNode::valueStream).map(rp -> rp.path("aws").path("version").asText())
                .filter(v -> !v.isEmpty()).findFirst().orElseThrow();
        Matcher lower = Pattern.compile("(?:>=|~>)\\s*(\\d+)\\.(\\d+)").matcher(constraint);
        assertThat(lower.find()).as("a lower bound in " + constraint).isTrue();
        int major = Integer.parseInt(lower.group(1));
        int minor = Integer.parseInt(lower.group(2));
        assertThat(major * 1000 + minor).as("the lowest provider the constraint allows, " + constraint).isGreaterThanOrEqualTo(6026);
        assertThat(constraint).as("never a new major version unseen").containsAnyOf("< 7", "~> 6.");
    }

    @Test
    void theApiGatewayAccountSettingWaitsForItsRolesPolicy() {
        JsonNode account = hcl.resource("aws_api_gateway_account", "this");
        assertThat(dependsOn(account)).contains("aws_iam_role_policy_attachment.api_gateway_logs");
        assertThat(Hcl.expression(account.path("cloudwatch_role_arn"))).isEqualTo("aws_iam_role.api_gateway_logs[0].arn");
    }

    @Test
    void theSageMakerEndpointWaitsForItsRolesPolicy() {
        JsonNode endpoint = hcl.resource("aws_sagemaker_endpoint", "minilm");
        JsonNode policy = hcl.resource("aws_iam_role_policy", "sagemaker");
        assertThat(dependsOn(endpoint)).contains("aws_iam_role_policy.sagemaker");
        assertThat(Hcl.expression(policy.path("role"))).isEqualTo("aws_iam_role.sagemaker.id");
        assertThat(Hcl.expression(hcl.resource("aws_sagemaker_model", "minilm").path("execution_role_arn")))
                .isEqualTo("aws_iam_role.sagemaker.arn");
    }

    @Test
    void aFailedScheduledRunIsNeverRetriedByLambdasAsyncInvocation() {
        JsonNode invokeConfig = hcl.resource("aws_lambda_function_event_invoke_config", "scheduler");
        assertThat(invokeConfig.path("maximum_retry_attempts").asInt(-1)).isZero();
        assertThat(invokeConfig.path("maximum_retry_attempts").isNumber()).as("a literal 0, not an expression").isTrue();
        assertThat(Hcl.expression(invokeConfig.path("qualifier"))).isEqualTo("aws_lambda_alias.scheduler.name");
    }

    @Test
    void theScheduleHandsTheLambdaItsSlotUnderTheNameTheHandlerReads() {
        JsonNode target = Hcl.block(hcl.resource("aws_scheduler_schedule", "research"), "target");
        String input = target.path("input").asText();
        assertThat(input).contains("scheduled_time").contains("<aws.scheduler.scheduled-time>");
        String handler = Codebase.read(Codebase.here().module("lambdas")
                .resolve("src/main/java/app/alex/lambdas/scheduler/SchedulerHandler.java"));
        assertThat(handler).contains("SLOT_INPUT = \"scheduled_time\"");
    }

    @Test
    void theResearcherGoesUpThroughAnS3ObjectOfItsBuiltJar() {
        JsonNode function = hcl.resource("aws_lambda_function", "researcher");
        JsonNode object = hcl.resource("aws_s3_object", "researcher_jar");

        assertThat(function.has("filename")).as("no direct upload: the jar is near Lambda's 50 MB cap").isFalse();
        assertThat(Hcl.expression(function.path("s3_bucket"))).isEqualTo("aws_s3_object.researcher_jar[0].bucket");
        assertThat(Hcl.expression(function.path("s3_key"))).isEqualTo("aws_s3_object.researcher_jar[0].key");
        assertThat(Hcl.expression(object.path("source"))).isEqualTo("local.researcher_jar");
        assertThat(object.path("key").asText()).as("a new build is a new object").contains("filesha256(local.researcher_jar)");
        assertThat(Hcl.expression(object.path("count"))).contains("local.researcher_on_lambda");
        JsonNode block = hcl.resource("aws_s3_bucket_public_access_block", "artifacts");
        for (String setting : List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")) {
            assertThat(block.path(setting).asBoolean()).as(setting).isTrue();
        }
    }

    @Test
    void theJarsUploadedDirectlyStayUnder45Mb() throws Exception {
        List<String> direct = new ArrayList<>();
        hcl.resources("aws_lambda_function").forEach((name, fn) -> {
            if (fn.has("filename")) {
                direct.add(Hcl.expression(fn.path("filename")));
            }
        });
        assertThat(direct).containsOnly("local.lambdas_jar");
        Matcher built = Pattern.compile("\\.\\./backend-lambdas/[a-z-]+/target/[a-z0-9-]+\\.jar").matcher(hcl.local("lambdas_jar").asText());
        assertThat(built.find()).isTrue();
        Path jar = Hcl.terraformDir().resolve(built.group()).normalize();
        Assumptions.assumeTrue(Files.isRegularFile(jar), "the jar exists once `package` has run (./mvnw verify); "
                + jar + " is not built in this run");
        assertThat(Files.size(jar)).as(jar + " in bytes").isLessThan(DIRECT_UPLOAD_BUDGET);
    }
}
