package app.alex.core.extract;

import java.util.List;
import java.util.Optional;

/** Plain text in any common encoding (see {@link TextDecoding}); the title is left to the caller. */
final class PlainTextExtractor {

    ExtractedDocument extract(byte[] content, String mediaType) throws ExtractionException {
        return new ExtractedDocument(TextNormalizer.normalize(TextDecoding.decode(content)), "", mediaType, List.of(),
                Optional.empty());
    }
}
