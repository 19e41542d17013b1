package app.alex.cli;

import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.search.SearchFilter;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Filters shared by {@code search} and {@code docs list}. */
public final class FilterOptions {
    @Option(names = "--type", paramLabel = "TYPE", description = "Only this type: document, research or note (repeatable).")
    List<String> types = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", description = "Only documents with this tag or ticker (repeatable: any of them).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--source", paramLabel = "PREFIX", description = "Only documents whose source (path or URL) starts with this.")
    String source;

    @Option(names = "--since", paramLabel = "DATE", description = "Only documents dated on or after DATE (2024-01-31 or an ISO instant).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only documents dated before DATE (2024-12-31 or an ISO instant).")
    String until;

    public SearchFilter toFilter() {
        var typeSet = new LinkedHashSet<DocumentType>();
        types.forEach(t -> typeSet.add(DocumentType.parse(t)));
        String prefix = source;
        if (prefix != null && !prefix.contains("://") && !prefix.isBlank()) {
            // A path prefix: make it absolute, as stored sources are.
            prefix = java.nio.file.Path.of(prefix).toAbsolutePath().normalize().toString();
        }
        return new SearchFilter(typeSet, new LinkedHashSet<>(tags), prefix, parseDate(since, "--since"),
                parseDate(until, "--until"));
    }

    static Instant parseDate(String value, String option) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw AlexException.badRequest(option + " takes a date like 2024-01-31 or an instant like "
                        + "2024-01-31T12:00:00Z, not '" + value + "'.");
            }
        }
    }
}
