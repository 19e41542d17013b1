package app.alex.core.ingest;

import app.alex.core.error.AlexException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Document identity: stable ids from sources, content hashes for change detection. */
public final class DocumentIds {
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
