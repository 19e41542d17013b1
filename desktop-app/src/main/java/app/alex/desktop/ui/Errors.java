package app.alex.desktop.ui;

import app.alex.core.error.AlexException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Turns any failure into a sentence for the analyst. {@link AlexException} messages are written
 * for people and shown as they are; anything else gets a plain message and its stack trace goes
 * to the log, never to the screen.
 */
public final class Errors {
    private static final System.Logger LOG = System.getLogger(Errors.class.getName());

    private Errors() {
    }

    public static String message(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AlexException alex && alex.getMessage() != null) {
                return alex.getMessage();
            }
        }
        Throwable root = error instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : error;
        return switch (root) {
            case null -> "Something went wrong.";
            case NoSuchFileException e -> "File not found: " + e.getFile();
            case AccessDeniedException e -> "Permission denied: " + e.getFile();
            case IOException e -> "Could not read or write a file" + (e.getMessage() == null ? "." : ": " + e.getMessage());
            case InterruptedException e -> "Stopped.";
            default -> {
                LOG.log(Level.WARNING, "Unexpected error", root);
                yield "Something went wrong (" + root.getClass().getSimpleName() + "). Details are in the log.";
            }
        };
    }
}
