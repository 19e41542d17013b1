package app.alex.aws.s3vectors;

import app.alex.core.document.DocumentRecord;
import software.amazon.awssdk.core.document.Document;

import java.util.Map;
import java.util.Set;

/**
 * A document's record vector, read back: the document and which chunk versions belong to it.
 *
 * @param version              the version readers must show
 * @param chunkCount           chunks of that version (keys {@code id#version#0..chunkCount-1})
 * @param previousVersion      the version it replaced, or null; readers fall back to it only when a
 *                             search ran just before the replacement (see {@link S3VectorsIndex})
 * @param previousChunkCount   chunks of the previous version
 * @param layout               the {@link VectorMetadata#LAYOUT} it was written in (0 before there was one)
 */
record StoredRecord(DocumentRecord document, String version, int chunkCount, String previousVersion,
                    int previousChunkCount, int layout) {

    static StoredRecord from(Map<String, Document> metadata) {
        return new StoredRecord(
                VectorMetadata.documentFromJson(VectorMetadata.string(metadata, VectorMetadata.TEXT)),
                VectorMetadata.string(metadata, VectorMetadata.VERSION),
                VectorMetadata.integer(metadata, VectorMetadata.CHUNK_COUNT),
                VectorMetadata.string(metadata, VectorMetadata.PREVIOUS_VERSION),
                VectorMetadata.integer(metadata, VectorMetadata.PREVIOUS_CHUNK_COUNT),
                VectorMetadata.integer(metadata, VectorMetadata.LAYOUT));
    }

    /** Which version of this document's chunks a search that saw {@code seen} may show, or null for none. */
    String visibleVersion(Set<String> seen) {
        if (seen.contains(version)) {
            return version;
        }
        return previousVersion != null && seen.contains(previousVersion) ? previousVersion : null;
    }
}
