package app.alex.desktop.ui;

import javafx.concurrent.Task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Small helpers to build a {@link Task} from a lambda with its success and failure handlers. */
public final class Tasks {
    private Tasks() {
    }

    /** A task that runs {@code work} off the FX thread and calls the handlers on the FX thread. */
    public static <T> Task<T> of(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        return task;
    }

    public static Task<Void> run(ThrowingRunnable work, Runnable onSuccess, Consumer<Throwable> onFailure) {
        return of(() -> {
            work.run();
            return null;
        }, ignored -> onSuccess.run(), onFailure);
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
