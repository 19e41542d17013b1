package app.alex.core.extract;

import app.alex.core.error.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link TextExtractor}: picks the format from the content and the file name
 * (PDF, HTML, Markdown, DOCX, plain text in any common encoding).
 *
 * <p>The extension decides; the content is sniffed only where the name says nothing about it (no
 * extension) or claims binary content (a PDF named {@code .bin} is read as a PDF). A text
 * extension is never overridden: a Markdown note that quotes {@code %PDF-1.7} is Markdown. A name
 * that promises a format the content does not have ({@code .pdf} that is not a PDF) is a clear
 * "damaged" error. A file with no extension is
 * read as text if it looks like text. Empty files give an empty document (the ingest use case then
 * says "no text found"). Every failure is an {@link ExtractionException} with a message a person
 * understands; no library exception escapes.
 */
public final class FileExtractor implements TextExtractor {
    static {
        LibraryLogging.quiet();
    }

    /** How much of the file start is read to recognise the format. */
    private static final int HEAD_BYTES = 8192;

    /** Extensions read as plain text, with the media type they get. */
    private static final Map<String, String> TEXT_TYPES = Map.ofEntries(
            Map.entry("txt", "text/plain"), Map.entry("text", "text/plain"), Map.entry("log", "text/plain"),
            Map.entry("csv", "text/csv"), Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("json", "application/json"), Map.entry("xml", "application/xml"),
            Map.entry("rst", "text/x-rst"), Map.entry("adoc", "text/asciidoc"), Map.entry("org", "text/org"),
            Map.entry("tex", "application/x-tex"));

    enum Format { PDF, DOCX, HTML, MARKDOWN, TEXT }

    private final PdfExtractor pdf = new PdfExtractor();
    private final DocxExtractor docx = new DocxExtractor();
    private final HtmlExtractor html = new HtmlExtractor();
    private final MarkdownExtractor markdown = new MarkdownExtractor();
    private final PlainTextExtractor plain = new PlainTextExtractor();

    @Override
    public ExtractedDocument extract(Path file) throws ExtractionException {
        Objects.requireNonNull(file, "file");
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        try {
            if (Files.isDirectory(file)) {
                throw new ExtractionException(ErrorCode.UNPROCESSABLE_DOCUMENT, "this is a folder, not a file");
            }
            byte[] head = readHead(file);
            Format format = detect(head, name);
            if (head.length == 0) {
                return empty(format, name);
            }
            return switch (format) {
                case PDF -> pdf.extract(file);
                case DOCX -> docx.extract(file);
                default -> fromBytes(format, Files.readAllBytes(file), name);
            };
        } catch (NoSuchFileException e) {
            throw new ExtractionException(ErrorCode.NOT_FOUND, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new ExtractionException(ErrorCode.FORBIDDEN, "permission denied: the file cannot be read", e);
        } catch (IOException e) {
            throw ExtractionException.unreadable("could not read the file: "
                    + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()), e);
        }
    }

    @Override
    public ExtractedDocument extract(byte[] content, String fileName) throws ExtractionException {
        Objects.requireNonNull(content, "content");
        String name = fileName == null ? "" : fileName;
        Format format = detect(content, name);
        if (content.length == 0) {
            return empty(format, name);
        }
        return switch (format) {
            case PDF -> pdf.extract(content);
            case DOCX -> docx.extract(content);
            default -> fromBytes(format, content, name);
        };
    }

    private ExtractedDocument fromBytes(Format format, byte[] content, String name) throws ExtractionException {
        return switch (format) {
            case HTML -> html.extract(content);
            case MARKDOWN -> markdown.extract(content);
            case TEXT -> plain.extract(content, textType(name));
            case PDF -> pdf.extract(content);
            case DOCX -> docx.extract(content);
        };
    }

    /** The format of a file from its first bytes and its name; throws for what Alex does not read. */
    static Format detect(byte[] head, String name) throws ExtractionException {
        String ext = extension(name);
        boolean pdfSignature = indexOf(head, "%PDF-", 1024) >= 0;
        boolean zip = TextDecoding.startsWith(head, 0x50, 0x4B, 0x03, 0x04);
        boolean ole2 = TextDecoding.startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);
        if (pdfSignature && !isTextExtension(ext)) {
            return Format.PDF;
        }
        switch (ext) {
            case "pdf" -> {
                if (head.length == 0) {
                    return Format.PDF;
                }
                throw new ExtractionException(ErrorCode.UNPROCESSABLE_DOCUMENT,
                        "damaged PDF: the file does not start like a PDF");
            }
            case "docx" -> {
                if (zip || head.length == 0) {
                    return Format.DOCX;
                }
                if (ole2) {
                    // Word stores password-protected .docx files in this older container.
                    throw new ExtractionException(ErrorCode.UNPROCESSABLE_DOCUMENT,
                            "encrypted DOCX (or an old .doc renamed): remove the password or save it as .docx and try again");
                }
                throw new ExtractionException(ErrorCode.UNPROCESSABLE_DOCUMENT,
                        "damaged DOCX: the file is corrupt or not a Word document");
            }
            case "html", "htm", "xhtml" -> {
                return Format.HTML;
            }
            case "md", "markdown" -> {
                return Format.MARKDOWN;
            }
            case "" -> {
                if (zip || ole2) {
                    throw ExtractionException.unsupported("a file with no extension and binary content");
                }
                return looksLikeHtml(head) ? Format.HTML : Format.TEXT;
            }
            default -> {
                if (TEXT_TYPES.containsKey(ext)) {
                    return Format.TEXT;
                }
                throw ExtractionException.unsupported("." + ext);
            }
        }
    }

    /** Extensions that promise text: the content is decoded as text and never sniffed for another format. */
    private static boolean isTextExtension(String ext) {
        return TEXT_TYPES.containsKey(ext) || switch (ext) {
            case "html", "htm", "xhtml", "md", "markdown" -> true;
            default -> false;
        };
    }

    private static ExtractedDocument empty(Format format, String name) {
        String mediaType = switch (format) {
            case PDF -> PdfExtractor.MEDIA_TYPE;
            case DOCX -> DocxExtractor.MEDIA_TYPE;
            case HTML -> HtmlExtractor.MEDIA_TYPE;
            case MARKDOWN -> MarkdownExtractor.MEDIA_TYPE;
            case TEXT -> textType(name);
        };
        return new ExtractedDocument("", "", mediaType, List.of(), Optional.empty());
    }

    private static String textType(String name) {
        return TEXT_TYPES.getOrDefault(extension(name), "text/plain");
    }

    static String extension(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        String base = name.substring(slash + 1);
        int dot = base.lastIndexOf('.');
        return dot <= 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static byte[] readHead(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    private static boolean looksLikeHtml(byte[] head) {
        String start = new String(head, 0, Math.min(head.length, 1024), StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        if (start.startsWith("\u00ef\u00bb\u00bf")) {
            start = start.substring(3).stripLeading();
        }
        return start.startsWith("<!doctype html") || start.startsWith("<html");
    }


    private static int indexOf(byte[] bytes, String ascii, int within) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        int limit = Math.min(bytes.length, within) - needle.length;
        outer:
        for (int i = 0; i <= limit; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (bytes[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
