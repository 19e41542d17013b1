package app.alex.core.chunk;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the lines of a text that carry no prose a reader would search for: table-of-contents
 * lines with dot leaders, a table of contents laid out one cell a line (title, then page number),
 * bare page numbers and separators, running page footers ("Apple Inc. | 2024 Form 10-K | 12").
 * They share words with every question (a contents line lists every heading), so as passages they
 * rank high and answer nothing.
 */
final class LowContentLines {
    /** A leader of dots (or ellipses, middle dots) ending the line, with at most a page number after it. */
    private static final Pattern DOT_LEADER = Pattern.compile(".*(?:[.\u2026\u00b7]\\s?){4,}\\s*[0-9ivxlcdmIVXLCDM]{0,6}");
    /** "12", "- 12 -", "iv", "* * *", "-----": short and without a word. */
    private static final Pattern NO_WORDS = Pattern.compile("[^\\p{L}]{1,20}|[-\u2013\u2014 ]*[ivxlcdmIVXLCDM]{1,6}[-\u2013\u2014 ]*");
    /** A page footer or header: a short line that ends (or starts) with "| 12". */
    private static final Pattern RUNNING_FOOTER = Pattern.compile(".{0,100}\\|\\s*\\d{1,4}|\\d{1,4}\\s*\\|.{0,100}");
    private static final Pattern CONTENTS_HEADING = Pattern.compile("(?i)(table of )?contents|index|page(\\s+\\d+(\\s+of\\s+\\d+)?)?");
    private static final Pattern PAGE_NUMBER = Pattern.compile("\\d{1,3}|[ivxlcdmIVXLCDM]{1,6}");
    /** A contents block: this many short lines at least, this share of them bare page numbers. */
    private static final int BLOCK_LINES = 8;
    private static final double BLOCK_NUMBER_SHARE = 0.25;

    private LowContentLines() {
    }

    private record Line(int start, int end, String trimmed) {
        boolean isShort() {
            return trimmed.length() <= 80 && trimmed.split("\\s+").length <= 12;
        }
    }

    /** The characters of every low-content line, its line break included. */
    static BitSet find(String text) {
        var lines = lines(text);
        var low = new BitSet(text.length());
        for (Line line : lines) {
            String t = line.trimmed();
            if (!t.isEmpty() && (DOT_LEADER.matcher(t).matches() || NO_WORDS.matcher(t).matches()
                    || RUNNING_FOOTER.matcher(t).matches() || CONTENTS_HEADING.matcher(t).matches())) {
                low.set(line.start(), line.end());
            }
        }
        markContentsBlocks(lines, low);
        return low;
    }

    /** Runs of short lines (blank lines do not end a run) where page numbers are common: a contents table. */
    private static void markContentsBlocks(List<Line> lines, BitSet low) {
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).trimmed().isEmpty() || !lines.get(i).isShort()) {
                i++;
                continue;
            }
            // The block ends at its last page number: a heading right after the contents is the text's own.
            int j = i;
            int shortLines = 0;
            int shortLinesToLastNumber = 0;
            int numbers = 0;
            int last = -1;
            while (j < lines.size() && (lines.get(j).trimmed().isEmpty() || lines.get(j).isShort())) {
                if (!lines.get(j).trimmed().isEmpty()) {
                    shortLines++;
                    if (PAGE_NUMBER.matcher(lines.get(j).trimmed()).matches()) {
                        numbers++;
                        last = j;
                        shortLinesToLastNumber = shortLines;
                    }
                }
                j++;
            }
            if (last >= 0 && shortLinesToLastNumber >= BLOCK_LINES && numbers >= BLOCK_NUMBER_SHARE * shortLinesToLastNumber) {
                low.set(lines.get(i).start(), lines.get(last).end());
            }
            i = j;
        }
    }

    private static List<Line> lines(String text) {
        var out = new ArrayList<Line>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            out.add(new Line(start, end, text.substring(start, end).strip()));
            start = end;
        }
        return out;
    }
}
