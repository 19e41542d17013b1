package app.alex.aws.s3vectors;

import app.alex.core.search.SearchFilter;
import software.amazon.awssdk.core.document.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;

/**
 * {@link SearchFilter} in the S3 Vectors filter language. Everything but the source prefix has
 * an exact translation; S3 Vectors has no prefix operator, so {@link #needsPostFilter} tells the
 * index to check the prefix itself on the hits (see {@link S3VectorsIndex#search}).
 */
final class S3VectorsFilters {
    private S3VectorsFilters() {
    }

    /** Chunks only (record vectors never rank), plus the filter's conditions. */
    static Document forChunks(SearchFilter filter) {
        var clauses = new ArrayList<Document>();
        clauses.add(field(VectorMetadata.KIND, op("$eq", Document.fromString(VectorMetadata.KIND_CHUNK))));
        if (!filter.types().isEmpty()) {
            var types = filter.types().stream().map(t -> Document.fromString(t.wireName())).sorted(byString()).toList();
            clauses.add(field(VectorMetadata.TYPE, op("$in", Document.fromList(types))));
        }
        if (!filter.tags().isEmpty()) {
            // Tags are a list; "$eq" on a list matches when any element equals (documented), so
            // "any of these tags" is an $or of $eq, which does not depend on how $in treats lists.
            var any = filter.tags().stream().sorted()
                    .map(tag -> field(VectorMetadata.TAGS, op("$eq", Document.fromString(tag))))
                    .toList();
            clauses.add(any.size() == 1 ? any.getFirst() : Document.fromMap(Map.of("$or", Document.fromList(any))));
        }
        if (filter.since() != null) {
            clauses.add(field(VectorMetadata.DATE, op("$gte", Document.fromNumber(filter.since().toEpochMilli()))));
        }
        if (filter.until() != null) {
            // Dates are stored in whole milliseconds; rounding "until" up keeps every match, and the
            // index checks the exact filter on what comes back.
            clauses.add(field(VectorMetadata.DATE, op("$lt", Document.fromNumber(ceilMillis(filter.until())))));
        }
        return clauses.size() == 1 ? clauses.getFirst() : Document.fromMap(Map.of("$and", Document.fromList(clauses)));
    }

    /**
     * As {@link #forChunks}, and only passages holding at least one of {@code terms} (see
     * {@link ExactTerms}): "$eq" on the list of a passage's terms matches any element.
     */
    static Document forChunksHolding(SearchFilter filter, java.util.List<String> terms) {
        var any = terms.stream().map(term -> field(VectorMetadata.TERMS, op("$eq", Document.fromString(term)))).toList();
        Document holding = any.size() == 1 ? any.getFirst() : Document.fromMap(Map.of("$or", Document.fromList(any)));
        return Document.fromMap(Map.of("$and", Document.fromList(java.util.List.of(forChunks(filter), holding))));
    }

    private static long ceilMillis(Instant instant) {
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    static boolean needsPostFilter(SearchFilter filter) {
        return filter.sourcePrefix() != null;
    }

    private static Document field(String name, Document condition) {
        return Document.fromMap(Map.of(name, condition));
    }

    private static Document op(String operator, Document value) {
        return Document.fromMap(Map.of(operator, value));
    }

    private static Comparator<Document> byString() {
        return Comparator.comparing(Document::asString);
    }
}
