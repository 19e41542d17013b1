package app.alex.desktop.ui;

/** Moves between screens; implemented by the shell and handed to the views that need it. */
public interface Navigator {
    void show(Screen screen);

    /** Shows a knowledge-base passage in the Library (a citation, a search hit). */
    void openPassage(String documentId, int chunkIndex);

    /** Opens a URL or a local file with the system's program. */
    void openExternal(String uriOrPath);

    /**
     * Shows a page of a local PDF inside the window with the passage marked (a citation or a hit of
     * a PDF); where there is none to draw, the source is opened instead.
     */
    default void showPage(String source, String title, int page, String passage) {
        openExternal(source);
    }

    /**
     * Draws {@code overlay} over the screens, inside the window (themed like the rest, no native
     * window); it closes by removing itself from its parent.
     */
    default void showOverlay(javafx.scene.Node overlay) {
    }
}
