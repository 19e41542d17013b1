package app.alex.research.agent;

import app.alex.core.research.Citation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a draft into the stored report: citations renumbered 1..k in order of first use,
 * markers that name no source of this run removed (a model may invent [7] or cite from memory),
 * and the Sources section written from the run's own records, not by the model.
 */
public final class ReportAssembler {
    /** [3], [3, 5], [3][5] and [3-5] all count as citations. */
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3}(?:\\s*[,\u2013-]\\s*\\d{1,3})*)]");
    private static final Pattern MODEL_SOURCES = Pattern.compile(
            "(?ims)^#{1,6}\\s*(sources|references|citations|bibliography)\\s*$.*\\z");

    public record Assembled(String markdown, List<Citation> citations) {
    }

    private ReportAssembler() {
    }

    public static Assembled assemble(String title, String body, Sources sources) {
        String text = MODEL_SOURCES.matcher(body == null ? "" : body.strip()).replaceAll("").strip();
        if (!text.startsWith("# ")) {
            text = "# " + title + "\n\n" + text;
        }
        Map<Integer, Integer> renumber = new LinkedHashMap<>();
        Matcher m = MARKER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<Integer> kept = new ArrayList<>();
            for (int n : numbers(m.group(1))) {
                if (sources.get(n).isPresent()) {
                    kept.add(renumber.computeIfAbsent(n, k -> renumber.size() + 1));
                }
            }
            String replacement = kept.stream().distinct().map(k -> "[" + k + "]").reduce("", String::concat);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        List<Citation> citations = new ArrayList<>();
        renumber.forEach((old, now) -> {
            Citation c = sources.get(old).orElseThrow();
            citations.add(new Citation(now, c.kind(), c.documentId(), c.chunkIndex(), c.page(), c.title(), c.source(),
                    quote(c.quote())));
        });
        StringBuilder markdown = new StringBuilder(out.toString().replaceAll("[ \t]+([.,;:])", "$1").strip());
        if (!citations.isEmpty()) {
            markdown.append("\n\n## Sources\n\n");
            for (Citation c : citations) {
                markdown.append(c.number()).append(". ").append(sourceLine(c)).append('\n');
            }
        }
        return new Assembled(markdown.toString().strip() + "\n", citations);
    }

    static String sourceLine(Citation c) {
        String title = c.title() == null || c.title().isBlank() ? c.source() : c.title();
        return switch (c.kind()) {
            case WEB -> "[" + escape(title) + "](" + c.source() + ")" + (edgarFiling(c.source()) ? " (SEC EDGAR filing)" : " (web page)");
            case PASSAGE -> escape(title) + (c.source() == null || c.source().isBlank() ? "" : " - " + c.source())
                    + " (knowledge base, " + (c.page() > 0 ? "page " + c.page() + ", " : "") + "passage " + (c.chunkIndex() + 1) + ")";
        };
    }

    /** A filing's folder on EDGAR's archives, where the financials tool and the brief's figures point. */
    private static boolean edgarFiling(String url) {
        return url != null && url.contains("/Archives/edgar/data/");
    }

    private static String escape(String s) {
        return s.replace("[", "(").replace("]", ")");
    }

    private static String quote(String text) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return t.length() > 600 ? t.substring(0, 600) + "..." : t;
    }

    private static List<Integer> numbers(String group) {
        List<Integer> result = new ArrayList<>();
        for (String part : group.split("\\s*,\\s*")) {
            String[] range = part.split("\\s*[\u2013-]\\s*");
            int from = Integer.parseInt(range[0].strip());
            int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
            for (int n = from; n <= Math.min(to, from + 20); n++) {
                result.add(n);
            }
        }
        return result;
    }
}
