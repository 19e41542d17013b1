package app.alex.desktop.ui;

import javafx.concurrent.Task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** One virtual thread per task: cheap to start, never blocks the FX thread. */
public final class VirtualThreadTaskExecutor implements TaskExecutor, AutoCloseable {
    private final ExecutorService executor;

    public VirtualThreadTaskExecutor() {
        ThreadFactory factory = Thread.ofVirtual().name("alex-task-", 1).factory();
        this.executor = Executors.newThreadPerTaskExecutor(factory);
    }

    /** After {@link #close} (the window is closing) late work from timers and listeners is dropped, not an error. */
    @Override
    public <T> Task<T> execute(Task<T> task) {
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            task.cancel(false);
        }
        return task;
    }

    /** Interrupts running tasks; does not wait for them. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
