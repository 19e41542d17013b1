package app.alex.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real SEC EDGAR material beside the checkout ({@code ../shared/data/edgar}: filings and API
 * answers exactly as EDGAR serves them). Tests read it in place; it is never copied into the project.
 */
public final class EdgarFiles {
    private EdgarFiles() {
    }

    /** The folder, found from the working directory upwards. */
    public static Path folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve("edgar");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/edgar was not found beside the checkout (or in any folder above"
                + " it); these tests need that real EDGAR material.");
    }

    public static Path file(String name) {
        Path file = folder().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The EDGAR file " + name + " is missing from " + folder());
        }
        return file;
    }
}
