package app.alex.benchmarks.retrieval;

import app.alex.core.extract.ExtractionException;
import app.alex.core.extract.FileExtractor;
import app.alex.core.search.SearchHit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One question of the SEC filings set (edgar-filings-queries.tsv): the filing that answers it, the
 * Item label of the answering section ("Item 1A", "Part II Item 1A") and 1-3 evidence phrases,
 * exact substrings of the answering passage in the text Alex's {@link FileExtractor} gets from the
 * filing.
 *
 * <p>A passage answers the question when it comes from the question's file and either contains one
 * of the evidence phrases (whitespace-normalised, case-insensitive) or carries a section path that
 * names the question's Item label.
 */
record FilingQuestion(String text, String file, String item, List<String> phrases) {

    /** The question set on the class path. */
    static final String RESOURCE = "/retrieval/edgar-filings-queries.tsv";
    /** The four filings the set is about, as named in ../shared/data/edgar. */
    static final List<String> FILES = List.of("aapl-10-k-2024-11-01.html", "aapl-10-q-2025-08-01.html",
            "tsla-10-k-2025-01-30.html", "tsla-10-q-2025-07-24.html");

    private static final Pattern LABEL = Pattern.compile("(?:Part (I|II|III|IV) )?Item (\\d{1,2}[A-C]?)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    FilingQuestion {
        phrases = List.copyOf(phrases);
        if (!LABEL.matcher(item).matches()) {
            throw new IllegalArgumentException("not an Item label (\"Item 7\", \"Part II Item 1A\"): " + item);
        }
    }

    /** Whether this search hit answers the question (see the class comment). */
    boolean answeredBy(SearchHit hit) {
        return holdsEvidence(hit) || file.equals(fileName(hit.source())) && sectionNames(hit.section(), item);
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
            return new FilingQuestion(row.get(0), row.get(1), row.get(2), row.subList(3, row.size()));
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

    /** Each filing's text as Alex's extractor gets it, by file name. */
    static Map<String, String> extract(Path edgarDir) throws ExtractionException {
        var extractor = new FileExtractor();
        var texts = new LinkedHashMap<String, String>();
        for (String file : FILES) {
            texts.put(file, extractor.extract(edgarDir.resolve(file)).text());
        }
        return texts;
    }

    /**
     * What is wrong with the set against the filings' extracted text: unknown files, a wrong number of
     * phrases, phrases outside 4-10 words, phrases that do not occur in their file. Empty when sound.
     */
    static List<String> problems(List<FilingQuestion> questions, Map<String, String> texts) {
        var problems = new ArrayList<String>();
        var normalised = new LinkedHashMap<String, String>();
        texts.forEach((file, text) -> normalised.put(file, normalise(text)));
        for (FilingQuestion q : questions) {
            String text = normalised.get(q.file());
            if (text == null) {
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
                if (!text.contains(normalise(phrase))) {
                    problems.add("evidence phrase not in " + q.file() + ": \"" + phrase + "\" (" + q.text() + ")");
                }
            }
        }
        return problems;
    }
}
