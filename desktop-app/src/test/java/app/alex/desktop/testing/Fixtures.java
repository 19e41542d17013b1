package app.alex.desktop.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The committed test documents, copied where a test wants them. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path resource(String folder) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + folder).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies fixtures/FOLDER into a new folder under {@code parent} and returns it. */
    public static Path copy(String folder, Path parent) {
        Path target = parent.resolve(folder);
        try (Stream<Path> files = Files.list(resource(folder))) {
            Files.createDirectories(target);
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
