package app.alex.core.extract;

import java.nio.file.Path;

/**
 * The default {@link TextExtractor}: picks the format from the content and the file name
 * (PDF, HTML, Markdown, DOCX, plain text in any common encoding).
 */
public final class FileExtractor implements TextExtractor {

    @Override
    public ExtractedDocument extract(Path file) throws ExtractionException {
        throw new UnsupportedOperationException("implemented by the extraction/chunking work");
    }

    @Override
    public ExtractedDocument extract(byte[] content, String fileName) throws ExtractionException {
        throw new UnsupportedOperationException("implemented by the extraction/chunking work");
    }
}
