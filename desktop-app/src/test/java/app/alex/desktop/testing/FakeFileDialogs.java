package app.alex.desktop.testing;

import app.alex.desktop.ui.FileDialogs;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Answers the file choosers as a user would have, since native dialogs cannot be driven headless. */
public final class FakeFileDialogs implements FileDialogs {
    public volatile List<Path> files = List.of();
    public volatile Path folder;
    public volatile Path saveAs;

    @Override
    public List<Path> chooseFiles(Window owner, String title) {
        return files;
    }

    @Override
    public Optional<Path> chooseFolder(Window owner, String title) {
        return Optional.ofNullable(folder);
    }

    @Override
    public Optional<Path> saveFile(Window owner, String title, String initialName, String description, String extension) {
        return Optional.ofNullable(saveAs);
    }
}
