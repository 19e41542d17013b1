package app.alex.desktop.config;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reads and writes {@code settings.json} in the configuration folder (XDG:
 * {@code ~/.config/alex}; {@code ALEX_CONFIG_DIR} overrides). The file holds API keys, so it is
 * created owner-only ({@code rw-------}) before any byte is written, and replaced atomically.
 */
public final class SettingsStore {
    public static final String FILE_NAME = "settings.json";
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    /** The store in the folder the environment gives ({@code ALEX_CONFIG_DIR}, else this machine's convention). */
    public static SettingsStore in(DesktopEnvironment environment) {
        return new SettingsStore(environment.configDir());
    }

    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /** The saved settings, or the defaults when nothing was saved yet. */
    public Settings load() {
        Path file = file();
        if (!Files.exists(file)) {
            return Settings.defaults();
        }
        try {
            Settings loaded = json.readValue(file.toFile(), Settings.class);
            return loaded == null ? Settings.defaults() : loaded;
        } catch (JsonProcessingException e) {
            throw new AlexException(ErrorCode.BAD_REQUEST, "The settings file " + file
                    + " is not valid JSON (line " + e.getLocation().getLineNr() + "). Fix it or delete it to start from the defaults.");
        } catch (IOException e) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "Cannot read the settings file " + file + ": " + e.getMessage());
        }
    }

    public void save(Settings settings) {
        try {
            createPrivateDirectory(directory);
            Path temp = directory.resolve(FILE_NAME + ".tmp");
            Files.deleteIfExists(temp);
            createPrivateFile(temp);
            Files.write(temp, json.writeValueAsBytes(settings));
            try {
                Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
            if (posix()) {
                Files.setPosixFilePermissions(file(), OWNER_ONLY_FILE); // an older file may have been wider
            }
        } catch (IOException e) {
            throw new AlexException(ErrorCode.UNAVAILABLE, "Cannot save the settings to " + file() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    private void createPrivateFile(Path file) throws IOException {
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
        try {
            Files.createFile(file, attributes);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("a temporary file is in the way: " + file, e);
        }
    }

    private boolean posix() {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
