package app.alex.desktop.pdf;

import app.alex.core.text.Counts;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A page of a PDF drawn as pixels with PDFBox, and where a passage's words sit on it, so a
 * citation or a search hit shows the page itself with the passage marked. No JavaFX here: the
 * view turns the pixels into an image.
 */
public final class PdfPages {
    /** Passages are found by their first this-many letters and digits (spacing differs between text and page). */
    private static final int PROBE = 60;

    private PdfPages() {
    }

    /** A PDF on this machine that a document's source names, or null (a URL, another format). */
    public static Path localFile(String source) {
        if (source == null || !source.toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            return null;
        }
        try {
            Path path = source.startsWith("file:") ? Path.of(java.net.URI.create(source)) : Path.of(source);
            return path.isAbsolute() ? path : null;
        } catch (RuntimeException notAPath) {
            return null;
        }
    }

    /** A rectangle on the rendered page, in its pixels. */
    public record Box(double x, double y, double width, double height) {
    }

    /**
     * A rendered page: its number, the document's page count, its pixels (ARGB, row by row) and the
     * boxes covering the passage's words on this page (empty when the passage is not found on it).
     */
    public record Rendered(int page, int pageCount, int width, int height, int[] argb, List<Box> marks) {
    }

    /** Why a page cannot be shown, in words for the reader. */
    public static final class PageUnavailable extends Exception {
        public PageUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Renders {@code page} (1-based) at {@code scale} (1 = 72 dpi) and marks {@code passage} on it.
     *
     * @throws PageUnavailable for a missing, damaged or encrypted file, or a page it does not have
     */
    public static Rendered render(Path pdf, int page, String passage, float scale) throws PageUnavailable {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            int count = document.getNumberOfPages();
            if (page < 1 || page > count) {
                throw new PageUnavailable("The PDF has " + Counts.of(count, "page") + ", not a page "
                        + page + ": it may have changed since it was ingested.", null);
            }
            BufferedImage image = new PDFRenderer(document).renderImage(page - 1, scale, ImageType.RGB);
            int width = image.getWidth();
            int height = image.getHeight();
            int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
            return new Rendered(page, count, width, height, argb, marks(document, page, passage, scale));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new PageUnavailable("The file is no longer at " + pdf + ": it was moved or deleted.", e);
        } catch (InvalidPasswordException e) {
            throw new PageUnavailable("The PDF is encrypted: its pages cannot be shown.", e);
        } catch (IOException | RuntimeException e) {
            if (!Files.exists(pdf)) {
                throw new PageUnavailable("The file is no longer at " + pdf + ": it was moved or deleted.", e);
            }
            throw new PageUnavailable("The PDF cannot be drawn (damaged or not a PDF): " + e.getMessage(), e);
        }
    }

    /** Boxes over the passage's characters on the page, one per line of text. */
    static List<Box> marks(PDDocument document, int page, String passage, float scale) throws IOException {
        var positions = new ArrayList<TextPosition>();
        var stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> textPositions) {
                positions.addAll(textPositions);
            }
        };
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.writeText(document, new StringWriter());
        // The page's letters and digits in reading order, each with its position.
        var letters = new StringBuilder();
        var at = new ArrayList<TextPosition>();
        for (TextPosition p : positions) {
            String unicode = p.getUnicode();
            for (int i = 0; unicode != null && i < unicode.length(); i++) {
                char c = unicode.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    letters.append(Character.toLowerCase(c));
                    at.add(p);
                }
            }
        }
        String wanted = compact(passage);
        if (wanted.isEmpty() || letters.isEmpty()) {
            return List.of();
        }
        String page_ = letters.toString();
        int start = page_.indexOf(wanted.substring(0, Math.min(PROBE, wanted.length())));
        int length = wanted.length();
        if (start < 0) {
            // The passage began on the page before: find where its text runs on to on this page.
            for (int from = PROBE; from < wanted.length() && start < 0; from += PROBE) {
                int found = page_.indexOf(wanted.substring(from, Math.min(from + PROBE, wanted.length())));
                if (found >= 0) {
                    // Back to where the passage's text begins on this page (the probe may land mid-line).
                    int back = 0;
                    while (found - back > 0 && from - back > 0
                            && page_.charAt(found - back - 1) == wanted.charAt(from - back - 1)) {
                        back++;
                    }
                    start = found - back;
                    length = wanted.length() - (from - back);
                }
            }
            if (start < 0) {
                return List.of();
            }
        }
        int end = Math.min(page_.length(), start + length);
        return lineBoxes(at.subList(start, end), scale);
    }

    private static String compact(String text) {
        var out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static List<Box> lineBoxes(List<TextPosition> chars, float scale) {
        var boxes = new ArrayList<Box>();
        double left = 0;
        double right = 0;
        double top = 0;
        double bottom = 0;
        Double lineY = null;
        for (TextPosition p : chars) {
            double x = p.getXDirAdj();
            double y = p.getYDirAdj(); // baseline, from the top of the page
            double h = Math.max(p.getHeightDir(), 1);
            if (lineY == null || Math.abs(y - lineY) > h / 2) {
                if (lineY != null) {
                    boxes.add(box(left, top, right, bottom, scale));
                }
                lineY = y;
                left = x;
                right = x + p.getWidthDirAdj();
                top = y - h;
                bottom = y;
            } else {
                left = Math.min(left, x);
                right = Math.max(right, x + p.getWidthDirAdj());
                top = Math.min(top, y - h);
                bottom = Math.max(bottom, y);
            }
        }
        if (lineY != null) {
            boxes.add(box(left, top, right, bottom, scale));
        }
        return boxes;
    }

    private static Box box(double left, double top, double right, double bottom, float scale) {
        double pad = 2;
        return new Box((left - pad) * scale, (top - pad) * scale, (right - left + 2 * pad) * scale,
                (bottom - top + 2 * pad + 2) * scale);
    }
}
