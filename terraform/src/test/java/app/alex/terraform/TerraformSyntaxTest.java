package app.alex.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every Terraform file parses with HashiCorp's HCL parser (via @cdktf/hcl2json). */
class TerraformSyntaxTest {

    static List<Path> tfFiles() {
        return Hcl.tfFiles();
    }

    @ParameterizedTest(name = "{0} parses")
    @MethodSource("tfFiles")
    void everyTerraformFileParsesWithTheHclParser(Path file) {
        Map<String, JsonNode> parsed = Hcl.parse(List.of(file));

        assertThat(parsed).containsOnlyKeys(file.getFileName().toString());
        assertThat(parsed.get(file.getFileName().toString()).isObject()).isTrue();
    }

    @Test
    void theStackHasTheFilesTheDeploymentGuideNames() {
        assertThat(tfFiles()).extracting(p -> p.getFileName().toString())
                .contains("versions.tf", "providers.tf", "variables.tf", "outputs.tf", "s3vectors.tf",
                        "sagemaker.tf", "lambdas.tf", "api_gateway.tf", "researcher.tf", "schedule.tf", "iam.tf");
    }

    @Test
    void theRemoteStateExampleParsesAndConfiguresAnS3Backend() {
        Path example = Hcl.terraformDir().resolve("backend.tf.example");

        JsonNode parsed = Hcl.parse(List.of(example)).get("backend.tf.example");

        JsonNode backend = parsed.path("terraform").get(0).path("backend");
        assertThat(backend.has("s3")).as("backend.tf.example configures the s3 backend").isTrue();
        assertThat(backend.path("s3").get(0).path("use_lockfile").asBoolean()).isTrue();
    }

    @Test
    void aSyntaxErrorFailsWithTheFileAndLineOfTheProblem() throws Exception {
        Path broken = Files.createTempFile("broken", ".tf");
        try {
            Files.writeString(broken, "resource \"aws_sqs_queue\" \"q\" {\n  name = \n}\n");

            assertThatThrownBy(() -> Hcl.parse(List.of(broken)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(broken.getFileName().toString())
                    .hasMessageContaining(":2,");
        } finally {
            Files.deleteIfExists(broken);
        }
    }
}
