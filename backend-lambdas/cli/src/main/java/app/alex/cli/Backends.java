package app.alex.cli;

import app.alex.embedded.DataFolders;
import app.alex.embedded.EmbeddedBackend;
import picocli.CommandLine;

import java.nio.file.Path;

/** Opens the embedded backend on the folder the user chose. */
public final class Backends {
    private Backends() {
    }

    /** The folder from --data-dir, else ALEX_DATA_DIR, else the platform default. */
    public static Path dataDir(CommandLine.Model.CommandSpec spec) {
        CommandLine root = spec.root().commandLine();
        if (root.getCommand() instanceof AlexCommand alex && alex.dataDir() != null) {
            return alex.dataDir().toAbsolutePath();
        }
        return DataFolders.defaultDataDir();
    }

    public static EmbeddedBackend open(CommandLine.Model.CommandSpec spec) {
        return EmbeddedBackend.open(dataDir(spec));
    }
}
