package app.alex.core.extract;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.LineBreakRendering;
import org.commonmark.renderer.text.TextContentRenderer;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown with commonmark: the text content with a blank line between blocks (headings,
 * paragraphs, list items, code), title = the first heading, or the front matter's {@code title:}.
 */
final class MarkdownExtractor {
    static final String MEDIA_TYPE = "text/markdown";
    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---[ \\t]*\\n(.*?)\\n(?:---|\\.\\.\\.)[ \\t]*(?:\\n|\\z)",
            Pattern.DOTALL);
    private static final Pattern FRONT_TITLE = Pattern.compile("(?m)^title:\\s*[\"']?(.*?)[\"']?\\s*$");

    private final Parser parser = Parser.builder().build();
    private final TextContentRenderer renderer = TextContentRenderer.builder()
            .lineBreakRendering(LineBreakRendering.SEPARATE_BLOCKS).build();

    ExtractedDocument extract(byte[] content) throws ExtractionException {
        return extract(TextDecoding.decode(content));
    }

    ExtractedDocument extract(String markdown) {
        String source = markdown.replace("\r\n", "\n").replace('\r', '\n');
        String title = "";
        Matcher front = FRONT_MATTER.matcher(source);
        if (front.find()) {
            Matcher t = FRONT_TITLE.matcher(front.group(1));
            if (t.find()) {
                title = t.group(1);
            }
            source = source.substring(front.end());
        }
        Node document = parser.parse(source);
        if (title.isBlank()) {
            title = firstHeading(document);
        }
        String text = TextNormalizer.normalize(SectionMarks.clean(renderer.render(document)));
        return new ExtractedDocument(text, TextNormalizer.oneLine(title), MEDIA_TYPE, List.of(), Optional.empty(),
                sections(text, document));
    }

    /** Each heading found, in order, as the whole of a line of the rendered text: its section runs to the next. */
    private static List<ExtractedDocument.SectionSpan> sections(String text, Node document) {
        var marked = new StringBuilder(text.length() + 64);
        int cursor = 0;
        for (var heading : headings(document)) {
            String line = TextNormalizer.oneLine(heading.text());
            if (line.isEmpty()) {
                continue;
            }
            int at = text.indexOf(line, cursor);
            while (at >= 0 && !((at == 0 || text.charAt(at - 1) == '\n')
                    && (at + line.length() == text.length() || text.charAt(at + line.length()) == '\n'))) {
                at = text.indexOf(line, at + 1);
            }
            if (at < 0) {
                continue;
            }
            marked.append(text, cursor, at).append(SectionMarks.headingStart(heading.level())).append(line)
                    .append(SectionMarks.HEADING_END);
            cursor = at + line.length();
        }
        marked.append(text, cursor, text.length());
        return SectionMarks.strip(marked.toString()).sections();
    }

    private record HeadingText(int level, String text) {
    }

    private static List<HeadingText> headings(Node document) {
        var out = new java.util.ArrayList<HeadingText>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                var text = new StringBuilder();
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text t) {
                        text.append(t.getLiteral());
                    }

                    @Override
                    public void visit(Code code) {
                        text.append(code.getLiteral());
                    }
                });
                out.add(new HeadingText(heading.getLevel(), text.toString()));
            }
        });
        return out;
    }

    private static String firstHeading(Node document) {
        var title = new StringBuilder();
        document.accept(new AbstractVisitor() {
            private boolean found;

            @Override
            public void visit(Heading heading) {
                if (found) {
                    return;
                }
                found = true;
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text text) {
                        title.append(text.getLiteral());
                    }

                    @Override
                    public void visit(Code code) {
                        title.append(code.getLiteral());
                    }
                });
            }
        });
        return title.toString();
    }
}
