package app.alex.core.extract;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable text of a web page with jsoup: the title and the main content (the
 * {@code <article>} or {@code <main>} when the page has one), without navigation, page header and
 * footer, asides, scripts, styles, forms and cookie banners. Block elements become paragraph breaks.
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
        page.select(CHROME).remove();
        removeCookieBanners(page);
        Element main = mainContent(page);
        // The page header and footer are site chrome; a header inside the article is its headline.
        for (Element e : page.select("footer, header")) {
            if (e.normalName().equals("footer") || e.closest("article, main, [role=main]") == null) {
                e.remove();
            }
        }
        return new ExtractedDocument(TextNormalizer.normalize(render(main)), TextNormalizer.oneLine(title),
                MEDIA_TYPE, List.of(), Optional.empty());
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

    /** Text with paragraph breaks at block elements and collapsed blanks elsewhere, as a browser shows it. */
    private static String render(Element root) {
        var out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    boolean pre = text.parent() instanceof Element parent && parent.closest("pre") != null;
                    if (pre) {
                        out.append(text.getWholeText());
                    } else {
                        appendCollapsed(out, text.getWholeText());
                    }
                } else if (node instanceof Element e) {
                    String name = e.normalName();
                    if (BLOCKS.contains(name)) {
                        breakLine(out, 2);
                    } else if (LINES.contains(name)) {
                        breakLine(out, 1);
                    } else if (name.equals("td") || name.equals("th")) {
                        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                            out.append('\t');
                        }
                    } else if (name.equals("img") && !e.attr("alt").isBlank()) {
                        appendCollapsed(out, " " + e.attr("alt") + " ");
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    breakLine(out, 2);
                }
            }
        }, root);
        // Lines inside a block start where the text starts, not after the source's indentation.
        return out.toString().replaceAll("(?m)^[ \\t]+", "");
    }

    private static void appendCollapsed(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                if (!out.isEmpty() && !Character.isWhitespace(out.charAt(out.length() - 1))) {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
        }
    }

    private static void breakLine(StringBuilder out, int newlines) {
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
