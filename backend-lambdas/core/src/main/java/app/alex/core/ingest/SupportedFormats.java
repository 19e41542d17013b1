package app.alex.core.ingest;

import app.alex.core.extract.FileExtractor;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** File name endings Alex reads when it walks a folder. */
public final class SupportedFormats {
    public static final Set<String> EXTENSIONS = Set.of(
            "pdf", "html", "htm", "xhtml", "md", "markdown", "txt", "text", "csv", "tsv", "log", "json", "xml",
            "docx", "rst", "adoc", "org", "tex");

    private SupportedFormats() {
    }

    /**
     * A known extension, or else text-looking content (README, LICENSE, Apache-2.0, README.Debian:
     * a dot in a name does not always start an extension).
     */
    public static boolean isSupported(Path file) {
        return EXTENSIONS.contains(extension(file)) || looksLikeText(file);
    }

    private static boolean looksLikeText(Path file) {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            return FileExtractor.looksLikeText(in.readNBytes(4096));
        } catch (java.io.IOException e) {
            return true; // unreadable: extraction then says why ("permission denied"), not "unsupported"
        }
    }

    public static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String extensionLabel(Path file) {
        String ext = extension(file);
        return ext.isEmpty() ? " (no extension)" : " (." + ext + ")";
    }
}
