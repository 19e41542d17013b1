package app.alex.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The resources are configured the way DESIGN.md's "Cloud facts" require. */
class CloudResourcesTest {

    private final Hcl hcl = Hcl.all();

    @Test
    void theVectorIndexIs384DimensionalFloat32CosineWithANonFilterableTextKey() {
        JsonNode index = hcl.resource("aws_s3vectors_index", "chunks");

        assertThat(index.path("dimension").asInt()).isEqualTo(384);
        assertThat(index.path("distance_metric").asText()).isEqualTo("cosine");
        assertThat(index.path("data_type").asText()).isEqualTo("float32");
        assertThat(Hcl.expression(Hcl.block(index, "metadata_configuration").path("non_filterable_metadata_keys")))
                .isEqualTo("local.non_filterable_metadata_keys");
        assertThat(hcl.local("non_filterable_metadata_keys")).isNotEmpty();
        assertThat(Hcl.expression(index.path("vector_bucket_name")))
                .isEqualTo("aws_s3vectors_vector_bucket.kb.vector_bucket_name");
    }

    @Test
    void theEmbeddingsEndpointIsServerlessMiniLmWithTheHuggingFaceContainer() {
        JsonNode model = hcl.resource("aws_sagemaker_model", "minilm");
        JsonNode container = Hcl.block(model, "primary_container");
        JsonNode config = hcl.resource("aws_sagemaker_endpoint_configuration", "minilm");
        JsonNode serverless = Hcl.block(Hcl.block(config, "production_variants"), "serverless_config");
        JsonNode endpoint = hcl.resource("aws_sagemaker_endpoint", "minilm");

        assertThat(container.path("environment").path("HF_MODEL_ID").asText()).isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
        assertThat(container.path("environment").path("HF_TASK").asText()).isEqualTo("feature-extraction");
        assertThat(Hcl.expression(container.path("image"))).isEqualTo("local.sagemaker_image_uri");
        assertThat(hcl.local("sagemaker_image_uri").asText()).contains("huggingface-pytorch-inference", "var.sagemaker_image_uri");
        assertThat(Hcl.expression(serverless.path("memory_size_in_mb"))).isEqualTo("var.sagemaker_memory_mb");
        assertThat(Hcl.expression(serverless.path("max_concurrency"))).isEqualTo("var.sagemaker_max_concurrency");
        assertThat(Hcl.expression(serverless.path("provisioned_concurrency"))).contains("var.sagemaker_provisioned_concurrency", "null");
        assertThat(Hcl.expression(endpoint.path("endpoint_config_name"))).isEqualTo("aws_sagemaker_endpoint_configuration.minilm.name");
    }

    @Test
    void everyLambdaRunsJava25FromAPublishedSnapStartVersionBehindAnAlias() {
        Map<String, JsonNode> functions = hcl.resources("aws_lambda_function");
        Map<String, JsonNode> aliases = hcl.resources("aws_lambda_alias");

        assertThat(hcl.local("java_runtime").asText()).isEqualTo("java25");
        assertThat(functions).containsKeys("api", "scheduler", "researcher");
        functions.forEach((name, fn) -> {
            assertThat(Hcl.expression(fn.path("runtime"))).as(name + " runtime").isEqualTo("local.java_runtime");
            assertThat(fn.path("publish").asBoolean()).as(name + " publishes versions").isTrue();
            assertThat(Hcl.block(fn, "snap_start").path("apply_on").asText()).as(name + " SnapStart")
                    .contains("var.snapstart_enabled", "\"PublishedVersions\"");
            assertThat(fn.path("source_code_hash").asText()).as(name + " redeploys when the jar changes").contains("filebase64sha256(");
            JsonNode alias = aliases.get(name);
            assertThat(alias).as("alias for " + name).isNotNull();
            assertThat(alias.path("function_version").asText()).contains("aws_lambda_function." + name);
        });
    }

    @Test
    void theApiLambdasHaveMemoryAndTimeoutVariables() {
        JsonNode api = hcl.resource("aws_lambda_function", "api");

        assertThat(Hcl.expression(api.path("memory_size"))).isEqualTo("var.lambda_memory_mb");
        assertThat(Hcl.expression(api.path("timeout"))).isEqualTo("var.lambda_timeout_seconds");
        assertThat(Hcl.expression(api.path("for_each"))).isEqualTo("local.api_functions");
        assertThat(hcl.local("api_functions").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("ingest", "search", "documents");
    }

    @Test
    void everyLogGroupExpiresAndEveryLambdaWritesToItsOwnGroup() {
        Map<String, JsonNode> groups = hcl.resources("aws_cloudwatch_log_group");

        groups.forEach((name, g) -> assertThat(Hcl.expression(g.path("retention_in_days")))
                .as("retention of log group " + name).isEqualTo("var.log_retention_days"));
        hcl.resources("aws_lambda_function").forEach((name, fn) -> {
            String logGroup = Hcl.expression(Hcl.block(fn, "logging_config").path("log_group"));
            assertThat(logGroup).as(name + " log group").startsWith("aws_cloudwatch_log_group." + name);
        });
    }

    @Test
    void everyApiMethodRequiresAnApiKeyAndProxiesToALambdaAlias() {
        Map<String, JsonNode> methods = hcl.resources("aws_api_gateway_method");
        Map<String, JsonNode> integrations = hcl.resources("aws_api_gateway_integration");

        assertThat(methods).isNotEmpty();
        assertThat(integrations.keySet()).isEqualTo(methods.keySet());
        methods.forEach((name, m) -> {
            assertThat(m.path("api_key_required").asBoolean()).as(name + " requires an API key").isTrue();
            JsonNode integration = integrations.get(name);
            assertThat(integration.path("type").asText()).isEqualTo("AWS_PROXY");
            assertThat(integration.path("integration_http_method").asText()).isEqualTo("POST");
            assertThat(Hcl.expression(integration.path("http_method"))).isEqualTo("aws_api_gateway_method." + name + ".http_method");
            assertThat(Hcl.expression(integration.path("uri"))).matches("aws_lambda_alias\\.api\\[\"[a-z]+\"]\\.invoke_arn");
        });
    }

    @Test
    void theUsagePlanThrottlesAndCapsTheKeyAndTheStageWritesAccessLogs() {
        JsonNode plan = hcl.resource("aws_api_gateway_usage_plan", "alex");
        JsonNode stage = hcl.resource("aws_api_gateway_stage", "alex");
        JsonNode planKey = hcl.resource("aws_api_gateway_usage_plan_key", "desktop");

        assertThat(Hcl.expression(Hcl.block(plan, "throttle_settings").path("rate_limit"))).isEqualTo("var.api_throttle_rate_limit");
        assertThat(Hcl.expression(Hcl.block(plan, "throttle_settings").path("burst_limit"))).isEqualTo("var.api_throttle_burst_limit");
        assertThat(Hcl.expression(Hcl.block(plan, "quota_settings").path("limit"))).isEqualTo("var.api_quota_limit");
        assertThat(Hcl.expression(Hcl.block(plan, "quota_settings").path("period"))).isEqualTo("var.api_quota_period");
        assertThat(Hcl.expression(Hcl.block(plan, "api_stages").path("stage"))).isEqualTo("aws_api_gateway_stage.alex.stage_name");
        assertThat(Hcl.expression(planKey.path("key_id"))).isEqualTo("aws_api_gateway_api_key.desktop.id");
        JsonNode logs = Hcl.block(stage, "access_log_settings");
        assertThat(Hcl.expression(logs.path("destination_arn"))).isEqualTo("aws_cloudwatch_log_group.api_access.arn");
        assertThat(logs.path("format").asText()).contains("$context.requestId").doesNotContain("apiKey\"", "$input.body");
    }

    @Test
    void theScheduleCallsTheSchedulerLambdaAliasWithRetriesAndADeadLetterQueue() {
        JsonNode schedule = hcl.resource("aws_scheduler_schedule", "research");
        JsonNode target = Hcl.block(schedule, "target");
        JsonNode alias = hcl.resource("aws_lambda_alias", "scheduler");
        JsonNode scheduler = hcl.resource("aws_lambda_function", "scheduler");

        assertThat(Hcl.expression(target.path("arn"))).isEqualTo("aws_lambda_alias.scheduler.arn");
        assertThat(Hcl.expression(alias.path("function_name"))).isEqualTo("aws_lambda_function.scheduler.function_name");
        assertThat(Hcl.expression(scheduler.path("handler"))).isEqualTo("local.scheduler_function.handler");
        assertThat(Hcl.expression(schedule.path("schedule_expression"))).isEqualTo("var.schedule_expression");
        assertThat(schedule.path("state").asText()).contains("var.schedule_enabled", "\"ENABLED\"", "\"DISABLED\"");
        assertThat(Hcl.expression(Hcl.block(target, "retry_policy").path("maximum_retry_attempts"))).isEqualTo("var.schedule_max_retry_attempts");
        assertThat(Hcl.expression(Hcl.block(target, "dead_letter_config").path("arn"))).isEqualTo("aws_sqs_queue.schedule_dlq.arn");
        // Scheduler invokes Lambda asynchronously: failures inside the function go to the same queue,
        // and are not retried (FirstApplyTest holds the retries to 0).
        JsonNode invokeConfig = hcl.resource("aws_lambda_function_event_invoke_config", "scheduler");
        assertThat(Hcl.expression(Hcl.block(Hcl.block(invokeConfig, "destination_config"), "on_failure").path("destination")))
                .isEqualTo("aws_sqs_queue.schedule_dlq.arn");
    }

    @Test
    void theResearcherRunsOnLambdaBehindAnIamFunctionUrlOrOnAppRunnerWithOneVcpuAndTwoGb() {
        JsonNode url = hcl.resource("aws_lambda_function_url", "researcher");
        JsonNode service = hcl.resource("aws_apprunner_service", "researcher");
        JsonNode instance = Hcl.block(service, "instance_configuration");

        assertThat(url.path("authorization_type").asText()).isEqualTo("AWS_IAM");
        assertThat(Hcl.expression(hcl.resource("aws_lambda_function", "researcher").path("count")))
                .contains("local.researcher_on_lambda");
        assertThat(Hcl.expression(service.path("count"))).contains("local.researcher_on_apprunner");
        assertThat(Hcl.expression(hcl.resource("aws_ecr_repository", "researcher").path("count"))).contains("local.researcher_on_apprunner");
        assertThat(Hcl.expression(instance.path("cpu"))).isEqualTo("local.apprunner_cpu");
        assertThat(hcl.local("apprunner_cpu").asText()).isEqualTo("1024");
        assertThat(hcl.local("apprunner_memory").asText()).isEqualTo("2048");
        assertThat(hcl.local("researcher_on_lambda").asText()).contains("var.researcher_runtime == \"lambda\"");
    }

    @Test
    void noPolicyGrantsWildcardActionsAndOnlyTheSchedulerMayCallTheResearcherUrl() {
        List<String> wildcard = new ArrayList<>();
        List<String> urlCallers = new ArrayList<>();
        hcl.data("aws_iam_policy_document").forEach((name, doc) -> Hcl.statements(doc).forEach(st -> {
            for (JsonNode action : st.path("actions")) {
                if (action.asText().contains("*")) wildcard.add(name + ": " + action.asText());
                if (action.asText().equals("lambda:InvokeFunctionUrl")) urlCallers.add(name);
            }
        }));

        assertThat(wildcard).isEmpty();
        assertThat(urlCallers).containsExactly("scheduler_lambda");
    }
}
