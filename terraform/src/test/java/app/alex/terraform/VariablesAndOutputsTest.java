package app.alex.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Inputs and outputs a person can use without reading the .tf files. */
class VariablesAndOutputsTest {

    private final Hcl hcl = Hcl.all();

    @Test
    void everyVariableHasADescriptionAndAType() {
        List<String> missing = new ArrayList<>();
        hcl.variables().forEach((name, v) -> {
            if (v.path("description").asText("").isBlank()) missing.add(name + " (description)");
            if (!v.has("type")) missing.add(name + " (type)");
        });

        assertThat(missing).as("variables without a description or type").isEmpty();
    }

    @Test
    void everyNonBooleanVariableHasAValidationWithAnErrorMessage() {
        List<String> missing = new ArrayList<>();
        hcl.variables().forEach((name, v) -> {
            if ("${bool}".equals(v.path("type").asText())) return;
            JsonNode validations = v.path("validation");
            if (validations.isEmpty()) missing.add(name);
            validations.forEach(check -> {
                if (check.path("error_message").asText("").isBlank()) missing.add(name + " (error_message)");
            });
        });

        assertThat(missing).as("variables without a validation").isEmpty();
    }

    @Test
    void defaultsMatchTheProduct() {
        Map<String, JsonNode> v = hcl.variables();

        assertThat(v.get("researcher_runtime").path("default").asText()).isEqualTo("lambda");
        assertThat(v.get("schedule_expression").path("default").asText()).isEqualTo("rate(2 hours)");
        assertThat(v.get("schedule_enabled").path("default").asBoolean()).isTrue();
        assertThat(v.get("sagemaker_memory_mb").path("default").asInt()).isEqualTo(3072);
        assertThat(v.get("bedrock_model_id").path("default").asText()).isEqualTo("openai.gpt-oss-120b-1:0");
        assertThat(v.get("aws_region").path("default").asText()).isEqualTo("us-west-2");
        assertThat(v).containsKeys("lambda_memory_mb", "lambda_timeout_seconds", "sagemaker_max_concurrency",
                "api_throttle_rate_limit", "api_throttle_burst_limit", "api_quota_limit", "api_quota_period",
                "log_retention_days");
    }

    @Test
    void theResearcherRuntimeAcceptsOnlyLambdaOrAppRunner() {
        String condition = hcl.variables().get("researcher_runtime").path("validation").get(0).path("condition").asText();

        assertThat(condition).contains("\"lambda\"", "\"apprunner\"");
    }

    @Test
    void everyOutputHasADescriptionAndTheDesktopFindsWhatItNeeds() {
        Map<String, JsonNode> outputs = hcl.outputs();

        assertThat(outputs).containsKeys("api_url", "researcher_url", "api_key_id", "api_key_command", "api_key");
        outputs.forEach((name, o) -> assertThat(o.path("description").asText("")).as("description of output " + name).isNotBlank());
        assertThat(outputs.get("api_key").path("sensitive").asBoolean()).as("the API key value is a sensitive output").isTrue();
        assertThat(outputs.get("api_key_command").path("value").asText()).contains("aws apigateway get-api-key", "--include-value");
    }

    @Test
    void theAwsProviderIsPinnedToAVersionWithNativeS3VectorsResources() {
        JsonNode aws = hcl.terraformBlocks().stream()
                .map(t -> t.path("required_providers"))
                .filter(JsonNode::isArray)
                .flatMap(rp -> rp.valueStream())
                .map(rp -> rp.path("aws"))
                .filter(JsonNode::isObject)
                .findFirst().orElseThrow(() -> new AssertionError("no required_providers.aws"));

        assertThat(aws.path("source").asText()).isEqualTo("hashicorp/aws");
        // aws_s3vectors_index.metadata_configuration (the non-filterable text key) arrived in 6.26.0.
        assertThat(aws.path("version").asText()).isEqualTo(">= 6.26, < 7.0");
        assertThat(hcl.terraformBlocks().stream().map(t -> t.path("required_version").asText()).filter(s -> !s.isEmpty()))
                .containsExactly(">= 1.9.0");
    }

    @Test
    void theProviderTagsEveryResource() {
        JsonNode aws = hcl.files().get("providers.tf").path("provider").path("aws").get(0);

        assertThat(Hcl.block(aws, "default_tags").path("tags").asText()).contains("var.tags", "Project");
    }
}
