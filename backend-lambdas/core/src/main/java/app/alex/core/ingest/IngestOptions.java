package app.alex.core.ingest;

import app.alex.core.document.DocumentType;

import java.util.List;

/**
 * Settings for ingesting files.
 *
 * @param type         type given to every file (default document)
 * @param tags         tags added to every file
 * @param maxFileBytes files larger than this fail with a clear message instead of exhausting memory
 * @param includeHidden also walk files and folders whose name starts with '.'
 */
public record IngestOptions(DocumentType type, List<String> tags, long maxFileBytes, boolean includeHidden) {
    /** 256 MiB: far above any filing, below what would exhaust a desktop heap. */
    public static final long DEFAULT_MAX_FILE_BYTES = 256L * 1024 * 1024;
    public static final IngestOptions DEFAULTS = new IngestOptions(DocumentType.DOCUMENT, List.of(),
            DEFAULT_MAX_FILE_BYTES, false);

    public IngestOptions {
        type = type == null ? DocumentType.DOCUMENT : type;
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (maxFileBytes <= 0) {
            maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        }
    }
}
