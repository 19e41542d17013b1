package app.alex.core.extract;

import app.alex.core.error.ErrorCode;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Word (.docx) text with Apache POI: paragraphs and tables in body order, title from the
 * document properties or the first Title/Heading paragraph.
 */
final class DocxExtractor {
    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final ZipExpansion expansion;

    DocxExtractor() {
        this(ZipExpansion.DOCX);
    }

    DocxExtractor(ZipExpansion expansion) {
        this.expansion = expansion;
    }

    ExtractedDocument extract(Path file) throws ExtractionException {
        OPCPackage pkg;
        try {
            expansion.check(file);
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (ExtractionException e) {
            throw e;
        } catch (Exception e) {
            throw damaged(e);
        }
        try {
            return read(new XWPFDocument(pkg));
        } catch (ExtractionException e) {
            throw e;
        } catch (Exception e) {
            throw damaged(e);
        } finally {
            pkg.revert(); // read-only: close without writing anything back
        }
    }

    ExtractedDocument extract(byte[] content) throws ExtractionException {
        try {
            expansion.check(content);
        } catch (IOException e) {
            throw damaged(e);
        }
        try (var document = new XWPFDocument(new ByteArrayInputStream(content))) {
            return read(document);
        } catch (ExtractionException e) {
            throw e;
        } catch (Exception e) {
            throw damaged(e);
        }
    }

    private static ExtractionException damaged(Exception e) {
        return new ExtractionException(ErrorCode.UNPROCESSABLE_DOCUMENT,
                "damaged DOCX: the file is corrupt or not a Word document, its text cannot be read", e);
    }

    private static ExtractedDocument read(XWPFDocument document) throws IOException {
        var text = new StringBuilder();
        String headingTitle = "";
        for (IBodyElement element : document.getBodyElements()) {
            String block = switch (element) {
                case XWPFParagraph paragraph -> paragraph.getText();
                case XWPFTable table -> tableText(table);
                case XWPFSDT sdt -> sdt.getContent().getText();
                default -> "";
            };
            if (headingTitle.isEmpty() && element instanceof XWPFParagraph p && isHeading(p) && !block.isBlank()) {
                headingTitle = block;
            }
            if (!block.isBlank()) {
                block = SectionMarks.clean(block);
                int level = element instanceof XWPFParagraph p ? headingLevel(p) : 0;
                if (level > 0) {
                    // Marks survive normalising; SectionMarks turns them into section spans.
                    text.append(SectionMarks.headingStart(level)).append(block.strip()).append(SectionMarks.HEADING_END);
                } else {
                    text.append(block);
                }
                text.append("\n\n");
            }
        }
        String title = "";
        Instant created = null;
        POIXMLProperties properties = document.getProperties();
        if (properties != null && properties.getCoreProperties() != null) {
            var core = properties.getCoreProperties();
            title = core.getTitle() == null ? "" : core.getTitle();
            Date date = core.getCreated();
            created = date == null ? null : date.toInstant();
        }
        if (title.isBlank()) {
            title = headingTitle;
        }
        SectionMarks.Result marked = SectionMarks.strip(TextNormalizer.normalize(text));
        return new ExtractedDocument(marked.text(), TextNormalizer.oneLine(title), MEDIA_TYPE,
                List.of(), Optional.ofNullable(created), marked.sections());
    }

    /** "Heading1".."Heading6" (Word's built-in styles, also "heading 2"): their level; else 0. */
    private static int headingLevel(XWPFParagraph paragraph) {
        String style = paragraph.getStyleID();
        if (style == null) {
            return 0;
        }
        var m = java.util.regex.Pattern.compile("(?i)heading\\s*([1-6])").matcher(style);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static boolean isHeading(XWPFParagraph paragraph) {
        String style = paragraph.getStyleID();
        if (style == null) {
            return false;
        }
        String s = style.toLowerCase(Locale.ROOT);
        return s.equals("title") || s.startsWith("heading");
    }

    /** A row per line, cells separated by tabs. */
    private static String tableText(XWPFTable table) {
        var out = new StringBuilder();
        for (XWPFTableRow row : table.getRows()) {
            var cells = new StringBuilder();
            for (XWPFTableCell cell : row.getTableCells()) {
                if (!cells.isEmpty()) {
                    cells.append('\t');
                }
                cells.append(cell.getText().replace('\n', ' ').strip());
            }
            out.append(cells).append('\n');
        }
        return out.toString();
    }
}
