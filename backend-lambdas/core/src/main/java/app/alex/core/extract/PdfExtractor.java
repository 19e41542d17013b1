package app.alex.core.extract;

import app.alex.core.error.ErrorCode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;

/**
 * PDF text with PDFBox, one page at a time, each page a span of the document text. The file is
 * read through PDFBox's buffered file access (not loaded whole) and decoded streams beyond a small
 * memory budget spill to temp files, so a 300-page PDF extracts in bounded memory.
 */
final class PdfExtractor {
    static final String MEDIA_TYPE = "application/pdf";
    /** Main memory PDFBox may use for decoded streams before it spills to temp files. */
    private static final long STREAM_MEMORY_BYTES = 16L * 1024 * 1024;
    /** The PDF end marker must sit near the end of the file; writers add at most a little padding. */
    private static final int TAIL_BYTES = 2048;
    private static final String PAGE_SEPARATOR = "\n\n";

    ExtractedDocument extract(Path file) throws ExtractionException, IOException {
        if (!hasEndMarker(readTail(file))) {
            throw truncated();
        }
        try (RandomAccessRead source = new RandomAccessReadBufferedFile(file.toFile())) {
            return load(source);
        }
    }

    ExtractedDocument extract(byte[] content) throws ExtractionException {
        int from = Math.max(0, content.length - TAIL_BYTES);
        byte[] tail = java.util.Arrays.copyOfRange(content, from, content.length);
        if (!hasEndMarker(tail)) {
            throw truncated();
        }
        try (RandomAccessRead source = new RandomAccessReadBuffer(content)) {
            return load(source);
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    private ExtractedDocument load(RandomAccessRead source) throws ExtractionException {
        try (PDDocument document = Loader.loadPDF(source, "", null, null,
                MemoryUsageSetting.setupMixed(STREAM_MEMORY_BYTES).streamCache)) {
            int pageCount = document.getNumberOfPages();
            if (pageCount == 0) {
                throw new ExtractionException(ErrorCode.UNPROCESSABLE_DOCUMENT, "damaged PDF: it has no pages");
            }
            var stripper = new PageByPage();
            stripper.writeText(document, new StringWriter());
            var rejoined = HyphenatedLineEnds.rejoin(stripper.text.toString(), stripper.pages);
            String text = rejoined.text();
            PDDocumentInformation info = document.getDocumentInformation();
            String title = info == null ? null : info.getTitle();
            if (title == null || title.isBlank()) {
                title = firstLine(text);
            }
            return new ExtractedDocument(text, TextNormalizer.oneLine(title), MEDIA_TYPE, rejoined.pages(),
                    Optional.ofNullable(info == null ? null : safeDate(info)));
        } catch (InvalidPasswordException e) {
            throw new ExtractionException(ErrorCode.UNPROCESSABLE_DOCUMENT,
                    "encrypted PDF: remove the password and try again", e);
        } catch (IOException | RuntimeException e) {
            throw damaged(e);
        }
    }

    private static Instant safeDate(PDDocumentInformation info) {
        try {
            Calendar created = info.getCreationDate();
            return created == null ? null : created.toInstant();
        } catch (RuntimeException e) {
            return null; // a malformed date is no reason to refuse the text
        }
    }

    private static ExtractionException damaged(Exception e) {
        return new ExtractionException(ErrorCode.UNPROCESSABLE_DOCUMENT,
                "damaged PDF: the file is corrupt and its text cannot be read", e);
    }

    private static ExtractionException truncated() {
        return new ExtractionException(ErrorCode.UNPROCESSABLE_DOCUMENT,
                "damaged PDF: the file is incomplete (truncated, e.g. an unfinished download)");
    }

    private static byte[] readTail(Path file) throws IOException {
        try (var raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, TAIL_BYTES);
            byte[] tail = new byte[size];
            raf.seek(length - size);
            raf.readFully(tail);
            return tail;
        }
    }

    private static boolean hasEndMarker(byte[] tail) {
        return new String(tail, StandardCharsets.ISO_8859_1).contains("%%EOF");
    }

    private static String firstLine(String text) {
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(from, end).strip();
            if (!line.isEmpty()) {
                return line.length() > 120 ? line.substring(0, 117) + "..." : line;
            }
            from = end + 1;
        }
        return "";
    }

    /** Collects each page's text as it is produced, so one pass gives the text and the page spans. */
    private static final class PageByPage extends PDFTextStripper {
        final StringBuilder text = new StringBuilder();
        final List<ExtractedDocument.PageSpan> pages = new ArrayList<>();

        PageByPage() {
            setLineSeparator("\n");
            setParagraphEnd("\n"); // a blank line between the paragraphs PDFBox detects
            setSortByPosition(false);
        }

        @Override
        protected void startPage(PDPage page) throws IOException {
            super.startPage(page);
            ((StringWriter) output).getBuffer().setLength(0);
        }

        @Override
        protected void endPage(PDPage page) throws IOException {
            super.endPage(page);
            var buffer = ((StringWriter) output).getBuffer();
            String pageText = TextNormalizer.normalize(buffer);
            buffer.setLength(0);
            if (!pageText.isEmpty() && !text.isEmpty()) {
                text.append(PAGE_SEPARATOR);
            }
            int start = text.length();
            text.append(pageText);
            pages.add(new ExtractedDocument.PageSpan(getCurrentPageNo(), start, text.length()));
        }
    }
}
