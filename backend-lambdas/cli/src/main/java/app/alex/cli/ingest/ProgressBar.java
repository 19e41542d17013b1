package app.alex.cli.ingest;

import app.alex.cli.Printable;
import app.alex.core.ingest.IngestListener;
import app.alex.core.ingest.IngestResult;
import app.alex.core.ingest.IngestStatus;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for terminals: files, chunks, chunks/s and time left (estimated from
 * bytes done, since chunk totals are unknown until each file is read). Redraws at most ten
 * times a second.
 */
final class ProgressBar implements IngestListener {
    private static final int WIDTH = 24;
    private final PrintWriter out;
    private final LongSupplier nanoClock;
    private final long start;
    private int totalFiles;
    private long totalBytes;
    private int filesDone;
    private long bytesDone;
    private long chunks;
    private long lastDraw;
    private String current = "";
    private Path started;

    ProgressBar(PrintWriter out, LongSupplier nanoClock) {
        this.out = out;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    @Override
    public void planned(int files, long bytes) {
        totalFiles = files;
        totalBytes = bytes;
        draw(true);
    }

    @Override
    public void fileStarted(Path file) {
        started = file;
        current = Printable.line(file.getFileName() == null ? file.toString() : file.getFileName().toString());
        draw(false);
    }

    @Override
    public void chunksEmbedded(int count) {
        chunks += count;
        draw(false);
    }

    @Override
    public void fileFinished(Path file, long bytes, IngestResult result) {
        if (file.equals(started)) { // problems found while walking folders are not planned files
            filesDone++;
            bytesDone += bytes;
        }
        if (result.status() == IngestStatus.FAILED) {
            clearLine();
            out.println("failed: " + Printable.line(result.source()) + ": " + Printable.line(result.error()));
        }
        draw(true);
    }

    void finish() {
        clearLine();
        out.flush();
    }

    private void clearLine() {
        out.print("\r\033[2K");
    }

    private void draw(boolean force) {
        long now = nanoClock.getAsLong();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double fraction = totalBytes > 0 ? Math.min(1.0, (double) bytesDone / totalBytes)
                : totalFiles > 0 ? (double) filesDone / totalFiles : 0;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        String eta = fraction > 0.01 && fraction < 1 ? formatDuration(Duration.ofSeconds((long) (seconds / fraction - seconds)))
                : "--:--";
        String name = current.length() > 28 ? current.substring(0, 25) + "..." : current;
        clearLine();
        out.print(String.format(Locale.ROOT, "[%s%s] %d/%d files  %,d chunks  %.1f chunks/s  %s left  %s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), filesDone, totalFiles, chunks, chunks / seconds, eta,
                name));
        out.flush();
    }

    static String formatDuration(Duration duration) {
        long s = duration.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
