package app.alex.desktop.report;

import app.alex.core.research.Citation;
import app.alex.core.research.ResearchReport;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report as a file to share: Markdown (the report as written) or a self-contained HTML page
 * whose {@code [n]} markers link to a numbered source list. Raw HTML inside the report is
 * escaped, and link URLs are sanitised, so an exported page cannot run a document's script.
 */
public final class ReportExport {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,3})]");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private ReportExport() {
    }

    /** The report as written, with its date, origin and topic as an italic line under the title. */
    public static String markdown(ResearchReport report) {
        String body = report.markdown() == null ? "" : report.markdown().strip();
        String meta = meta(report);
        if (meta.isEmpty()) {
            return body + "\n";
        }
        String line = "*" + meta.replace("*", "\\*") + "*";
        int end = body.indexOf('\n');
        String first = end < 0 ? body : body.substring(0, end);
        if (first.startsWith("# ")) {
            String rest = end < 0 ? "" : body.substring(end).strip();
            return first + "\n\n" + line + (rest.isEmpty() ? "" : "\n\n" + rest) + "\n";
        }
        return line + (body.isEmpty() ? "" : "\n\n" + body) + "\n";
    }

    public static String html(ResearchReport report) {
        String markdown = report.markdown() == null ? "" : report.markdown();
        if (!report.citations().isEmpty()) {
            markdown = ReportMarkdown.withoutSourcesSection(markdown); // replaced by the linked list below
        }
        String body = HTML.render(PARSER.parse(markdown));
        body = linkCitations(body, report);
        var out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(report.title())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#1f2328}\n")
                .append("h1,h2,h3{line-height:1.25}a.cite{text-decoration:none;font-size:.85em;vertical-align:super}\n")
                .append(".meta{color:#59636e;font-size:.9em}.sources li{margin:.4em 0}.quote{color:#59636e;font-size:.9em}\n")
                .append("code{background:#f6f8fa;padding:.1em .3em;border-radius:4px}\n")
                .append("</style>\n</head>\n<body>\n<p class=\"meta\">")
                .append(escape(meta(report))).append("</p>\n")
                .append(body);
        if (!report.citations().isEmpty()) {
            out.append("<section class=\"sources\">\n<h2>Sources</h2>\n<ol>\n");
            for (Citation c : report.citations()) {
                out.append("<li id=\"cite-").append(c.number()).append("\" value=\"").append(c.number()).append("\">");
                String title = escape(c.title() == null || c.title().isBlank() ? c.source() : c.title());
                if (c.kind() == Citation.Kind.WEB && isWebUrl(c.source())) {
                    out.append("<a href=\"").append(escape(c.source())).append("\">").append(title).append("</a>");
                } else {
                    out.append(title);
                    if (c.source() != null && !c.source().isBlank()) {
                        out.append(" <span class=\"meta\">").append(escape(c.source())).append("</span>");
                    }
                }
                if (c.quote() != null && !c.quote().isBlank()) {
                    out.append("<div class=\"quote\">“").append(escape(c.quote())).append("”</div>");
                }
                out.append("</li>\n");
            }
            out.append("</ol>\n</section>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }

    /** Writes atomically: a half-written export never replaces a good one. */
    public static void write(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".alex-export-", ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            shareable(temp, file);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A temporary file is private to its owner; an export is meant to be shared, so it takes the
     * permissions of the file it replaces, or rw-r--r-- (what a usual umask gives a new file).
     */
    private static void shareable(Path temp, Path target) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            return;
        }
        var permissions = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temp, permissions);
    }

    /** A file name from the title: letters, digits and dashes, cut between words. */
    public static String fileName(ResearchReport report, String extension) {
        String base = report.title() == null ? "" : report.title().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-+|-+$)", "");
        if (base.length() > 60) {
            int cut = base.lastIndexOf('-', 60);
            base = (cut >= 20 ? base.substring(0, cut) : base.substring(0, 60)).replaceAll("-+$", "");
        }
        return (base.isEmpty() ? "report" : base) + "." + extension;
    }

    public static String meta(ResearchReport report) {
        var parts = new StringBuilder();
        if (report.createdAt() != null) {
            parts.append(DATE.format(report.createdAt().atZone(ZoneId.systemDefault())));
        }
        append(parts, report.extractive() ? "Extractive brief (no language model)" : "Model: " + report.model());
        append(parts, report.trigger() == ResearchReport.Trigger.SCHEDULED ? "Scheduled" : "Manual");
        if (!report.tickers().isEmpty()) {
            append(parts, String.join(", ", report.tickers()));
        }
        if (report.topic() != null && !report.topic().isBlank()) {
            append(parts, "Topic: " + report.topic());
        }
        return parts.toString();
    }

    private static void append(StringBuilder parts, String part) {
        if (!parts.isEmpty()) {
            parts.append(" · ");
        }
        parts.append(part);
    }

    private static String linkCitations(String html, ResearchReport report) {
        if (report.citations().isEmpty()) {
            return html;
        }
        var known = report.citations().stream().map(Citation::number).collect(java.util.stream.Collectors.toSet());
        Matcher m = CITATION.matcher(html);
        var out = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            String replacement = known.contains(n) ? "<a class=\"cite\" href=\"#cite-" + n + "\">[" + n + "]</a>" : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isWebUrl(String value) {
        String lower = value == null ? "" : value.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        var out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
