package app.alex.desktop.report;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown (the researcher's report format) to {@link StyledText}: headings, bold, italics,
 * lists, quotes, code, links; every citation marker {@code [n]} (also {@code [1, 2]}) becomes a
 * clickable range. Raw HTML in the report is shown as text, never interpreted.
 *
 * <p>Style classes: {@code h1 h2 h3 strong em code code-block quote list-marker link citation}.
 */
public final class MarkdownRenderer {
    private static final Parser PARSER = Parser.builder().build();
    private static final Pattern CITATION_GROUP = Pattern.compile("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");

    public StyledText render(String markdown) {
        var builder = new Builder();
        PARSER.parse(markdown == null ? "" : markdown).accept(builder);
        return builder.finish();
    }

    private static final class Builder extends AbstractVisitor {
        private final StringBuilder text = new StringBuilder();
        private final List<StyledText.Span> spans = new ArrayList<>();
        private final List<StyledText.Link> links = new ArrayList<>();
        private final Deque<String> styles = new ArrayDeque<>();
        private final Deque<int[]> listCounters = new ArrayDeque<>(); // {next number, or -1 for bullets}
        private boolean tightItem;

        void append(String s) {
            if (s.isEmpty()) {
                return;
            }
            int start = text.length();
            text.append(s);
            Set<String> current = new HashSet<>(styles);
            var last = spans.isEmpty() ? null : spans.getLast();
            if (last != null && last.end() == start && last.styles().equals(current)) {
                spans.set(spans.size() - 1, new StyledText.Span(last.start(), text.length(), current));
            } else {
                spans.add(new StyledText.Span(start, text.length(), current));
            }
        }

        void newline() {
            if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
                append("\n");
            }
        }

        void blankLine() {
            if (text.isEmpty()) {
                return;
            }
            newline();
            if (text.length() < 2 || text.charAt(text.length() - 2) != '\n') {
                append("\n");
            }
        }

        void styled(String style, Node node) {
            styles.push(style);
            visitChildren(node);
            styles.pop();
        }

        @Override
        public void visit(Heading heading) {
            blankLine();
            styled("h" + Math.min(heading.getLevel(), 3), heading);
            newline();
        }

        @Override
        public void visit(Paragraph paragraph) {
            if (tightItem) {
                tightItem = false;
            } else if (!(paragraph.getParent() instanceof ListItem)) {
                blankLine();
            } else {
                newline();
            }
            visitChildren(paragraph);
            newline();
        }

        @Override
        public void visit(BulletList list) {
            list(list, -1);
        }

        @Override
        public void visit(OrderedList list) {
            Integer start = list.getMarkerStartNumber();
            list(list, start == null ? 1 : start);
        }

        private void list(Node list, int firstNumber) {
            if (listCounters.isEmpty()) {
                blankLine();
            } else {
                newline();
            }
            listCounters.push(new int[] {firstNumber});
            visitChildren(list);
            listCounters.pop();
            newline();
        }

        @Override
        public void visit(ListItem item) {
            newline();
            int[] counter = listCounters.peek();
            String indent = "    ".repeat(Math.max(0, listCounters.size() - 1));
            String marker = counter == null || counter[0] < 0 ? "•  " : (counter[0]++) + ".  ";
            append(indent);
            styles.push("list-marker");
            append(marker);
            styles.pop();
            tightItem = true;
            visitChildren(item);
            tightItem = false;
            newline();
        }

        @Override
        public void visit(BlockQuote quote) {
            blankLine();
            styled("quote", quote);
            newline();
        }

        @Override
        public void visit(FencedCodeBlock code) {
            codeBlock(code.getLiteral());
        }

        @Override
        public void visit(IndentedCodeBlock code) {
            codeBlock(code.getLiteral());
        }

        private void codeBlock(String literal) {
            blankLine();
            styles.push("code-block");
            append(literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal);
            styles.pop();
            newline();
        }

        @Override
        public void visit(ThematicBreak thematicBreak) {
            blankLine();
            styles.push("rule");
            append("────────────────────────");
            styles.pop();
            newline();
        }

        @Override
        public void visit(Emphasis emphasis) {
            styled("em", emphasis);
        }

        @Override
        public void visit(StrongEmphasis strong) {
            styled("strong", strong);
        }

        @Override
        public void visit(Code code) {
            styles.push("code");
            append(code.getLiteral());
            styles.pop();
        }

        @Override
        public void visit(Link link) {
            int start = text.length();
            styled("link", link);
            if (text.length() == start) {
                styles.push("link");
                append(link.getDestination());
                styles.pop();
            }
            links.add(new StyledText.Link(start, text.length(), null, link.getDestination()));
        }

        @Override
        public void visit(Image image) {
            visitChildren(image);
        }

        @Override
        public void visit(Text node) {
            append(node.getLiteral());
        }

        @Override
        public void visit(SoftLineBreak softLineBreak) {
            append(" ");
        }

        @Override
        public void visit(HardLineBreak hardLineBreak) {
            append("\n");
        }

        @Override
        public void visit(HtmlInline html) {
            append(html.getLiteral());
        }

        @Override
        public void visit(HtmlBlock html) {
            blankLine();
            append(html.getLiteral().strip());
            newline();
        }

        StyledText finish() {
            while (!text.isEmpty() && text.charAt(text.length() - 1) == '\n') {
                text.setLength(text.length() - 1);
            }
            var trimmed = new ArrayList<StyledText.Span>();
            for (var span : spans) {
                int end = Math.min(span.end(), text.length());
                if (span.start() < end) {
                    trimmed.add(new StyledText.Span(span.start(), end, span.styles()));
                }
            }
            markCitations(trimmed);
            return new StyledText(text.toString(), trimmed, links);
        }

        /** Finds [n] markers in the finished text (outside code) and makes each number clickable. */
        private void markCitations(List<StyledText.Span> spanList) {
            Matcher group = CITATION_GROUP.matcher(text);
            while (group.find()) {
                var at = new StyledText(text.toString(), spanList, List.of()).stylesAt(group.start());
                if (at.contains("code") || at.contains("code-block") || at.contains("link")) {
                    continue;
                }
                Matcher number = NUMBER.matcher(group.group(1));
                boolean single = !group.group(1).contains(",");
                while (number.find()) {
                    int start = single ? group.start() : group.start(1) + number.start();
                    int end = single ? group.end() : group.start(1) + number.end();
                    links.add(new StyledText.Link(start, end, Integer.parseInt(number.group()), null));
                }
                addStyle(spanList, group.start(), group.end(), "citation");
            }
            links.sort(java.util.Comparator.comparingInt(StyledText.Link::start));
        }

        private static void addStyle(List<StyledText.Span> spanList, int from, int to, String style) {
            var out = new ArrayList<StyledText.Span>();
            for (var span : spanList) {
                if (span.end() <= from || span.start() >= to) {
                    out.add(span);
                    continue;
                }
                if (span.start() < from) {
                    out.add(new StyledText.Span(span.start(), from, span.styles()));
                }
                var with = new HashSet<>(span.styles());
                with.add(style);
                out.add(new StyledText.Span(Math.max(span.start(), from), Math.min(span.end(), to), with));
                if (span.end() > to) {
                    out.add(new StyledText.Span(to, span.end(), span.styles()));
                }
            }
            spanList.clear();
            spanList.addAll(out);
        }
    }
}
