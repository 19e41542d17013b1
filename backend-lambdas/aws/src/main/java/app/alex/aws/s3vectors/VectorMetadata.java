package app.alex.aws.s3vectors;

import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.search.Tags;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import software.amazon.awssdk.core.document.Document;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata layout of the two kinds of vectors in the index, and the S3 Vectors limits that
 * apply to it. Everything but {@link #TEXT} is filterable (Terraform declares only "text"
 * non-filterable), so it must fit in 2 KB per vector; the check runs before anything is sent.
 *
 * <ul>
 *   <li>chunk vectors, key {@code <document id>#<version>#<chunk index>}: the chunk's vector, the
 *       fields filters need (type, tags, source, date), the chunk's position and, in "text",
 *       its text;</li>
 *   <li>one record vector per document, key {@code <document id>} (ids never contain '#'): the
 *       current and previous version with their chunk counts, and in "text" the whole
 *       {@link DocumentRecord} as JSON (title, attributes... would not fit in 2 KB).</li>
 * </ul>
 */
final class VectorMetadata {
    static final String TEXT = "text";
    static final String KIND = "kind";
    static final String KIND_CHUNK = "chunk";
    static final String KIND_DOCUMENT = "document";
    static final String KIND_COUNTS = "counts";
    static final String DOCUMENTS = "documents";
    static final String CHUNKS = "chunks";
    static final String DOCUMENT_ID = "document_id";
    static final String VERSION = "version";
    static final String TYPE = "type";
    static final String TAGS = "tags";
    static final String SOURCE = "source";
    static final String DATE = "date";
    static final String INGESTED_AT = "ingested_at";
    static final String CHUNK_INDEX = "chunk_index";
    static final String PAGE = "page";
    static final String START = "start_offset";
    static final String END = "end_offset";
    static final String TOKENS = "token_count";
    static final String SECTION = "section";
    /** A passage's exact terms ({@link ExactTerms}), for the word half of hybrid search. */
    static final String TERMS = "terms";
    /** At most this many of a passage's exact terms are stored (in order of first appearance). */
    static final int MAX_TERMS = 64;
    /**
     * On the record vector: the layout its document's vectors were written in. Absent (read as 0)
     * on documents stored before passages carried {@link #TERMS}; {@link #CURRENT_LAYOUT} since.
     */
    static final String LAYOUT = "layout";
    static final int CURRENT_LAYOUT = 2;
    static final String CHUNK_COUNT = "chunk_count";
    static final String PREVIOUS_VERSION = "previous_version";
    static final String PREVIOUS_CHUNK_COUNT = "previous_chunk_count";

    /** S3 Vectors: at most 2 KB of filterable metadata per vector. */
    static final int MAX_FILTERABLE_BYTES = 2048;
    /** S3 Vectors: at most 40 KB of metadata per vector, filterable and not. */
    static final int MAX_TOTAL_BYTES = 40 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private VectorMetadata() {
    }

    /** Metadata of one vector before it becomes an SDK document; sizes are measured on this. */
    record Fields(Map<String, Object> filterable, String text) {
        /** Bytes of the filterable part as JSON: an upper bound of what S3 Vectors counts (it adds no quotes or commas). */
        int filterableBytes() {
            return jsonBytes(filterable);
        }

        int totalBytes() {
            return filterableBytes() + text.getBytes(StandardCharsets.UTF_8).length;
        }

        Document toDocument() {
            var map = new LinkedHashMap<String, Document>();
            filterable.forEach((key, value) -> map.put(key, toDocument(value)));
            map.put(TEXT, Document.fromString(text));
            return Document.fromMap(map);
        }

        private static Document toDocument(Object value) {
            return switch (value) {
                case String s -> Document.fromString(s);
                case Integer i -> Document.fromNumber(i);
                case Long l -> Document.fromNumber(l);
                case List<?> list -> Document.fromList(list.stream().map(Fields::toDocument).toList());
                default -> throw new IllegalArgumentException("unsupported metadata value " + value.getClass());
            };
        }
    }

    static Fields chunk(DocumentRecord document, String version, ChunkRecord chunk) {
        var fields = common(document, KIND_CHUNK, version);
        fields.put(CHUNK_INDEX, chunk.index());
        fields.put(PAGE, chunk.page());
        fields.put(START, chunk.startOffset());
        fields.put(END, chunk.endOffset());
        fields.put(TOKENS, chunk.tokenCount());
        withSection(fields, chunk.section());
        withTerms(fields, ExactTerms.of(chunk.text()));
        return checked(document, new Fields(fields, chunk.text()), "chunk " + chunk.index());
    }

    /**
     * The heading path is filterable metadata (the index's one non-filterable key is "text", fixed
     * when the index was made). Where a long source and many tags leave no room for all of it, its
     * innermost levels give way first: a passage keeps "Item 1A. Risk Factors" rather than fail.
     */
    private static void withSection(LinkedHashMap<String, Object> fields, String section) {
        String path = section;
        while (!path.isEmpty()) {
            fields.put(SECTION, path);
            if (jsonBytes(fields) <= MAX_FILTERABLE_BYTES) {
                return;
            }
            int cut = path.lastIndexOf(app.alex.core.extract.ExtractedDocument.SectionSpan.SEPARATOR);
            path = cut > 0 ? path.substring(0, cut) : "";
        }
        fields.remove(SECTION);
    }

    /**
     * A passage's exact terms go in what the 2 KB of filterable metadata leaves after everything
     * else: the first ones that fit (at most {@link #MAX_TERMS}); a passage dense with codes loses
     * its last ones from hybrid's word half, never its other metadata.
     */
    private static void withTerms(LinkedHashMap<String, Object> fields, List<String> terms) {
        if (terms.isEmpty()) {
            return;
        }
        // "terms":[] and a comma before it; then each term in quotes with its comma (an upper bound, like jsonBytes).
        int room = MAX_FILTERABLE_BYTES - jsonBytes(fields) - (TERMS.length() + 6);
        var kept = new ArrayList<String>();
        for (String term : terms) {
            int cost = jsonBytes(term) + 1;
            if (kept.size() == MAX_TERMS || cost > room) {
                break;
            }
            kept.add(term);
            room -= cost;
        }
        if (!kept.isEmpty()) {
            fields.put(TERMS, kept);
        }
    }

    /**
     * The record's filterable part is only what readers need to pick a version: a few dozen
     * bytes, far from 2 KB. Listing filters on the full record, read from "text".
     */
    static Fields record(DocumentRecord document, String version, int chunkCount, StoredRecord previous) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put(KIND, KIND_DOCUMENT);
        fields.put(DOCUMENT_ID, document.id());
        fields.put(VERSION, version);
        fields.put(CHUNK_COUNT, chunkCount);
        fields.put(LAYOUT, CURRENT_LAYOUT);
        fields.put(INGESTED_AT, document.ingestedAt().toEpochMilli());
        if (previous != null) {
            fields.put(PREVIOUS_VERSION, previous.version());
            fields.put(PREVIOUS_CHUNK_COUNT, previous.chunkCount());
        }
        return checked(document, new Fields(fields, toJson(document)), "document record");
    }

    /** The index's running totals (see {@link S3VectorsIndex#stats}): two numbers. */
    static Fields counts(long documents, long chunks) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put(KIND, KIND_COUNTS);
        fields.put(DOCUMENTS, documents);
        fields.put(CHUNKS, chunks);
        return new Fields(fields, "");
    }

    static long longValue(Map<String, Document> metadata, String key) {
        Document value = metadata.get(key);
        return value == null || !value.isNumber() ? 0 : value.asNumber().longValue();
    }

    private static LinkedHashMap<String, Object> common(DocumentRecord document, String kind, String version) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put(KIND, kind);
        fields.put(DOCUMENT_ID, document.id());
        fields.put(VERSION, version);
        fields.put(TYPE, document.type().wireName());
        List<String> tags = Tags.normalizeAll(document.tags());
        if (!tags.isEmpty()) {
            fields.put(TAGS, tags);
        }
        if (!document.source().isEmpty()) {
            fields.put(SOURCE, document.source());
        }
        fields.put(DATE, document.date().toEpochMilli());
        return fields;
    }

    /** Refuses, before any request, metadata S3 Vectors would reject, saying what to shorten. */
    private static Fields checked(DocumentRecord document, Fields fields, String what) {
        int filterable = fields.filterableBytes();
        if (filterable > MAX_FILTERABLE_BYTES) {
            int source = document.source().getBytes(StandardCharsets.UTF_8).length;
            int tags = jsonBytes(Tags.normalizeAll(document.tags()));
            throw new AlexException(ErrorCode.BAD_REQUEST, "Document '" + document.id() + "' has too much searchable"
                    + " metadata for the cloud index: " + filterable + " bytes in its " + what + ", and S3 Vectors allows "
                    + MAX_FILTERABLE_BYTES + " per vector. Its source takes " + source + " bytes and its "
                    + document.tags().size() + " tags take " + tags + ": shorten the source or use fewer tags.");
        }
        int total = fields.totalBytes();
        if (total > MAX_TOTAL_BYTES) {
            throw new AlexException(ErrorCode.BAD_REQUEST, "Document '" + document.id() + "' has too much metadata for"
                    + " the cloud index: " + total + " bytes in its " + what + ", and S3 Vectors allows " + MAX_TOTAL_BYTES
                    + " per vector. " + (what.startsWith("chunk") ? "Use smaller chunks." : "Use fewer or shorter attributes."));
        }
        return fields;
    }

    static String toJson(DocumentRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a document record is always serialisable", e);
        }
    }

    static DocumentRecord documentFromJson(String json) {
        try {
            return JSON.readValue(json, DocumentRecord.class);
        } catch (JsonProcessingException e) {
            throw new AlexException(ErrorCode.INTERNAL, "A document record in the cloud index is damaged.", e);
        }
    }

    private static int jsonBytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata is always serialisable", e);
        }
    }

    // --- reading metadata back -------------------------------------------------------------

    static String string(Map<String, Document> metadata, String key) {
        Document value = metadata.get(key);
        return value == null || !value.isString() ? null : value.asString();
    }

    static int integer(Map<String, Document> metadata, String key) {
        Document value = metadata.get(key);
        return value == null || !value.isNumber() ? 0 : value.asNumber().intValue();
    }

    static List<String> strings(Map<String, Document> metadata, String key) {
        Document value = metadata.get(key);
        if (value == null || !value.isList()) {
            return List.of();
        }
        var out = new ArrayList<String>();
        value.asList().forEach(d -> out.add(d.asString()));
        return out;
    }
}
