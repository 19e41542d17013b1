package app.alex.core.extract;

import java.nio.file.Path;

/**
 * Turns a file into text. Implementations fail with {@link ExtractionException} carrying a
 * message a person understands ("encrypted PDF", "unsupported file type .xyz"), never with a raw
 * library exception.
 */
public interface TextExtractor {

    ExtractedDocument extract(Path file) throws ExtractionException;

    /** Extracts from bytes already in memory (an upload, a fetched page); the name hints the format. */
    ExtractedDocument extract(byte[] content, String fileName) throws ExtractionException;
}
