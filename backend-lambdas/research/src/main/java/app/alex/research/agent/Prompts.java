package app.alex.research.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Prompts and the report template, kept as resource files so they can be read and changed as text. */
public final class Prompts {
    private Prompts() {
    }

    public static String load(String name, Map<String, String> variables) {
        String text = read(name);
        for (var e : variables.entrySet()) {
            text = text.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return text;
    }

    private static String read(String name) {
        try (InputStream in = Prompts.class.getResourceAsStream("/app/alex/research/prompts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing prompt resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
