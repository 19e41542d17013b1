package app.alex.core.search;

import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;

import java.time.Instant;
import java.util.Set;

/**
 * Restricts a search or a listing. Empty sets and nulls mean "no restriction".
 *
 * @param types        any of these document types
 * @param tags         documents carrying at least one of these tags/tickers (case-insensitive)
 * @param sourcePrefix documents whose source starts with this (a folder, a site)
 * @param since        document date at or after (inclusive)
 * @param until        document date before (exclusive)
 */
public record SearchFilter(Set<DocumentType> types, Set<String> tags, String sourcePrefix, Instant since,
                           Instant until) {

    public static final SearchFilter NONE = new SearchFilter(Set.of(), Set.of(), null, null, null);

    public SearchFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
        tags = tags == null ? Set.of() : Set.copyOf(tags.stream().map(Tags::normalize).toList());
        sourcePrefix = sourcePrefix == null || sourcePrefix.isBlank() ? null : sourcePrefix;
        if (since != null && until != null && !since.isBefore(until)) {
            throw app.alex.core.error.AlexException.badRequest("'since' must be before 'until'.");
        }
    }

    public boolean isEmpty() {
        return types.isEmpty() && tags.isEmpty() && sourcePrefix == null && since == null && until == null;
    }

    /** The reference semantics every index must implement; adapters that post-filter use it directly. */
    public boolean matches(DocumentRecord document) {
        if (!types.isEmpty() && !types.contains(document.type())) {
            return false;
        }
        if (!tags.isEmpty() && document.tags().stream().map(Tags::normalize).noneMatch(tags::contains)) {
            return false;
        }
        if (sourcePrefix != null && !document.source().startsWith(sourcePrefix)) {
            return false;
        }
        if (since != null && document.date().isBefore(since)) {
            return false;
        }
        return until == null || document.date().isBefore(until);
    }
}
