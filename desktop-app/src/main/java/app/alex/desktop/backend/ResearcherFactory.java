package app.alex.desktop.backend;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.research.Researcher;
import app.alex.desktop.config.Settings;

/**
 * The one seam through which the workbench gets its {@link Researcher}. The application uses
 * {@link #DEFAULT}; tests hand in a fake.
 */
@FunctionalInterface
public interface ResearcherFactory {

    /**
     * A researcher for these settings over this knowledge base. Called on a background thread
     * each time the workbench connects; the session closes the researcher when it ends.
     *
     * @param settings      backend mode, researcher URL, language model and schedule
     * @param knowledgeBase the knowledge base of the same session (embedded or remote)
     */
    Researcher create(Settings settings, KnowledgeBase knowledgeBase);

    /**
     * In-process research (extractive brief or the configured model, with the schedule), or the
     * remote researcher service; folders and EDGAR's hosts from {@code environment}.
     */
    static ResearcherFactory standard(app.alex.desktop.config.DesktopEnvironment environment) {
        return (settings, knowledgeBase) -> Researchers.create(settings, knowledgeBase, environment);
    }
}
