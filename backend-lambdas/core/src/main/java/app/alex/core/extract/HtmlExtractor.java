package app.alex.core.extract;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable text of a web page with jsoup: the title and the main content (the
 * {@code <article>} or {@code <main>} when the page has one), without navigation, page header and
 * footer, asides, scripts, styles, forms, cookie banners and hidden elements. Block elements become
 * paragraph breaks, headings become sections, tables of figures become one readable line a row.
 *
 * <p>An SEC filing (inline XBRL, as EDGAR serves it) is read as a filing: its Parts and Items
 * ("Item 1A. Risk Factors") and their bold sub-headings are the sections, its page breaks the pages,
 * the running footer of every page and the hidden XBRL facts are left out, and its title is the
 * company, form and period ("Apple Inc. 10-K FY2024").
 */
final class HtmlExtractor {
    static final String MEDIA_TYPE = "text/html";
    private static final Pattern META_CHARSET =
            Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_.:-]+)");
    private static final String CHROME = "script, style, noscript, template, svg, canvas, iframe, object, embed, "
            + "form, button, input, select, textarea, dialog, nav, aside, [role=navigation], [role=complementary], "
            + "[role=search], [hidden], [aria-hidden=true]";
    private static final Pattern COOKIE = Pattern.compile("(?i)cookie|consent|gdpr");
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "header", "footer",
            "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table",
            "figure", "figcaption", "hr", "address", "details", "summary", "body", "center", "caption");
    private static final Set<String> LINES = Set.of("li", "tr", "br");
    private static final Pattern HIDDEN_STYLE = Pattern.compile("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");
    private static final Pattern BOLD_STYLE = Pattern.compile("(?i)font-weight\\s*:\\s*(bold|[6-9]00)");
    private static final Pattern PAGE_BREAK_STYLE = Pattern.compile("(?i)page-break-(before|after)\\s*:\\s*always|break-(before|after)\\s*:\\s*page");
    /** "PART I", "PART II — OTHER INFORMATION", "Part I. Financial Information". */
    private static final Pattern FILING_PART = Pattern.compile("(?i)part\\s+(i{1,3}|iv)\\b.*");
    /** "Item 1A. Risk Factors", "ITEM 7. MANAGEMENT'S DISCUSSION ...", "Item 2:". */
    private static final Pattern FILING_ITEM = Pattern.compile("(?i)item\\s+\\d{1,2}[a-c]?\\s*[.:\u2014\u2013-].*|item\\s+\\d{1,2}[a-c]?");
    /** Longest text a heading line may have. */
    private static final int MAX_HEADING_CHARS = 200;
    private static final int MAX_SUBHEADING_CHARS = 120;

    ExtractedDocument extract(byte[] content) throws ExtractionException {
        return extract(TextDecoding.decode(content, declaredCharset(content)));
    }

    ExtractedDocument extract(String html) {
        Document page = Jsoup.parse(html);
        String title = page.title();
        if (title.isBlank()) {
            title = page.select("meta[property=og:title]").attr("content");
        }
        if (title.isBlank()) {
            Element h1 = page.selectFirst("h1");
            title = h1 == null ? "" : h1.text();
        }
        boolean filing = !page.getElementsByTag("ix:header").isEmpty()
                || !page.select("[name^=dei:]").isEmpty();
        String filingTitle = filing ? filingTitle(page) : "";
        if (!filingTitle.isEmpty()) {
            title = filingTitle;
        }
        page.select(CHROME).remove();
        page.getElementsByTag("ix:header").remove();
        page.getAllElements().stream().filter(e -> HIDDEN_STYLE.matcher(e.attr("style")).find()).toList()
                .forEach(Element::remove);
        removeCookieBanners(page);
        if (filing) {
            removeRunningFooters(page);
        }
        Element main = mainContent(page);
        // The page header and footer are site chrome; a header inside the article is its headline.
        for (Element e : page.select("footer, header")) {
            if (e.normalName().equals("footer") || e.closest("article, main, [role=main]") == null) {
                e.remove();
            }
        }
        SectionMarks.Result marked = SectionMarks.strip(TextNormalizer.normalize(render(main, filing)));
        return new ExtractedDocument(marked.text(), TextNormalizer.oneLine(title), MEDIA_TYPE, marked.pages(),
                Optional.empty(), marked.sections());
    }

    /**
     * "Apple Inc. 10-K FY2024", "Tesla, Inc. 10-Q Q2 FY2025" from the cover page's XBRL facts;
     * "" when the filing does not tag them.
     */
    private static String filingTitle(Document page) {
        String company = fact(page, "dei:EntityRegistrantName");
        String form = fact(page, "dei:DocumentType");
        String year = fact(page, "dei:DocumentFiscalYearFocus");
        String period = fact(page, "dei:DocumentFiscalPeriodFocus");
        if (company.isEmpty() || form.isEmpty()) {
            return "";
        }
        String when = year.isEmpty() ? "" : (period.isEmpty() || period.equalsIgnoreCase("FY") ? "" : period + " ")
                + "FY" + year;
        return (company + " " + form + " " + when).strip();
    }

    private static String fact(Document page, String name) {
        Elements tagged = page.getElementsByAttributeValue("name", name);
        return tagged.isEmpty() ? "" : TextNormalizer.oneLine(tagged.first().text());
    }

    /**
     * The last line of each printed page ("Apple Inc. | 2024 Form 10-K | 21", a bare page number)
     * is page furniture when, digits aside, the same line ends three pages or more.
     */
    private static void removeRunningFooters(Document page) {
        Map<String, List<Element>> byShape = new HashMap<>();
        for (Element pageBreak : page.getAllElements()) {
            if (!PAGE_BREAK_STYLE.matcher(pageBreak.attr("style")).find()) {
                continue;
            }
            Element footer = lastTextBefore(pageBreak);
            if (footer != null && footer.text().strip().length() <= 80 && footer.text().matches(".*\\d.*")) {
                byShape.computeIfAbsent(shape(footer), k -> new ArrayList<>()).add(footer);
            }
        }
        // The last page has no break after it: its footer is the document's last line.
        page.body().nodeStream(TextNode.class).filter(t -> !t.isBlank()).reduce((a, b) -> b)
                .map(TextNode::parent).filter(Element.class::isInstance).map(Element.class::cast).ifPresent(last -> {
                    var same = byShape.get(shape(last));
                    if (same != null && !same.contains(last)) {
                        same.add(last);
                    }
                });
        byShape.values().stream().filter(footers -> footers.size() >= 3).flatMap(List::stream).forEach(Element::remove);
    }

    /** A footer line with its numbers blanked: "Apple Inc. | 2024 Form 10-K | #". */
    private static String shape(Element line) {
        return line.text().replaceAll("\\d+", "#").strip();
    }

    /** The innermost element holding the last text before {@code mark} in document order. */
    private static Element lastTextBefore(Element mark) {
        Node node = mark;
        while (node != null) {
            Node previous = node.previousSibling();
            while (previous != null) {
                if (previous instanceof Element e && e.hasText()) {
                    Element inner = e;
                    while (true) {
                        Element last = null;
                        for (Element child : inner.children()) {
                            if (child.hasText()) {
                                last = child;
                            }
                        }
                        if (last == null || !inner.ownText().isBlank()) {
                            return inner;
                        }
                        inner = last;
                    }
                }
                if (previous instanceof TextNode t && !t.isBlank()) {
                    return null;
                }
                previous = previous.previousSibling();
            }
            node = node.parent();
            if (node instanceof Element e && (e.normalName().equals("body") || BLOCKS.contains(e.normalName())
                    && e.text().length() > 200)) {
                return null; // the page's last line is not near: no footer here
            }
        }
        return null;
    }

    private static Element mainContent(Document page) {
        Elements articles = page.select("article");
        articles.removeIf(a -> a.parents().stream().anyMatch(p -> p.normalName().equals("article")));
        if (articles.size() == 1) {
            return articles.first();
        }
        Element main = page.selectFirst("main, [role=main]");
        if (main != null) {
            return main;
        }
        return page.body();
    }

    private static void removeCookieBanners(Document page) {
        for (Element e : page.body().getAllElements()) {
            if (e == page.body() || e.parent() == null) {
                continue;
            }
            String marks = e.id() + " " + e.className();
            if (COOKIE.matcher(marks).find() && e.selectFirst("article, main") == null
                    && !Set.of("article", "main").contains(e.normalName())) {
                e.remove();
            }
        }
    }

    /**
     * Text with paragraph breaks at block elements and collapsed blanks elsewhere, as a browser shows
     * it, with headings and page breaks marked ({@link SectionMarks}).
     */
    private static String render(Element root, boolean filing) {
        var out = new Output();
        NodeTraversor.filter(new NodeFilter() {
            private Element heading;
            private boolean itemSeen;

            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    boolean pre = text.parent() instanceof Element parent && parent.closest("pre") != null;
                    out.text(text.getWholeText(), pre);
                } else if (node instanceof Element e) {
                    String name = e.normalName();
                    if (PAGE_BREAK_STYLE.matcher(e.attr("style")).find()) {
                        out.pageBreak();
                    }
                    if (name.equals("table") && FigureTable.render(e, out)) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (BLOCKS.contains(name)) {
                        out.breakLine(2);
                        if (heading == null) {
                            int level = headingLevel(e, filing);
                            itemSeen |= filing && level > 0 && level < 3;
                            if (filing && level == 3 && !itemSeen && !e.normalName().equals("h3")) {
                                level = 0; // a bold line of the cover page, before Part I, is no section
                            }
                            if (level > 0) {
                                heading = e;
                                out.startHeading(level);
                            }
                        }
                    } else if (LINES.contains(name)) {
                        out.breakLine(1);
                    } else if (name.equals("td") || name.equals("th")) {
                        out.cell();
                    } else if (name.equals("img") && !e.attr("alt").isBlank()) {
                        out.text(" " + e.attr("alt") + " ", false);
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    if (e == heading) {
                        out.endHeading();
                        heading = null;
                    }
                    out.breakLine(2);
                }
                return FilterResult.CONTINUE;
            }
        }, root);
        // Lines inside a block start where the text starts, not after the source's indentation.
        return out.toString().replaceAll("(?m)^[ \\t]+", "");
    }

    /**
     * 1-6 for h1-h6; in a filing 1 for a Part, 2 for an Item and 3 for a short line all in bold;
     * 0 for everything else. Nothing inside a table is a heading (a table of contents lists them all).
     */
    private static int headingLevel(Element e, boolean filing) {
        String name = e.normalName();
        if (name.length() == 2 && name.charAt(0) == 'h' && Character.isDigit(name.charAt(1))) {
            return name.charAt(1) - '0';
        }
        if (!filing || e.closest("table") != null) {
            return 0;
        }
        String text = e.text().replace('\u00A0', ' ').strip();
        if (text.isEmpty() || text.length() > MAX_HEADING_CHARS) {
            return 0;
        }
        if (FILING_PART.matcher(text).matches() && text.length() <= 80) {
            return 1;
        }
        if (FILING_ITEM.matcher(text).matches()) {
            return 2;
        }
        return text.length() <= MAX_SUBHEADING_CHARS && allBold(e) && !text.endsWith(".") ? 3 : 0;
    }

    /** Every visible character of the element is set in bold. */
    private static boolean allBold(Element e) {
        List<TextNode> visible = e.nodeStream(TextNode.class).filter(t -> !t.isBlank()).toList();
        return !visible.isEmpty() && visible.stream().allMatch(t -> bold(t.parent(), e));
    }

    private static boolean bold(Node from, Element top) {
        for (Node n = from; n != null; n = n.parent()) {
            if (n instanceof Element el && (Set.of("b", "strong").contains(el.normalName())
                    || BOLD_STYLE.matcher(el.attr("style")).find())) {
                return true;
            }
            if (n == top) {
                return false;
            }
        }
        return false;
    }

    /**
     * The text being written: blanks collapsed as a browser does, line breaks merged, and the marks
     * of a heading or page break held back until the first visible character they belong to.
     */
    static final class Output {
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder pending = new StringBuilder();
        private boolean headingWritten;
        private boolean headingOpen;

        void text(String s, boolean pre) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (SectionMarks.isMark(c)) {
                    continue; // the source cannot forge a mark
                }
                boolean blank = Character.isWhitespace(c) || c == '\u00A0';
                if (pre && blank) {
                    out.append(c);
                } else if (blank) {
                    if (!out.isEmpty() && !Character.isWhitespace(out.charAt(out.length() - 1))) {
                        out.append(' ');
                    }
                } else {
                    flush();
                    out.append(c);
                }
            }
        }

        private void flush() {
            if (!pending.isEmpty()) {
                out.append(pending);
                pending.setLength(0);
                if (headingOpen) {
                    headingWritten = true;
                }
            }
        }

        void cell() {
            if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                out.append('\t');
            }
        }

        void pageBreak() {
            if (!out.isEmpty() && pending.indexOf(SectionMarks.PAGE_BREAK) < 0) {
                pending.insert(0, SectionMarks.PAGE_BREAK);
            }
        }

        void startHeading(int level) {
            pending.append(SectionMarks.headingStart(level));
            headingOpen = true;
            headingWritten = false;
        }

        void endHeading() {
            if (headingWritten) {
                int end = out.length();
                while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) {
                    end--;
                }
                out.setLength(end);
                out.append(SectionMarks.HEADING_END);
            } else {
                // A heading without text: forget its mark, keep a page break waiting with it.
                int mark = pending.indexOf(SectionMarks.headingStart(1).substring(0, 1));
                if (mark >= 0) {
                    pending.delete(mark, mark + 2);
                }
            }
            headingOpen = false;
            headingWritten = false;
        }

        void breakLine(int newlines) {
            int have = 0;
            int i = out.length();
            while (i > 0 && (out.charAt(i - 1) == ' ' || out.charAt(i - 1) == '\n')) {
                if (out.charAt(i - 1) == '\n') {
                    have++;
                }
                i--;
            }
            if (i == 0) {
                return;
            }
            out.setLength(i);
            out.append("\n".repeat(Math.max(have, newlines)));
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    /** A charset the page declares in a meta tag, if Java knows it. */
    private static Charset declaredCharset(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (RuntimeException e) {
                return null; // an unknown name: detect instead
            }
        }
        return null;
    }
}
