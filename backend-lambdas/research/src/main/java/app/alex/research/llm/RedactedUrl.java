package app.alex.research.llm;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A model URL as it may be shown (health, start-up banner, research steps, stored reports, error
 * messages): credentials in the user-info part and the values of secret-looking query parameters
 * are replaced by {@code ***}; scheme, host, port and path stay, so a person can still tell which
 * server is meant.
 */
public final class RedactedUrl {
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "key|token|secret|passw|pwd|signature|sig|auth|credential|session|access", Pattern.CASE_INSENSITIVE);

    private RedactedUrl() {
    }

    public static String of(Object url) {
        if (url == null) {
            return null;
        }
        String text = USER_INFO.matcher(url.toString()).replaceFirst("$1***@");
        int query = text.indexOf('?');
        if (query < 0) {
            return text;
        }
        int fragment = text.indexOf('#', query);
        String end = fragment < 0 ? "" : text.substring(fragment);
        String params = text.substring(query + 1, fragment < 0 ? text.length() : fragment);
        var out = new StringBuilder(text.substring(0, query + 1));
        String[] pairs = params.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            out.append(i == 0 ? "" : "&").append(eq >= 0 && SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).find()
                    ? name + "=***" : pair);
        }
        return out.append(end).toString();
    }
}
