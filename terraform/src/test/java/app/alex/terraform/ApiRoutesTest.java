package app.alex.terraform;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ApiRoutesTest {

    @Test
    void theGatewayServesTheKnowledgeBaseRoutesEachFromTheLambdaNamedForIt() {
        var routes = ApiRoutes.fromTerraform(Hcl.all());

        assertThat(routes).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "POST /ingest", "ingest",
                "POST /search", "search",
                "GET /documents", "documents",
                "GET /documents/{id}", "documents",
                "DELETE /documents/{id}", "documents"));
    }

    @Test
    void openApiRoutesAreReadFromThePathsAndTheirOperations() throws Exception {
        Path spec = Files.createTempFile("openapi", ".yaml");
        try {
            Files.writeString(spec, """
                    openapi: 3.0.3
                    info: {title: t, version: "1"}
                    paths:
                      /documents/{id}:
                        parameters:
                          - {name: id, in: path, required: true, schema: {type: string}}
                        get: {responses: {"200": {description: ok}}}
                        delete: {responses: {"204": {description: gone}}}
                      /search:
                        post: {responses: {"200": {description: ok}}}
                    """);

            assertThat(ApiRoutes.fromOpenApi(spec))
                    .containsExactlyInAnyOrder("GET /documents/{id}", "DELETE /documents/{id}", "POST /search");
        } finally {
            Files.deleteIfExists(spec);
        }
    }
}
