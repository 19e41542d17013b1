package app.alex.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Routes as "METHOD /path", from the API Gateway resources in the HCL and from an OpenAPI file. */
final class ApiRoutes {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern RESOURCE_REF = Pattern.compile("aws_api_gateway_resource\\.([A-Za-z0-9_-]+)\\.id");
    private static final Pattern ALIAS_REF = Pattern.compile("aws_lambda_alias\\.api\\[\"([a-z]+)\"]\\.invoke_arn");

    private ApiRoutes() {
    }

    /** "METHOD /path" -> the api function (key of local.api_functions) whose alias the integration calls. */
    static Map<String, String> fromTerraform(Hcl hcl) {
        Map<String, JsonNode> resources = hcl.resources("aws_api_gateway_resource");
        Map<String, JsonNode> integrations = hcl.resources("aws_api_gateway_integration");
        Map<String, String> routes = new TreeMap<>();
        hcl.resources("aws_api_gateway_method").forEach((name, method) -> {
            String path = path(resources, Hcl.expression(method.path("resource_id")));
            String route = method.path("http_method").asText() + " " + path;
            JsonNode integration = integrations.get(name);
            String function = null;
            if (integration != null) {
                Matcher alias = ALIAS_REF.matcher(String.valueOf(Hcl.expression(integration.path("uri"))));
                if (alias.matches()) function = alias.group(1);
            }
            if (routes.put(route, String.valueOf(function)) != null) {
                throw new AssertionError("Route " + route + " is defined twice in the Terraform");
            }
        });
        return routes;
    }

    private static String path(Map<String, JsonNode> resources, String ref) {
        if (ref == null) throw new AssertionError("A method's resource_id is not a reference");
        if (ref.equals("aws_api_gateway_rest_api.alex.root_resource_id")) return "/";
        Matcher m = RESOURCE_REF.matcher(ref);
        if (!m.matches() || !resources.containsKey(m.group(1))) {
            throw new AssertionError("Unknown API Gateway resource reference: " + ref);
        }
        JsonNode resource = resources.get(m.group(1));
        String parent = path(resources, Hcl.expression(resource.path("parent_id")));
        return (parent.equals("/") ? "" : parent) + "/" + resource.path("path_part").asText();
    }

    /** Every "METHOD /path" of an OpenAPI 3 document (YAML or JSON). */
    static Set<String> fromOpenApi(Path file) {
        try {
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            Set<String> routes = new TreeSet<>();
            doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
                if (HTTP_METHODS.contains(op.getKey())) routes.add(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
            }));
            return routes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
