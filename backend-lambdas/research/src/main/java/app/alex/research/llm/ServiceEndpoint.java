package app.alex.research.llm;

import app.alex.core.error.AlexException;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The endpoint an AWS client should call, from the AWS SDKs' standard variables: the
 * service-specific {@code AWS_ENDPOINT_URL_<SERVICE>} first, then the global
 * {@code AWS_ENDPOINT_URL}; none when {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}. Read
 * from the entry point's environment map (not the process), so the same map configures everything
 * and a test can set it.
 */
public final class ServiceEndpoint {
    private ServiceEndpoint() {
    }

    /** {@code service} as the SDK names the variable suffix, e.g. {@code BEDROCK_RUNTIME}; null when unset. */
    public static URI fromEnvironment(Map<String, String> env, String service) {
        if ("true".equalsIgnoreCase(env.getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").strip())) {
            return null;
        }
        String specific = "AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT);
        for (String name : new String[] {specific, "AWS_ENDPOINT_URL"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return parse(name, value.strip());
            }
        }
        return null;
    }

    private static URI parse(String name, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw AlexException.badRequest(name + " must be an http or https URL such as https://bedrock-runtime.us-west-2.amazonaws.com, not '"
                    + value + "'.");
        }
    }
}
