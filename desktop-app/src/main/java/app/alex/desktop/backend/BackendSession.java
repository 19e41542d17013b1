package app.alex.desktop.backend;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.research.Researcher;
import app.alex.desktop.config.Settings;

import java.util.Objects;

/**
 * One connection to a backend: the knowledge base, the researcher and the ingest facade that
 * belong together, plus what the status bar says about them. Closing it releases the data
 * folder (embedded) or nothing much (remote).
 */
public final class BackendSession implements AutoCloseable {
    private final Settings.Mode mode;
    private final String location;
    private final KnowledgeBase knowledgeBase;
    private final Researcher researcher;
    private final Ingestor ingestor;
    private final AutoCloseable onClose;
    private final Runnable warmUp;

    public BackendSession(Settings.Mode mode, String location, KnowledgeBase knowledgeBase, Researcher researcher,
                          Ingestor ingestor, AutoCloseable onClose) {
        this(mode, location, knowledgeBase, researcher, ingestor, onClose, null);
    }

    /**
     * @param warmUp loads what the first search needs (the embedding model) ahead of it; run in the
     *               background once the backend has answered, see {@link #warmUp()}; null for nothing
     */
    public BackendSession(Settings.Mode mode, String location, KnowledgeBase knowledgeBase, Researcher researcher,
                          Ingestor ingestor, AutoCloseable onClose, Runnable warmUp) {
        this.warmUp = warmUp;
        this.mode = Objects.requireNonNull(mode);
        this.location = Objects.requireNonNull(location);
        this.knowledgeBase = Objects.requireNonNull(knowledgeBase);
        this.researcher = Objects.requireNonNull(researcher);
        this.ingestor = Objects.requireNonNull(ingestor);
        this.onClose = onClose;
    }

    public Settings.Mode mode() {
        return mode;
    }

    /** The data folder or the API URL, for display. */
    public String location() {
        return location;
    }

    public KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    public Researcher researcher() {
        return researcher;
    }

    public Ingestor ingestor() {
        return ingestor;
    }

    /** Loads what the first search needs, if anything; slow (about a second), so off the FX thread. */
    public void warmUp() {
        if (warmUp != null) {
            warmUp.run();
        }
    }

    @Override
    public void close() {
        try {
            researcher.close();
        } catch (Exception e) {
            System.getLogger(BackendSession.class.getName()).log(System.Logger.Level.WARNING, "closing the researcher", e);
        }
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception e) {
                System.getLogger(BackendSession.class.getName()).log(System.Logger.Level.WARNING, "closing the backend", e);
            }
        }
    }
}
