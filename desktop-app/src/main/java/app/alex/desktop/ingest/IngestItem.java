package app.alex.desktop.ingest;

import app.alex.core.ingest.IngestResult;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.Locale;

/** One row of the ingest queue: a file, a folder being walked, or pasted text. Changed on the FX thread only. */
public final class IngestItem {

    public enum Kind { FILE, FOLDER, TEXT }

    public enum Status {
        QUEUED, INGESTING, NEW, UNCHANGED, REPLACED, SKIPPED, FAILED, CANCELLED, DONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean finished() {
            return this != QUEUED && this != INGESTING;
        }
    }

    private final Kind kind;
    private final String source;
    private final String name;
    private final ObjectProperty<Status> status = new SimpleObjectProperty<>(this, "status", Status.QUEUED);
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final IntegerProperty chunks = new SimpleIntegerProperty(this, "chunks", 0);
    /** Passages the model read for this item: none when only its tags or type changed. */
    private int embedded;
    private final StringProperty message = new SimpleStringProperty(this, "message", "");

    public IngestItem(Kind kind, String source, String name) {
        this.kind = kind;
        this.source = source;
        this.name = name;
    }

    public static IngestItem forPath(Path path, boolean folder) {
        Path absolute = path.toAbsolutePath().normalize();
        Path file = absolute.getFileName();
        return new IngestItem(folder ? Kind.FOLDER : Kind.FILE, absolute.toString(),
                file == null ? absolute.toString() : file.toString());
    }

    /** Shows what ingesting did. */
    void apply(IngestResult result, boolean cancelledRun) {
        embedded = result.embeddedChunks(); // before the status changes: the totals are counted on that change
        Status value = switch (result.status()) {
            case CREATED -> Status.NEW;
            case UNCHANGED -> Status.UNCHANGED;
            case REPLACED -> Status.REPLACED;
            case SKIPPED -> Status.SKIPPED;
            case FAILED -> cancelledRun && result.errorCode() == app.alex.core.error.ErrorCode.CONFLICT
                    ? Status.CANCELLED : Status.FAILED;
        };
        status.set(value);
        progress.set(1);
        chunks.set(result.chunkCount());
        message.set(switch (value) {
            case FAILED, SKIPPED -> result.error() == null ? "" : result.error();
            case CANCELLED -> "cancelled before it was stored";
            default -> result.title() == null ? "" : result.title();
        });
    }

    void finish(Status value, String text) {
        status.set(value);
        if (value != Status.CANCELLED) {
            progress.set(1);
        }
        message.set(text);
    }

    public Kind kind() {
        return kind;
    }

    public String source() {
        return source;
    }

    public String name() {
        return name;
    }

    /** The folder a file is in (its name only), which tells apart the many files called the same. */
    public String folder() {
        if (kind == Kind.TEXT) {
            return "";
        }
        try {
            Path parent = Path.of(source).getParent();
            return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return "";
        }
    }

    public Status status() {
        return status.get();
    }

    public ObjectProperty<Status> statusProperty() {
        return status;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public IntegerProperty chunksProperty() {
        return chunks;
    }

    public int embeddedChunks() {
        return embedded;
    }

    public StringProperty messageProperty() {
        return message;
    }

    @Override
    public String toString() {
        return kind + " " + name + " " + status.get();
    }
}
