package app.alex.benchmarks.retrieval;

import app.alex.core.extract.ExtractedDocument;
import app.alex.core.extract.ExtractionException;
import app.alex.core.extract.FileExtractor;
import app.alex.core.search.SearchHit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One question of the SEC filings set (edgar-filings-queries.tsv): the filing that answers it, the
 * Item labels of the sections that answer it ("Item 1A", "Part II Item 1A"; a filing often answers
 * the same question in several Items, e.g. MD&A and a note in Item 8) and 1-3 evidence phrases,
 * exact substrings of the answering passages in the text Alex's {@link FileExtractor} gets from the
 * filing. Every label is backed by at least one phrase that lies inside that Item's section of the
 * extracted text ({@link #problems}).
 *
 * <p>A passage answers the question when it comes from the question's file and either contains one
 * of the evidence phrases (whitespace-normalised, case-insensitive) or carries a section path that
 * names one of the question's Item labels.
 */
record FilingQuestion(String text, String file, List<String> items, List<String> phrases) {

    /** The question set on the class path. */
    static final String RESOURCE = "/retrieval/edgar-filings-queries.tsv";
    /** The four filings the set is about, as named in ../shared/data/edgar. */
    static final List<String> FILES = List.of("aapl-10-k-2024-11-01.html", "aapl-10-q-2025-08-01.html",
            "tsla-10-k-2025-01-30.html", "tsla-10-q-2025-07-24.html");

    private static final Pattern LABEL = Pattern.compile("(?:Part (I|II|III|IV) )?Item (\\d{1,2}[A-C]?)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    FilingQuestion {
        phrases = List.copyOf(phrases);
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no Item label: " + text);
        }
        for (String item : items) {
            if (!LABEL.matcher(item).matches()) {
                throw new IllegalArgumentException("not an Item label (\"Item 7\", \"Part II Item 1A\"): " + item);
            }
        }
        if (new LinkedHashSet<>(items).size() != items.size()) {
            throw new IllegalArgumentException("an Item label given twice: " + items);
        }
    }

    /**
     * The Item column of the set: one label or several separated by ";" ("Item 7; Item 8").
     */
    static List<String> parseItems(String column) {
        return Arrays.stream(column.split(";", -1)).map(String::strip).toList();
    }

    /** The labels as written in the set ("Item 7; Item 8"). */
    String itemColumn() {
        return String.join("; ", items);
    }

    /** Whether this search hit answers the question (see the class comment). */
    boolean answeredBy(SearchHit hit) {
        return holdsEvidence(hit) || file.equals(fileName(hit.source()))
                && items.stream().anyMatch(item -> sectionNames(hit.section(), item));
    }

    /** The stricter credit: the passage itself holds an evidence phrase (its section is not enough). */
    boolean holdsEvidence(SearchHit hit) {
        if (!file.equals(fileName(hit.source()))) {
            return false;
        }
        String passage = normalise(hit.text());
        return phrases.stream().anyMatch(p -> passage.contains(normalise(p)));
    }

    /**
     * Whether a heading path ("Part I > Item 1A. Risk Factors", "PART II. OTHER INFORMATION > ITEM 1A.
     * RISK FACTORS") names an Item label: it mentions that Item (not a longer one: "Item 1" is not
     * named by "Item 1A") and, when the label has a Part, that Part too.
     */
    static boolean sectionNames(String section, String label) {
        if (section == null || section.isBlank()) {
            return false;
        }
        Matcher m = LABEL.matcher(label);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an Item label: " + label);
        }
        String path = normalise(section);
        boolean itemNamed = Pattern.compile("\\bitem\\s+" + m.group(2).toLowerCase(Locale.ROOT) + "(?![0-9a-z])")
                .matcher(path).find();
        boolean partNamed = m.group(1) == null || Pattern.compile("\\bpart\\s+" + m.group(1).toLowerCase(Locale.ROOT)
                + "(?![ivx])").matcher(path).find();
        return itemNamed && partNamed;
    }

    /** Runs of whitespace to one space, lower case, trimmed. */
    static String normalise(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    static String fileName(String source) {
        if (source == null || source.isEmpty()) {
            return "";
        }
        Path name = Path.of(source).getFileName();
        return name == null ? "" : name.toString();
    }

    /** The set, parsed from the class path. */
    static List<FilingQuestion> load() {
        return TsvResource.rows(RESOURCE).stream().map(row -> {
            if (row.size() < 4) {
                throw new IllegalStateException(RESOURCE + ": a row needs a question, a file, an Item and a phrase: " + row);
            }
            return new FilingQuestion(row.get(0), row.get(1), parseItems(row.get(2)), row.subList(3, row.size()));
        }).toList();
    }

    /** The folder with the filings: {@code shared/data/edgar} beside the checkout (or any folder above it). */
    static Path edgarDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve("edgar");
            if (Files.isRegularFile(candidate.resolve(FILES.getFirst()))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the SEC filings were not found in shared/data/edgar beside the checkout"
                + " (or any folder above it); the filings evaluation needs that real material");
    }

    /** Each filing as Alex's extractor gets it (text and section spans), by file name. */
    static Map<String, ExtractedDocument> extract(Path edgarDir) throws ExtractionException {
        var extractor = new FileExtractor();
        var documents = new LinkedHashMap<String, ExtractedDocument>();
        for (String file : FILES) {
            documents.put(file, extractor.extract(edgarDir.resolve(file)));
        }
        return documents;
    }

    /**
     * What is wrong with the set against the filings' extracted text: unknown files, a wrong number of
     * phrases, phrases outside 4-10 words, phrases that do not occur in their file, and Item labels
     * that no phrase backs: every label needs a phrase that occurs inside a section of the extracted
     * text whose path names that label. Empty when sound.
     */
    static List<String> problems(List<FilingQuestion> questions, Map<String, ExtractedDocument> documents) {
        var problems = new ArrayList<String>();
        var normalised = new LinkedHashMap<String, NormalisedText>();
        documents.forEach((file, document) -> normalised.put(file, NormalisedText.of(document.text())));
        for (FilingQuestion q : questions) {
            ExtractedDocument document = documents.get(q.file());
            NormalisedText text = normalised.get(q.file());
            if (document == null) {
                problems.add("unknown file " + q.file() + ": " + q.text());
                continue;
            }
            if (q.phrases().isEmpty() || q.phrases().size() > 3) {
                problems.add("needs 1-3 evidence phrases, has " + q.phrases().size() + ": " + q.text());
            }
            for (String phrase : q.phrases()) {
                int words = WHITESPACE.split(phrase.strip()).length;
                if (words < 4 || words > 10) {
                    problems.add("evidence phrase of " + words + " words (4-10 wanted): \"" + phrase + "\" (" + q.text() + ")");
                }
                if (!text.text().contains(normalise(phrase))) {
                    problems.add("evidence phrase not in " + q.file() + ": \"" + phrase + "\" (" + q.text() + ")");
                }
            }
            for (String item : q.items()) {
                boolean backed = q.phrases().stream().anyMatch(phrase -> text.occurrences(normalise(phrase)).stream()
                        .anyMatch(span -> sectionNames(document.sectionAt(span[0]), item)
                                && sectionNames(document.sectionAt(span[1] - 1), item)));
                if (!backed) {
                    problems.add("no evidence phrase lies inside " + item + " of " + q.file() + ": " + q.text());
                }
            }
        }
        return problems;
    }

    /**
     * A text normalised like {@link #normalise} (the same whitespace, {@code \\s}, and the same lower
     * casing), with the offset in the original text of each of its characters.
     */
    private record NormalisedText(String text, int[] origin) {
        static NormalisedText of(String original) {
            var out = new StringBuilder(original.length());
            var origin = new ArrayList<Integer>(original.length());
            boolean space = false;
            for (int i = 0; i < original.length(); i++) {
                char c = original.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                    if (!space && !out.isEmpty()) {
                        out.append(' ');
                        origin.add(i);
                    }
                    space = true;
                } else {
                    String lower = String.valueOf(c).toLowerCase(Locale.ROOT);
                    out.append(lower);
                    for (int k = 0; k < lower.length(); k++) {
                        origin.add(i);
                    }
                    space = false;
                }
            }
            return new NormalisedText(out.toString(), origin.stream().mapToInt(Integer::intValue).toArray());
        }

        /** The spans [start, end) in the original text of each occurrence of a normalised phrase. */
        List<int[]> occurrences(String phrase) {
            var spans = new ArrayList<int[]>();
            if (phrase.isEmpty()) {
                return spans;
            }
            for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
                int last = at + phrase.length() - 1;
                spans.add(new int[] {origin[at], origin[last] + 1});
            }
            return spans;
        }
    }
}
