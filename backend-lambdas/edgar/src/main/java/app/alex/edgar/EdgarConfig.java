package app.alex.edgar;

import app.alex.core.error.AlexException;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * How Alex talks to SEC EDGAR, read once from the environment.
 *
 * @param userAgent   who is asking: EDGAR wants every client to name a person or company and an
 *                    e-mail address ("Jane Doe jane@example.com") and answers 403 to anonymous ones
 * @param dataUrl     the host of the JSON APIs (submissions, company facts)
 * @param archivesUrl the host of the filing archives and the ticker list
 */
public record EdgarConfig(String userAgent, URI dataUrl, URI archivesUrl) {
    public static final String USER_AGENT_ENV = "ALEX_EDGAR_USER_AGENT";
    public static final String DATA_URL_ENV = "ALEX_EDGAR_DATA_URL";
    public static final String ARCHIVES_URL_ENV = "ALEX_EDGAR_ARCHIVES_URL";
    public static final URI DEFAULT_DATA_URL = URI.create("https://data.sec.gov");
    public static final URI DEFAULT_ARCHIVES_URL = URI.create("https://www.sec.gov");

    public EdgarConfig {
        if (userAgent == null || userAgent.isBlank()) {
            throw missingUserAgent();
        }
        userAgent = userAgent.strip();
        if (userAgent.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw AlexException.badRequest(USER_AGENT_ENV + " must be one line of plain text, like \"Jane Doe jane@example.com\".");
        }
        dataUrl = base(DATA_URL_ENV, dataUrl);
        archivesUrl = base(ARCHIVES_URL_ENV, archivesUrl);
    }

    /** The settings from environment variables; tests pass their own map. */
    public static EdgarConfig fromEnvironment(Map<String, String> env) {
        return new EdgarConfig(env.get(USER_AGENT_ENV),
                url(env.get(DATA_URL_ENV), DATA_URL_ENV, DEFAULT_DATA_URL),
                url(env.get(ARCHIVES_URL_ENV), ARCHIVES_URL_ENV, DEFAULT_ARCHIVES_URL));
    }

    private static AlexException missingUserAgent() {
        return AlexException.badRequest("Set " + USER_AGENT_ENV + " to your name and e-mail address, for example "
                + USER_AGENT_ENV + "=\"Jane Doe jane@example.com\". SEC EDGAR asks every client to say who is asking "
                + "in its User-Agent and refuses (403) requests that do not.");
    }

    private static URI url(String value, String variable, URI fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw AlexException.badRequest(variable + " is not a valid URL: " + value);
        }
    }

    /** An http(s) URL with a host and no trailing slash, so paths can be appended. */
    private static URI base(String variable, URI uri) {
        if (uri == null) {
            throw AlexException.badRequest(variable + " is missing.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw AlexException.badRequest(variable + " must be an http:// or https:// URL with a host, not '" + uri + "'.");
        }
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
