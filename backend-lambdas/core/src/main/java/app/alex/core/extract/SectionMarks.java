package app.alex.core.extract;

import app.alex.core.extract.ExtractedDocument.PageSpan;
import app.alex.core.extract.ExtractedDocument.SectionSpan;

import java.util.ArrayList;
import java.util.List;

/**
 * Headings and page breaks marked inside rendered text, so their positions survive the
 * normalising that changes every offset. A renderer writes {@link #headingStart(int)} just before a
 * heading's first character, {@link #HEADING_END} just after its last, and {@link #PAGE_BREAK}
 * before the first character of a new page; {@link #strip} removes the marks and returns the text
 * with its section and page spans. The marks are Unicode noncharacters, which no text holds (a
 * renderer drops any found in the source, see {@link #isMark}).
 */
final class SectionMarks {
    private static final char HEADING_START = '\uFDD0';
    static final String HEADING_END = "\uFDD1";
    static final String PAGE_BREAK = "\uFDD2";
    /** Deepest heading level kept in a path. */
    static final int MAX_LEVEL = 6;

    private SectionMarks() {
    }

    static String headingStart(int level) {
        return HEADING_START + Character.toString('0' + Math.clamp(level, 1, MAX_LEVEL));
    }

    static boolean isMark(char c) {
        return c >= '\uFDD0' && c <= '\uFDD2';
    }

    /** Source text with any mark characters dropped, so the source cannot forge a heading or a page. */
    static String clean(String text) {
        return text.replaceAll("[\uFDD0-\uFDD2]", "");
    }

    /** Text without marks, with spans of its sections (heading to next heading) and pages (if any break). */
    record Result(String text, List<SectionSpan> sections, List<PageSpan> pages) {
    }

    static Result strip(String marked) {
        var text = new StringBuilder(marked.length());
        record Heading(int level, int start, String title) {
        }
        var headings = new ArrayList<Heading>();
        var breaks = new ArrayList<Integer>();
        int headingLevel = 0;
        int headingStart = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == HEADING_START && i + 1 < marked.length()) {
                headingLevel = marked.charAt(++i) - '0';
                headingStart = text.length();
            } else if (c == HEADING_END.charAt(0)) {
                if (headingStart >= 0) {
                    String title = readable(text.substring(headingStart).replaceAll("\\s+", " ").strip());
                    if (!title.isEmpty()) {
                        headings.add(new Heading(headingLevel, headingStart, title));
                    }
                }
                headingStart = -1;
            } else if (c == PAGE_BREAK.charAt(0)) {
                breaks.add(text.length());
            } else {
                text.append(c);
            }
        }
        String out = text.toString();
        var sections = new ArrayList<SectionSpan>();
        String[] path = new String[MAX_LEVEL + 1];
        for (int h = 0; h < headings.size(); h++) {
            Heading heading = headings.get(h);
            path[heading.level()] = heading.title();
            for (int deeper = heading.level() + 1; deeper <= MAX_LEVEL; deeper++) {
                path[deeper] = null;
            }
            var levels = new ArrayList<String>();
            for (int level = 1; level <= heading.level(); level++) {
                if (path[level] != null) {
                    levels.add(path[level]);
                }
            }
            int end = h + 1 < headings.size() ? headings.get(h + 1).start() : out.length();
            if (end > heading.start()) {
                sections.add(new SectionSpan(clip(String.join(SectionSpan.SEPARATOR, levels)), heading.start(), end));
            }
        }
        return new Result(out, sections, pages(breaks, out.length()));
    }

    /** Pages between breaks, numbered from 1; a page with no characters (two breaks in a row) is not counted. */
    private static List<PageSpan> pages(List<Integer> breaks, int length) {
        if (breaks.isEmpty()) {
            return List.of();
        }
        var pages = new ArrayList<PageSpan>();
        int start = 0;
        for (int end : breaks) {
            if (end > start) {
                pages.add(new PageSpan(pages.size() + 1, start, end));
                start = end;
            }
        }
        if (length > start) {
            pages.add(new PageSpan(pages.size() + 1, start, length));
        }
        return pages;
    }

    private static final java.util.Set<String> SMALL_WORDS = java.util.Set.of("a", "an", "and", "as", "at", "by",
            "for", "from", "in", "of", "on", "or", "the", "to", "upon", "with");

    /**
     * A heading in capitals ("ITEM 1A. RISK FACTORS") as a reader writes it ("Item 1A. Risk
     * Factors"); roman numerals and words with digits stay as they are. Other headings are kept.
     */
    static String readable(String title) {
        if (title.chars().noneMatch(Character::isLetter) || title.chars().anyMatch(Character::isLowerCase)) {
            return title;
        }
        var out = new StringBuilder();
        String[] words = title.split(" ");
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            String bare = word.replaceAll("[^\\p{L}\\p{N}]", "");
            String lower = word.toLowerCase(java.util.Locale.ROOT);
            if (i > 0) {
                out.append(' ');
            }
            if (bare.matches("[IVX]+") || bare.chars().anyMatch(Character::isDigit)) {
                out.append(word);
            } else if (i > 0 && SMALL_WORDS.contains(bare.toLowerCase(java.util.Locale.ROOT))) {
                out.append(lower);
            } else {
                int first = 0;
                while (first < lower.length() && !Character.isLetter(lower.charAt(first))) {
                    first++;
                }
                out.append(lower, 0, Math.min(first, lower.length()));
                if (first < lower.length()) {
                    out.append(Character.toUpperCase(lower.charAt(first))).append(lower.substring(first + 1));
                }
            }
        }
        return out.toString();
    }

    /** A path within the stored limit, cut between words. */
    static String clip(String path) {
        if (path.length() <= SectionSpan.MAX_PATH_CHARS) {
            return path;
        }
        int cut = path.lastIndexOf(' ', SectionSpan.MAX_PATH_CHARS - 1);
        return path.substring(0, cut > 0 ? cut : SectionSpan.MAX_PATH_CHARS - 1) + "…";
    }
}
