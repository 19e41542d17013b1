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

    /** JavaFX's own choosers. */
    static FileDialogs system() {
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
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
                return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
            }
        };
    }
}
