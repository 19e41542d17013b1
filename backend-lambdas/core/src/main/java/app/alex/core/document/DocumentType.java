package app.alex.core.document;

import java.util.Locale;

/** What kind of material a document is. */
public enum DocumentType {
    /** A filing, article, web page or any file the analyst ingested. */
    DOCUMENT,
    /** A report written by the researcher. */
    RESEARCH,
    /** The analyst's own note. */
    NOTE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "document", "research" or "note" (any case); a clear error otherwise. */
    public static DocumentType parse(String value) {
        if (value == null || value.isBlank()) {
            return DOCUMENT;
        }
        for (DocumentType type : values()) {
            if (type.wireName().equalsIgnoreCase(value.strip())) {
                return type;
            }
        }
        throw app.alex.core.error.AlexException.badRequest(
                "Unknown document type '" + value + "': use document, research or note.");
    }
}
