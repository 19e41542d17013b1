package app.alex.core.ingest;

import app.alex.core.error.AlexException;

import java.util.List;

/**
 * How long a document's title, source and tags may be. Indexes keep these as single terms
 * (Lucene refuses a term over 32,766 bytes; S3 Vectors keeps 2 KB of filterable metadata), so an
 * overlong value is refused up front with a clear message, the same for every entry point
 * (HTTP, command line, desktop), rather than failing deep in an index.
 */
public final class FieldLimits {
    public static final int MAX_TITLE_CHARS = 1_000;
    /** Long enough for any file path (PATH_MAX is 4,096 bytes) and any sensible URL. */
    public static final int MAX_SOURCE_CHARS = 4_096;
    public static final int MAX_TAG_CHARS = 100;
    public static final int MAX_TAGS = 100;

    private FieldLimits() {
    }

    /** Throws a 400 naming the field and its limit when a value is too long or there are too many tags. */
    public static void check(String title, String source, List<String> tags) {
        requireAtMost("title", title, MAX_TITLE_CHARS);
        requireAtMost("source", source, MAX_SOURCE_CHARS);
        if (tags.size() > MAX_TAGS) {
            throw AlexException.badRequest("There are " + tags.size() + " tags; at most " + MAX_TAGS + " are allowed.");
        }
        for (String tag : tags) {
            requireAtMost("tag", tag, MAX_TAG_CHARS);
        }
    }

    /** A title found in a file's own metadata is cut to the limit rather than failing the file. */
    public static String clipTitle(String title) {
        return title.length() <= MAX_TITLE_CHARS ? title : title.substring(0, MAX_TITLE_CHARS).strip();
    }

    private static void requireAtMost(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw AlexException.badRequest("The " + field + " has " + value.length() + " characters; at most " + max
                    + " are allowed.");
        }
    }
}
