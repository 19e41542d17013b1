package app.alex.desktop.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small edits to a report's Markdown before it is shown: the workbench draws the title and the
 * numbered sources itself (the sources as clickable links), so the report's own title heading
 * and "Sources" section would appear twice.
 */
public final class ReportMarkdown {
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SOURCES = Pattern.compile("(?i)(sources|references|citations|bibliography)\\s*:?");

    private ReportMarkdown() {
    }

    /** Drops a first-line level-1 heading (the title is shown above the text). */
    public static String withoutLeadingTitle(String markdown) {
        if (markdown == null) {
            return "";
        }
        List<String> lines = markdown.lines().toList();
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first < lines.size() && lines.get(first).startsWith("# ")) {
            return String.join("\n", lines.subList(first + 1, lines.size())).strip();
        }
        return markdown.strip();
    }

    /** Drops a "Sources" (or References, Citations) section, up to the next heading of the same or a higher level. */
    public static String withoutSourcesSection(String markdown) {
        if (markdown == null) {
            return "";
        }
        var out = new ArrayList<String>();
        int skippingLevel = 0;
        for (String line : markdown.lines().toList()) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                int level = heading.group(1).length();
                if (skippingLevel > 0 && level <= skippingLevel) {
                    skippingLevel = 0;
                }
                if (skippingLevel == 0 && SOURCES.matcher(heading.group(2)).matches()) {
                    skippingLevel = level;
                    continue;
                }
            }
            if (skippingLevel == 0) {
                out.add(line);
            }
        }
        return String.join("\n", out).strip();
    }
}
