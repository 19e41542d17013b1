package app.alex.desktop.ui;

import javafx.concurrent.Task;

/**
 * Runs slow work off the FX thread. View-models take one in their constructor, so nothing in
 * them ever blocks the UI and tests can choose how work runs.
 */
public interface TaskExecutor {

    /** Starts the task and returns it (for chaining handlers and cancelling). */
    <T> Task<T> execute(Task<T> task);
}
