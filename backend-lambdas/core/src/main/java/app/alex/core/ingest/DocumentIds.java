package app.alex.core.ingest;

import app.alex.core.error.AlexException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Document identity: stable ids from sources, content hashes for change detection. */
public final class DocumentIds {
    /** A title taken from the first line is cut to this many characters. */
    public static final int MAX_DERIVED_TITLE = 120;
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private DocumentIds() {
    }

    /** The same source always gets the same id, so a changed file replaces its old version. */
    public static String fromSource(String source) {
        return "d" + sha256("source\u0000" + source).substring(0, 24);
    }

    /** Text with no source is identified by its content: the same text ingested twice is one document. */
    public static String fromContent(String contentHash) {
        return "t" + contentHash.substring(0, 24);
    }

    /**
     * The id a text gets wherever it is stored (in-process, by the API, by the remote client that
     * splits it into parts): the caller's id, else from the source, else from the content.
     */
    public static String idFor(TextIngestRequest request) {
        if (request.id() != null) {
            return requireValid(request.id());
        }
        String source = request.source() == null ? "" : request.source().strip();
        return source.isEmpty() ? fromContent(contentHash(request.text())) : fromSource(source);
    }

    /** The title a text gets: the caller's title, else its first non-empty line (without a heading mark). */
    public static String titleFor(TextIngestRequest request) {
        if (request.title() != null && !request.title().isBlank()) {
            return request.title().strip();
        }
        for (String line : request.text().strip().split("\\R", 20)) {
            String candidate = line.replaceFirst("^#+\\s*", "").strip();
            if (!candidate.isEmpty()) {
                return candidate.length() > MAX_DERIVED_TITLE ? candidate.substring(0, MAX_DERIVED_TITLE - 3) + "..."
                        : candidate;
            }
        }
        String source = request.source() == null ? "" : request.source().strip();
        return source.isEmpty() ? "Untitled" : source;
    }

    public static String contentHash(String text) {
        return sha256(text);
    }

    public static String requireValid(String id) {
        if (id == null || !VALID_ID.matcher(id).matches()) {
            throw AlexException.badRequest(
                    "A document id must be 1 to 128 letters, digits, '.', '_', ':' or '-'.");
        }
        return id;
    }

    public static String sha256(String value) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
