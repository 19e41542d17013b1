package app.alex.desktop.ingest;

import app.alex.core.text.Counts;
import app.alex.edgar.company.Filing;
import app.alex.edgar.filings.FilingResult;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Locale;

/** One filing in the "Add company filings" dialog: what it is and how its import went. Changed on the FX thread. */
public final class FilingRow {
    public enum Status {
        QUEUED, IMPORTING, IMPORTED, SKIPPED, FAILED, NOT_RUN;

        public String label() {
            return this == NOT_RUN ? "not run" : name().toLowerCase(Locale.ROOT);
        }
    }

    private final Filing filing;
    private final ReadOnlyStringWrapper period = new ReadOnlyStringWrapper(this, "period", "");
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.QUEUED);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private volatile FilingResult result;

    public FilingRow(Filing filing, String period) {
        this.filing = filing;
        this.period.set(period == null ? "" : period);
    }

    public Filing filing() {
        return filing;
    }

    public String form() {
        return filing.form();
    }

    public String filed() {
        return filing.filingDate().toString();
    }

    /** The result once the filing was handled, else null. */
    public FilingResult result() {
        return result;
    }

    void importing() {
        status.set(Status.IMPORTING);
        detail.set("Downloading and reading…");
    }

    void notRun() {
        status.set(Status.NOT_RUN);
        detail.set("Cancelled before this filing");
    }

    void finished(FilingResult r) {
        result = r;
        if (r.period() != null) {
            period.set(r.period().label());
        }
        switch (r.status()) {
            case IMPORTED -> {
                status.set(Status.IMPORTED);
                detail.set(r.title() + " · " + Counts.of(r.chunkCount(), "passage"));
            }
            case SKIPPED -> {
                status.set(Status.SKIPPED);
                detail.set("Already in the knowledge base: " + r.title());
            }
            case FAILED -> {
                status.set(Status.FAILED);
                detail.set(r.error() == null ? "failed" : r.error());
            }
        }
    }

    public Status status() {
        return status.get();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty periodProperty() {
        return period.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }
}
