package app.alex.core.ingest;

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

    /** A known extension, or no extension and text-looking content (README, LICENSE, notes). */
    public static boolean isSupported(Path file) {
        String ext = extension(file);
        return EXTENSIONS.contains(ext) || ext.isEmpty() && looksLikeText(file);
    }

    private static boolean looksLikeText(Path file) {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            if (head.length == 0) {
                return false;
            }
            for (byte b : head) {
                if (b == 0) {
                    return false;
                }
            }
            return true;
        } catch (java.io.IOException e) {
            return false;
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
