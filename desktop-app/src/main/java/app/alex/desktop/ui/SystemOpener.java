package app.alex.desktop.ui;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Opens a source with the program the system chooses and says why when it cannot. JavaFX's
 * HostServices stays silent when no application handles a file; on Linux {@code xdg-open}'s exit
 * status tells, so a file no program opens gets its folder opened instead, with a message.
 * Blocks for up to a few seconds: call it off the FX thread.
 */
public final class SystemOpener {
    /** What happened, for the status bar. */
    public sealed interface Outcome {
        record Opened() implements Outcome {
        }

        record OpenedFolder(Path folder, String message) implements Outcome {
        }

        record Failed(String message) implements Outcome {
        }
    }

    /** A launcher that has not failed within this long is taken as started (xdg-open may wait on the viewer). */
    private static final long PATIENCE_SECONDS = 5;

    private final List<String> command;
    private final Consumer<String> fallback;

    /**
     * @param command  the program and its leading arguments; the URI is appended (empty: use fallback)
     * @param fallback opens a URI where there is no command to ask (HostServices), without a verdict
     */
    public SystemOpener(List<String> command, Consumer<String> fallback) {
        this.command = List.copyOf(command);
        this.fallback = fallback;
    }

    /** xdg-open on Linux where it is installed; elsewhere HostServices. */
    public static SystemOpener forThisSystem(Consumer<String> hostServices) {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        boolean xdg = linux && Files.isExecutable(Path.of("/usr/bin/xdg-open"));
        return new SystemOpener(xdg ? List.of("/usr/bin/xdg-open") : List.of(), hostServices);
    }

    public Outcome open(String uri) {
        Path local = localFile(uri);
        if (local != null && !Files.exists(local)) {
            return new Outcome.Failed("The file is no longer at " + local + " (moved or deleted). Ingest it again from where it is now.");
        }
        String problem = launch(uri);
        if (problem == null) {
            return new Outcome.Opened();
        }
        if (local != null && local.getParent() != null && launch(local.getParent().toUri().toString()) == null) {
            return new Outcome.OpenedFolder(local.getParent(), "No application on this computer opens "
                    + local.getFileName() + "; its folder was opened instead.");
        }
        return new Outcome.Failed(local != null
                ? "No application on this computer opens " + local.getFileName() + " (" + problem + "). It is at " + local + "."
                : "Could not open " + uri + " (" + problem + ").");
    }

    /** Null when the program started (or the fallback was used); otherwise why not. */
    private String launch(String uri) {
        if (command.isEmpty()) {
            fallback.accept(uri);
            return null;
        }
        var line = new ArrayList<>(command);
        line.add(uri);
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                return null;
            }
            int status = process.exitValue();
            return status == 0 ? null : switch (status) {
                case 3 -> "no program for this kind of file is installed";
                case 4 -> "the program that handles it failed";
                default -> "the system opener exited with status " + status;
            };
        } catch (IOException e) {
            return "the system opener could not be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Path localFile(String uri) {
        try {
            URI parsed = URI.create(uri);
            return "file".equalsIgnoreCase(parsed.getScheme()) ? Path.of(parsed) : null;
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }
}
