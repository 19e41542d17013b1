package app.alex.core.document;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stored document: its identity and metadata, without its text.
 *
 * @param id          stable id: derived from the source when there is one, else from the content
 * @param title       human title (PDF/HTML title, first heading, or file name)
 * @param source      where it came from: an absolute path, a URL, or a free label; may be empty
 * @param type        document, research or note
 * @param tags        tags and tickers, normalised (trimmed; tickers upper case)
 * @param date        the document's own date (metadata date, file modification time, or ingest time)
 * @param ingestedAt  when this version was stored
 * @param contentHash SHA-256 (hex) of the extracted text: equal hash means unchanged content
 * @param chunkCount  how many chunks are indexed for it
 * @param charCount   length of the extracted text
 * @param mediaType   e.g. application/pdf, text/html, text/markdown, text/plain
 * @param attributes  other caller-supplied metadata (string values), kept and returned as given
 */
public record DocumentRecord(
        String id,
        String title,
        String source,
        DocumentType type,
        List<String> tags,
        Instant date,
        Instant ingestedAt,
        String contentHash,
        int chunkCount,
        long charCount,
        String mediaType,
        Map<String, String> attributes) {

    public DocumentRecord {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        source = source == null ? "" : source;
        type = type == null ? DocumentType.DOCUMENT : type;
        tags = tags == null ? List.of() : List.copyOf(tags);
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(ingestedAt, "ingestedAt");
        contentHash = contentHash == null ? "" : contentHash;
        mediaType = mediaType == null ? "text/plain" : mediaType;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public DocumentRecord withIngestedAt(java.time.Instant when) {
        return new DocumentRecord(id, title, source, type, tags, date, when, contentHash, chunkCount,
                charCount, mediaType, attributes);
    }

    public DocumentRecord withChunkCount(int count) {
        return new DocumentRecord(id, title, source, type, tags, date, ingestedAt, contentHash, count,
                charCount, mediaType, attributes);
    }
}
