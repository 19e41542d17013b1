package app.alex.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Terraform holds to the code it deploys: handler classes, environment variable names,
 * IAM actions, API routes and the vector index's metadata key all come from the Java sources
 * and the built artifacts, so a rename on either side fails here instead of in AWS.
 * Needs the backend modules built first (Maven orders them before this one).
 */
class WiringToCodeTest {

    private static final Pattern ENV_NAME = Pattern.compile("ALEX_[A-Z0-9_]+");
    private static final Pattern APP_ACTION = Pattern.compile("(s3vectors|sagemaker|bedrock):[A-Za-z]+");

    private final Hcl hcl = Hcl.all();
    private final Codebase code = Codebase.here();

    /** A deployable: the Maven module that builds it, the jar Terraform uploads, its handlers. */
    private record Deployable(String module, String jarLocal, List<String> handlers) {
    }

    private List<Deployable> deployables() {
        List<String> lambdaHandlers = new ArrayList<>();
        hcl.local("api_functions").forEach(f -> lambdaHandlers.add(f.path("handler").asText()));
        lambdaHandlers.add(hcl.local("scheduler_function").path("handler").asText());
        return List.of(
                new Deployable("lambdas", "lambdas_jar", lambdaHandlers),
                new Deployable("researcher", "researcher_jar", List.of(hcl.local("researcher_function").path("handler").asText())));
    }

    // --- handlers -----------------------------------------------------------------------------

    @Test
    void theJarsTerraformUploadsAreTheOnesTheModulesBuild() {
        for (Deployable d : deployables()) {
            String jarPath = hcl.local(d.jarLocal()).asText();
            Matcher m = Pattern.compile("/\\.\\./backend-lambdas/([a-z-]+)/target/([a-z0-9-]+)\\.jar").matcher(jarPath);
            assertThat(m.find()).as("local.%s is a backend module's target jar: %s", d.jarLocal(), jarPath).isTrue();
            assertThat(m.group(1)).isEqualTo(d.module());
            String pom = Codebase.read(code.module(d.module()).resolve("pom.xml"));
            assertThat(pom).as("backend-lambdas/%s/pom.xml builds %s.jar", d.module(), m.group(2))
                    .containsAnyOf("<finalName>" + m.group(2) + "</finalName>", m.group(2) + ".jar");
        }
    }

    @Test
    void everyLambdaHandlerClassIsInItsBuiltArtifactAndImplementsALambdaHandlerInterface() throws Exception {
        Class<?> requestHandler = Class.forName("com.amazonaws.services.lambda.runtime.RequestHandler");
        Class<?> streamHandler = Class.forName("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
        for (Deployable d : deployables()) {
            Set<String> built = builtClasses(d);
            for (String handler : d.handlers()) {
                String className = handler.split("::")[0];
                assertThat(built).as("%s is in the built %s artifact", className, d.module()).contains(className);
                Class<?> type = Class.forName(className);
                assertThat(requestHandler.isAssignableFrom(type) || streamHandler.isAssignableFrom(type))
                        .as("%s implements RequestHandler or RequestStreamHandler", className).isTrue();
                if (handler.contains("::")) {
                    String method = handler.split("::")[1];
                    assertThat(Stream.of(type.getMethods()).map(java.lang.reflect.Method::getName)).as("method of " + handler).contains(method);
                }
            }
        }
    }

    /** Class names in the module's shaded jar when it is built, else in target/classes. */
    private Set<String> builtClasses(Deployable d) throws IOException {
        Path module = code.module(d.module());
        Path jar = Hcl.terraformDir().resolve(hcl.local(d.jarLocal()).asText().replace("${path.module}/", "")).normalize();
        Set<String> classes = new TreeSet<>();
        if (Files.isRegularFile(jar)) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                        .forEach(n -> classes.add(n.substring(0, n.length() - 6).replace('/', '.')));
            }
            return classes;
        }
        Path dir = module.resolve("target/classes");
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("backend-lambdas/" + d.module() + " is not built: run ./mvnw -q package -DskipTests -pl backend-lambdas/"
                    + d.module() + " -am");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".class"))
                    .forEach(f -> classes.add(dir.relativize(f).toString().replaceAll("\\.class$", "").replace('/', '.')));
        }
        return classes;
    }

    // --- environment ------------------------------------------------------------------------------

    @Test
    void everyEnvironmentVariableTerraformSetsIsReadByTheCodeOfThatArtifact() {
        Map<String, Set<String>> setBy = new LinkedHashMap<>();
        setBy.put("lambdas (API functions)", keys(hcl.local("api_environment")));
        setBy.put("lambdas (scheduler)", keys(hcl.local("scheduler_environment")));
        setBy.put("researcher", keys(hcl.local("researcher_environment")));

        setBy.forEach((what, names) -> {
            String module = what.startsWith("lambdas") ? "lambdas" : "researcher";
            Set<String> read = Codebase.stringLiterals(code.mainSources(code.packagedModules(module)), ENV_NAME);
            assertThat(read).as("ALEX_* names in the code packaged in the %s artifact (Terraform sets %s)", module, names)
                    .containsAll(names);
        });
    }

    @Test
    void everyEnvironmentVariableTheHandlersReadIsSetByTerraformOrDeclaredOptional() {
        Set<String> lambdasSet = new TreeSet<>(keys(hcl.local("api_environment")));
        lambdasSet.addAll(keys(hcl.local("scheduler_environment")));
        lambdasSet.addAll(optional("lambdas_optional_environment"));
        Set<String> researcherSet = new TreeSet<>(keys(hcl.local("researcher_environment")));
        researcherSet.addAll(optional("researcher_optional_environment"));

        assertThat(lambdasSet).as("Terraform sets (or declares optional) every ALEX_* name backend-lambdas/lambdas reads")
                .containsAll(Codebase.stringLiterals(code.mainSources(Set.of(code.module("lambdas"))), ENV_NAME));
        assertThat(researcherSet).as("Terraform sets (or declares optional) every ALEX_* name backend-lambdas/researcher reads")
                .containsAll(Codebase.stringLiterals(code.mainSources(Set.of(code.module("researcher"))), ENV_NAME));
    }

    private Set<String> optional(String local) {
        JsonNode names = hcl.locals().get(local);
        Set<String> out = new TreeSet<>();
        if (names != null) names.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    // --- IAM ------------------------------------------------------------------------------------

    @Test
    void theApiLambdasMayCallExactlyTheAwsOperationsTheirCodeCalls() {
        assertThat(appActions("api")).as("s3vectors/sagemaker/bedrock actions of data.aws_iam_policy_document.api")
                .isEqualTo(SdkCalls.iamActions(sourcesUsedBy("lambdas")));
    }

    @Test
    void theResearcherMayCallExactlyTheAwsOperationsItsCodeCalls() {
        assertThat(appActions("researcher")).as("s3vectors/sagemaker/bedrock actions of data.aws_iam_policy_document.researcher")
                .isEqualTo(SdkCalls.iamActions(sourcesUsedBy("researcher")));
    }

    @Test
    void theSchedulerLambdaMayCallNoDataServiceAtAll() {
        assertThat(appActions("scheduler_lambda")).isEmpty();
        assertThat(SdkCalls.iamActions(code.mainSources(Set.of(code.module("lambdas")))).stream()
                .filter(a -> a.startsWith("bedrock:"))).as("the lambdas jar's own code calls no Bedrock").isEmpty();
    }

    /**
     * Sources a deployable runs: its packaged modules, except that of the AWS adapters module only
     * what the rest refers to counts: adapter packages (app.alex.aws.s3vectors, ...sagemaker) and
     * top-level classes (app.alex.aws.CloudKnowledgeBase), followed to a fixpoint so an adapter
     * used only through another aws class still counts.
     */
    private Map<Path, String> sourcesUsedBy(String module) {
        Path aws = code.module("aws");
        Path awsRoot = aws.resolve("src/main/java/app/alex/aws");
        Map<Path, String> all = code.mainSources(code.packagedModules(module));
        Map<Path, String> out = new LinkedHashMap<>();
        all.forEach((file, text) -> {
            if (!file.startsWith(aws)) out.put(file, text);
        });
        Pattern reference = Pattern.compile("app\\.alex\\.aws\\.([A-Za-z0-9]+)");
        boolean grew = true;
        while (grew) {
            Set<String> used = new TreeSet<>();
            out.values().forEach(text -> {
                Matcher m = reference.matcher(text);
                while (m.find()) used.add(m.group(1));
            });
            grew = false;
            for (var entry : all.entrySet()) {
                Path file = entry.getKey();
                if (!file.startsWith(aws) || out.containsKey(file)) continue;
                Path rel = awsRoot.relativize(file);
                String first = rel.getName(0).toString();
                boolean wanted = rel.getNameCount() > 1 ? used.contains(first) : used.contains(first.replace(".java", ""));
                if (wanted) {
                    out.put(file, entry.getValue());
                    grew = true;
                }
            }
        }
        return out;
    }

    /** Application-service actions granted by a policy document, with local.* lists resolved. */
    private Set<String> appActions(String policyDocument) {
        JsonNode doc = hcl.data("aws_iam_policy_document").get(policyDocument);
        assertThat(doc).as("data.aws_iam_policy_document." + policyDocument).isNotNull();
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : Hcl.statements(doc)) {
            JsonNode list = statement.path("actions");
            String ref = Hcl.expression(list);
            if (ref != null) {
                assertThat(ref).as("actions are a literal list or a local").startsWith("local.");
                list = hcl.local(ref.substring("local.".length()));
            }
            list.forEach(a -> {
                if (APP_ACTION.matcher(a.asText()).matches()) actions.add(a.asText());
            });
        }
        return actions;
    }

    // --- API and vector index -----------------------------------------------------------------------

    @Test
    void theGatewayRoutesAreExactlyThoseOfTheOpenApiContract() throws IOException {
        Path resources = code.module("api").resolve("src/main/resources");
        Path spec;
        if (!Files.isDirectory(resources)) throw new AssertionError("No OpenAPI contract: " + resources + " does not exist");
        try (Stream<Path> files = Files.walk(resources)) {
            spec = files.filter(f -> f.getFileName().toString().matches("openapi\\.(ya?ml|json)")).findFirst()
                    .orElseThrow(() -> new AssertionError("No openapi.yaml under " + resources));
        }

        assertThat(ApiRoutes.fromTerraform(hcl).keySet()).as("API Gateway routes vs " + spec)
                .isEqualTo(ApiRoutes.fromOpenApi(spec));
    }
}
