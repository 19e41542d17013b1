package app.alex.desktop.financials;

import app.alex.desktop.backend.EdgarAccess;
import app.alex.desktop.ui.Errors;
import app.alex.desktop.ui.TaskExecutor;
import app.alex.desktop.ui.Tasks;
import app.alex.edgar.company.CompanyRef;
import app.alex.edgar.company.FiscalPeriod;
import app.alex.edgar.financials.FinancialFigure;
import app.alex.edgar.financials.Financials;
import app.alex.edgar.financials.Metric;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/**
 * A company's headline figures from its XBRL company facts on SEC EDGAR: loaded off the FX
 * thread, annual by default or by quarter. A failed load (unknown ticker, no company facts) says
 * why and keeps the figures shown before.
 */
public final class FinancialsViewModel {
    /** The figures in the table, in statement order. */
    public static final List<Metric> METRICS = List.of(Metric.values());

    private final EdgarAccess edgar;
    private final TaskExecutor executor;
    private final StringProperty company = new SimpleStringProperty(this, "company", "");
    private final BooleanProperty quarterly = new SimpleBooleanProperty(this, "quarterly", false);
    private final ReadOnlyObjectWrapper<Financials> financials = new ReadOnlyObjectWrapper<>(this, "financials");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message",
            "Type a ticker (SNOW) or a CIK and Load: the figures come from the company's XBRL filings on SEC EDGAR.");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyBooleanWrapper needsUserAgent = new ReadOnlyBooleanWrapper(this, "needsUserAgent");
    private long sequence;

    public FinancialsViewModel(EdgarAccess edgar, TaskExecutor executor) {
        this.edgar = edgar;
        this.executor = executor;
    }

    public void load() {
        String who = company.get() == null ? "" : company.get().strip();
        needsUserAgent.set(false);
        if (!edgar.configured()) {
            needsUserAgent.set(true);
            fail(EdgarAccess.MISSING_USER_AGENT);
            return;
        }
        if (who.isEmpty()) {
            fail("Type a ticker (SNOW) or a CIK (1640147).");
            return;
        }
        long mine = ++sequence;
        loading.set(true);
        failed.set(false);
        message.set("Loading " + who + " from SEC EDGAR…");
        executor.execute(Tasks.of(() -> {
            var e = edgar.edgar();
            CompanyRef ref = e.company(who);
            return e.financials(ref.cik());
        }, loaded -> {
            if (mine != sequence) {
                return;
            }
            loading.set(false);
            financials.set(loaded);
            title.set(loaded.company() + " · CIK " + loaded.cik().plain());
            var years = loaded.periods(false);
            message.set(years.isEmpty() ? "EDGAR has no annual figures for " + loaded.company() + "."
                    : years.size() + " fiscal years (" + years.getFirst().label() + " to " + years.getLast().label() + ") and "
                    + loaded.periods(true).size() + " quarters. USD millions, except per-share (USD) and shares (millions). "
                    + "Hover over a figure for the filing it comes from.");
        }, failure -> {
            if (mine == sequence) {
                loading.set(false);
                fail(Errors.message(failure));
            }
        }));
    }

    private void fail(String text) {
        failed.set(true);
        message.set(text);
    }

    /** The periods shown as columns, oldest first. */
    public List<FiscalPeriod> periods() {
        Financials f = financials.get();
        return f == null ? List.of() : f.periods(quarterly.get());
    }

    public FinancialFigure figure(Metric metric, FiscalPeriod period) {
        Financials f = financials.get();
        return f == null ? null : f.figure(metric, period).orElse(null);
    }

    /** For the table: money and shares in millions with one decimal, per-share as is; losses in parentheses. */
    public static String format(FinancialFigure figure) {
        if (figure == null) {
            return "";
        }
        BigDecimal value = figure.value();
        var symbols = DecimalFormatSymbols.getInstance(Locale.US);
        String text;
        if (figure.metric().kind() == Metric.Kind.PER_SHARE) {
            text = new DecimalFormat("#,##0.00", symbols).format(value.abs());
        } else {
            text = new DecimalFormat("#,##0.0", symbols).format(millions(value).abs());
        }
        return value.signum() < 0 ? "(" + text + ")" : text;
    }

    /** For the chart: USD millions. */
    public static BigDecimal millions(BigDecimal value) {
        return value.divide(BigDecimal.valueOf(1_000_000), 1, RoundingMode.HALF_EVEN);
    }

    /** Where a figure comes from, for its tooltip. */
    public static String provenance(FinancialFigure f) {
        var text = new StringBuilder();
        text.append(f.metric().label()).append(", ").append(f.period().label()).append(": ")
                .append(f.value().toPlainString()).append(' ').append(f.unit()).append('\n');
        text.append(f.start() == null ? "On " + f.end() : f.start() + " to " + f.end()).append('\n');
        text.append("us-gaap:").append(f.concept()).append('\n');
        var s = f.source();
        if (f.derived()) {
            text.append("Derived: the fiscal year's figure minus the first three quarters' (no filing reports the fourth "
                    + "quarter on its own)\nYear from: ");
        }
        text.append(s.form()).append(" filed ").append(s.filed()).append(", accession ").append(s.accession());
        return text.toString();
    }

    public StringProperty companyProperty() {
        return company;
    }

    public BooleanProperty quarterlyProperty() {
        return quarterly;
    }

    public ReadOnlyObjectProperty<Financials> financialsProperty() {
        return financials.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty needsUserAgentProperty() {
        return needsUserAgent.getReadOnlyProperty();
    }
}
