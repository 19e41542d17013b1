package app.alex.desktop.testing;

import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.backend.PipelineIngestor;
import app.alex.desktop.backend.UnavailableResearcher;
import app.alex.desktop.config.Settings;
import app.alex.desktop.ui.Navigator;
import app.alex.desktop.ui.Screen;
import app.alex.desktop.ui.TaskExecutor;

/** A connection to an in-memory knowledge base, for screen tests that need no real backend. */
public final class MemorySessions {
    /** A navigator that goes nowhere. */
    public static final Navigator NOWHERE = new Navigator() {
        @Override
        public void show(Screen screen) {
        }

        @Override
        public void openPassage(String documentId, int chunkIndex) {
        }

        @Override
        public void openExternal(String uriOrPath) {
        }
    };

    private MemorySessions() {
    }

    public static BackendConnection connection(InMemoryKnowledgeBase kb, TaskExecutor executor) {
        return new BackendConnection(settings -> new BackendSession(Settings.Mode.EMBEDDED, "memory", kb,
                new UnavailableResearcher(), new PipelineIngestor(kb), null), executor);
    }
}
