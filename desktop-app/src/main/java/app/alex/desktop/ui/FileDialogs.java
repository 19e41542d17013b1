package app.alex.desktop.ui;

import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The system file choosers behind an interface: native dialogs cannot be driven in headless
 * tests, so tests hand in answers instead.
 */
public interface FileDialogs {
    List<Path> chooseFiles(Window owner, String title);

    Optional<Path> chooseFolder(Window owner, String title);

    /** @param extension without the dot, e.g. "md" */
    Optional<Path> saveFile(Window owner, String title, String initialName, String description, String extension);

    /** JavaFX's own choosers; exports start where the last export went. */
    static FileDialogs system() {
        return system(null);
    }

    /**
     * JavaFX's own choosers.
     *
     * @param exportFolderMemory a file that keeps the folder of the last export across launches (null: this run only)
     */
    static FileDialogs system(Path exportFolderMemory) {
        var lastExportFolder = new ExportFolder(exportFolderMemory);
        return new FileDialogs() {
            @Override
            public List<Path> chooseFiles(Window owner, String title) {
                var chooser = new FileChooser();
                chooser.setTitle(title);
                List<File> files = chooser.showOpenMultipleDialog(owner);
                return files == null ? List.of() : files.stream().map(File::toPath).toList();
            }

            @Override
            public Optional<Path> chooseFolder(Window owner, String title) {
                var chooser = new DirectoryChooser();
                chooser.setTitle(title);
                return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> saveFile(Window owner, String title, String initialName, String description,
                                           String extension) {
                var chooser = new FileChooser();
                chooser.setTitle(title);
                chooser.setInitialFileName(initialName);
                chooser.setInitialDirectory(lastExportFolder.get().toFile());
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
                Optional<Path> chosen = Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
                chosen.map(Path::getParent).ifPresent(lastExportFolder::set);
                return chosen;
            }
        };
    }

    /** Where exports go: the last folder used (remembered in a file when given), else Documents, else home. */
    final class ExportFolder {
        private final Path memory;
        private Path last;

        public ExportFolder(Path memory) {
            this.memory = memory;
            try {
                if (memory != null && java.nio.file.Files.isRegularFile(memory)) {
                    last = Path.of(java.nio.file.Files.readString(memory).strip());
                }
            } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
                last = null; // a missing or odd memory only costs the default folder
            }
        }

        public Path get() {
            if (last != null && java.nio.file.Files.isDirectory(last)) {
                return last;
            }
            Path home = Path.of(System.getProperty("user.home"));
            Path documents = home.resolve("Documents");
            return java.nio.file.Files.isDirectory(documents) ? documents : home;
        }

        public void set(Path folder) {
            last = folder;
            if (memory != null) {
                try {
                    java.nio.file.Files.createDirectories(memory.getParent());
                    java.nio.file.Files.writeString(memory, folder.toString());
                } catch (java.io.IOException e) {
                    // remembered for this run only; nothing the analyst stored depends on it
                }
            }
        }
    }
}
