package app.alex.edgar.filings;

import app.alex.edgar.company.Filing;

/** Progress of an import, one filing at a time; called on the importing thread. */
public interface ImportListener {
    ImportListener NONE = new ImportListener() {
    };

    /** Before {@code filing}, the {@code index}-th (from 1) of {@code total}. */
    default void started(Filing filing, int index, int total) {
    }

    default void finished(FilingResult result, int index, int total) {
    }

    /** Asked between filings: true stops the import before the next one. */
    default boolean cancelled() {
        return false;
    }
}
