package app.alex.desktop.ui;

/** Moves between screens; implemented by the shell and handed to the views that need it. */
public interface Navigator {
    void show(Screen screen);

    /** Shows a knowledge-base passage in the Library (a citation, a search hit). */
    void openPassage(String documentId, int chunkIndex);

    /** Opens a URL or a local file with the system's program. */
    void openExternal(String uriOrPath);
}
