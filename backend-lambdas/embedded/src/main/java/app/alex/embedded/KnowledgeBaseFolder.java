package app.alex.embedded;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The on-disk layout of a knowledge base: a marker file {@code alex.json} (format version,
 * embedding model, dimension) and the {@code index/} folder. The marker is what lets Alex refuse
 * a folder that is not its own instead of writing into someone's documents.
 */
public final class KnowledgeBaseFolder {
    static final String MARKER = "alex.json";
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    private KnowledgeBaseFolder(Path root) {
        this.root = root;
    }

    /** Opens the folder, creating it (and the marker) when it does not exist or is empty. */
    public static KnowledgeBaseFolder openOrCreate(Path root, String modelId, int dimension) {
        Path folder = root.toAbsolutePath().normalize();
        try {
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new AlexException(ErrorCode.BAD_REQUEST, folder + " is a file, not a folder: choose a folder for the knowledge base.");
            }
            Files.createDirectories(folder);
            Path marker = folder.resolve(MARKER);
            Path leftover = folder.resolve(MARKER + ".tmp");
            if (Files.exists(marker)) {
                check(marker, folder, modelId, dimension);
                Files.deleteIfExists(leftover);
            } else if (isEmptyBut(folder, leftover)) {
                // Empty, or holding only the marker a killed first start was about to rename into
                // place (written before anything else, so nothing else can be there): start afresh.
                writeMarker(marker, modelId, dimension);
            } else {
                throw new AlexException(ErrorCode.BAD_REQUEST, folder + " is not an Alex knowledge base (it has files but no "
                        + MARKER + "). Choose an empty folder or an existing knowledge base; nothing was changed.");
            }
            Files.createDirectories(folder.resolve("index"));
            return new KnowledgeBaseFolder(folder);
        } catch (IOException e) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "Cannot use the knowledge base folder " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    public Path indexDir() {
        return root.resolve("index");
    }

    public Path researchDir() {
        return root.resolve("research");
    }

    private static void check(Path marker, Path folder, String modelId, int dimension) throws IOException {
        ObjectNode node;
        try {
            node = (ObjectNode) JSON.readTree(marker.toFile());
        } catch (IOException | ClassCastException e) {
            throw new AlexException(ErrorCode.BAD_REQUEST, marker + " is damaged (not valid JSON). Restore it or choose another folder; nothing was changed.");
        }
        int version = node.path("format_version").asInt(-1);
        if (version > FORMAT_VERSION) {
            throw new AlexException(ErrorCode.CONFLICT, folder + " was written by a newer Alex (format " + version
                    + "). Update Alex to open it.");
        }
        String storedModel = node.path("embedding_model").asText(modelId);
        int storedDimension = node.path("dimension").asInt(dimension);
        if (!storedModel.equals(modelId) || storedDimension != dimension) {
            throw new AlexException(ErrorCode.CONFLICT, folder + " was built with the embedding model " + storedModel
                    + " (" + storedDimension + " dimensions); this Alex uses " + modelId + " (" + dimension
                    + "). Use another folder, or re-ingest into a new one.");
        }
    }

    private static void writeMarker(Path marker, String modelId, int dimension) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("format_version", FORMAT_VERSION);
        node.put("embedding_model", modelId);
        node.put("dimension", dimension);
        node.put("created_at", Instant.now().toString());
        Path temp = marker.resolveSibling(MARKER + ".tmp");
        Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean isEmptyBut(Path folder, Path leftover) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(entry -> !entry.equals(leftover)).findAny().isEmpty();
        }
    }
}
