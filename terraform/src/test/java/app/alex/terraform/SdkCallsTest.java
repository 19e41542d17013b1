package app.alex.terraform;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK-call-to-IAM rule the wiring check relies on, on small sources. */
class SdkCallsTest {

    private static Map<Path, String> source(String java) {
        return Map.of(Path.of("Fixture.java"), Codebase.withoutComments(java));
    }

    @Test
    void s3VectorsCallsMapToTheirActionsAndAFilteredQueryAlsoNeedsGetVectors() {
        var actions = SdkCalls.iamActions(source("""
                import software.amazon.awssdk.services.s3vectors.S3VectorsClient;
                class A {
                  void run(S3VectorsClient c) {
                    c.putVectors(b -> b.indexName("i"));
                    c.queryVectors(b -> b.topK(5).filter(f).returnMetadata(true));
                    c.listVectorsPaginator(b -> b.indexName("i"));
                  }
                }
                """));

        assertThat(actions).containsExactlyInAnyOrder(
                "s3vectors:PutVectors", "s3vectors:QueryVectors", "s3vectors:GetVectors", "s3vectors:ListVectors");
    }

    @Test
    void anUnfilteredQueryWithoutMetadataNeedsOnlyQueryVectors() {
        var actions = SdkCalls.iamActions(source("""
                import software.amazon.awssdk.services.s3vectors.*;
                class A { void run(S3VectorsClient c) { c.queryVectors(r); } }
                """));

        assertThat(actions).containsExactly("s3vectors:QueryVectors");
    }

    @Test
    void converseNeedsInvokeModelAndSageMakerRuntimeNeedsInvokeEndpoint() {
        var actions = SdkCalls.iamActions(source("""
                import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
                import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
                class A {
                  void run(BedrockRuntimeClient b, SageMakerRuntimeClient s) {
                    b.converse(request);
                    s.invokeEndpoint(r -> r.endpointName("e"));
                  }
                }
                """));

        assertThat(actions).containsExactlyInAnyOrder("bedrock:InvokeModel", "sagemaker:InvokeEndpoint");
    }

    @Test
    void callsInCommentsStringsAndFilesThatDoNotUseTheServiceDoNotCount() {
        var actions = SdkCalls.iamActions(Map.of(
                Path.of("A.java"), Codebase.withoutComments("""
                        import software.amazon.awssdk.services.s3vectors.S3VectorsClient;
                        class A {
                          // c.deleteVectors(r) used to be here
                          /* c.putVectors(r); */
                          String s = "c.getVectors(x)";
                          void run(S3VectorsClient c) { c.listVectors(r); }
                        }
                        """),
                Path.of("B.java"), "class B { void run(Other o) { o.deleteVectors(r); } }"));

        assertThat(actions).containsExactly("s3vectors:ListVectors");
    }

    @Test
    void theClientOperationsComeFromTheSdkItself() {
        assertThat(SdkCalls.Service.S3VECTORS.operations())
                .contains("putVectors", "queryVectors", "getVectors", "deleteVectors", "listVectors", "listVectorsPaginator")
                .doesNotContain("close", "serviceName");
        assertThat(SdkCalls.Service.SAGEMAKER_RUNTIME.operations()).contains("invokeEndpoint");
        assertThat(SdkCalls.Service.BEDROCK_RUNTIME.operations()).contains("converse", "invokeModel");
    }
}
