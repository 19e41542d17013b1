package app.alex.desktop.backend;

import app.alex.desktop.config.Settings;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts opening the backend for the saved settings at once, on a thread of its own, so that it
 * opens while the JavaFX toolkit starts and the window is built; the workbench's first
 * {@link #open} for the same settings takes that session (waiting for it if it is not open yet).
 * Any other open, and every later one, goes to the factory it wraps. A failure is reported by
 * the first open, as if it had happened there.
 */
public final class EarlyBackendFactory implements BackendFactory {
    private final BackendFactory delegate;
    private final Settings early;
    /** Until the first open takes it. */
    private CompletableFuture<BackendSession> opening;

    private EarlyBackendFactory(BackendFactory delegate, Settings early) {
        this.delegate = delegate;
        this.early = early;
    }

    /** Begins opening {@code settings}' backend now, on a daemon thread. */
    public static EarlyBackendFactory begin(BackendFactory delegate, Settings settings) {
        var factory = new EarlyBackendFactory(Objects.requireNonNull(delegate), Objects.requireNonNull(settings));
        var opening = new CompletableFuture<BackendSession>();
        factory.opening = opening;
        Thread.ofPlatform().daemon().name("alex-early-backend").start(() -> {
            try {
                opening.complete(delegate.open(settings));
            } catch (Throwable e) {
                opening.completeExceptionally(e);
            }
        });
        return factory;
    }

    @Override
    public BackendSession open(Settings settings) {
        CompletableFuture<BackendSession> pending;
        synchronized (this) {
            pending = opening;
            opening = null;
        }
        if (pending != null) {
            if (settings.equals(early)) {
                try {
                    return pending.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
                }
            }
            // Other settings after all: release the early session first (an embedded folder is locked while open).
            BackendSession unused = pending.exceptionally(failure -> null).join();
            if (unused != null) {
                unused.close();
            }
        }
        return delegate.open(settings);
    }
}
