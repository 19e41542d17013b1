package app.alex.desktop.ui;

import app.alex.core.research.Citation;

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
     * Where a report's citation leads: a passage of a PDF on this machine to its page, drawn with the
     * passage marked; another passage to the Library; a web source to the browser.
     */
    default void follow(Citation citation) {
        if (citation.kind() == Citation.Kind.PASSAGE && citation.documentId() != null) {
            if (citation.page() > 0 && app.alex.desktop.pdf.PdfPages.localFile(citation.source()) != null) {
                showPage(citation.source(), citation.title(), citation.page(), citation.quote());
            } else {
                openPassage(citation.documentId(), Math.max(0, citation.chunkIndex()));
            }
        } else if (citation.source() != null && !citation.source().isBlank()) {
            openExternal(citation.source());
        }
    }

    /**
     * Draws {@code overlay} over the screens, inside the window (themed like the rest, no native
     * window); it closes by removing itself from its parent.
     */
    default void showOverlay(javafx.scene.Node overlay) {
    }
}
