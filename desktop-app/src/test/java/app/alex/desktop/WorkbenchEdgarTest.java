package app.alex.desktop;

import app.alex.core.document.DocumentRecord;
import app.alex.core.index.DocumentQuery;
import app.alex.desktop.backend.BackendSession;
import app.alex.desktop.backend.EdgarAccess;
import app.alex.desktop.backend.PipelineIngestor;
import app.alex.desktop.backend.UnavailableResearcher;
import app.alex.desktop.config.Settings;
import app.alex.desktop.financials.FinancialsViewModel;
import app.alex.desktop.ingest.FilingRow;
import app.alex.desktop.ingest.FilingsViewModel;
import app.alex.desktop.testing.InMemoryKnowledgeBase;
import app.alex.desktop.testing.Screenshots;
import app.alex.desktop.testing.TestWorkbench;
import app.alex.desktop.ui.Screen;
import app.alex.edgar.Edgar;
import app.alex.edgar.EdgarConfig;
import app.alex.edgar.financials.FinancialFigure;
import app.alex.edgar.financials.Metric;
import app.alex.edgar.testing.FakeTime;
import app.alex.edgar.testing.LoopbackEdgar;
import app.alex.edgar.testing.TestEdgar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import javafx.scene.chart.BarChart;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static app.alex.desktop.testing.TestWorkbench.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SEC EDGAR in the workbench (issue 17): the "Add company filings" dialog on Ingest and the
 * Financials screen, against the loopback EDGAR server over the real files in shared/data/edgar.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchEdgarTest {
    static final String AGENT = "Jane Doe jane@example.com";
    static LoopbackEdgar edgar;

    @TempDir
    Path temp;
    TestWorkbench app;
    InMemoryKnowledgeBase kb;
    final List<EdgarConfig> configs = new ArrayList<>();

    @BeforeAll
    static void startEdgar() {
        edgar = LoopbackEdgar.start();
    }

    @AfterAll
    static void stopEdgar() {
        edgar.close();
    }

    @Start
    void start(Stage stage) {
        kb = new InMemoryKnowledgeBase();
        var time = new FakeTime();
        // The workbench builds the configuration (the User-Agent from Settings); only the hosts are the loopback's.
        app = TestWorkbench.show(stage, settings -> new BackendSession(Settings.Mode.EMBEDDED, "memory", kb,
                        new UnavailableResearcher(), new PipelineIngestor(kb), null), temp.resolve("config"), Settings.defaults(),
                config -> {
                    configs.add(config);
                    URI loopback = URI.create(edgar.url());
                    return new Edgar(TestEdgar.client(new EdgarConfig(config.userAgent(), loopback, loopback), time));
                });
    }

    @Stop
    void stop() {
        app.close();
    }

    @Test
    void theDialogImportsApplesTenKWithItsTagsAndTitleAndASecondImportSkipsIt(FxRobot robot) {
        app.awaitHealthy();
        setUserAgent(robot, AGENT);
        openFilingsDialog(robot, "AAPL", LocalDate.parse("2024-11-01"), LocalDate.parse("2024-11-01"));
        robot.clickOn("#filingsForm10Q"); // 10-K only
        assertThat(app.workbench.filings().forms()).containsExactly("10-K");

        robot.clickOn("#filingsImport");
        awaitImport();

        List<FilingRow> rows = app.workbench.filings().rows();
        assertThat(rows).hasSize(1);
        FilingRow row = rows.getFirst();
        assertThat(row.form()).isEqualTo("10-K");
        assertThat(row.periodProperty().get()).isEqualTo("FY2024");
        assertThat(row.filed()).isEqualTo("2024-11-01");
        assertThat(row.status()).isEqualTo(FilingRow.Status.IMPORTED);
        assertThat(row.detailProperty().get()).startsWith("Apple Inc. 10-K FY2024 · ");
        assertThat(text(robot, "#filingsMessage")).isEqualTo("Apple Inc.: 1 imported, 0 skipped (already imported), 0 failed.");
        assertThat(app.workbench.filings().stateProperty().get()).isEqualTo(FilingsViewModel.State.DONE);
        TableView<FilingRow> table = robot.lookup("#filingsResults").queryTableView();
        assertThat(table.getItems()).containsExactly(row);

        DocumentRecord stored = onlyDocument();
        assertThat(stored.title()).isEqualTo("Apple Inc. 10-K FY2024");
        assertThat(stored.tags()).contains("AAPL", "10-K", "FY2024", "2024-11-01", "0000320193-24-000123");
        assertThat(stored.source()).isEqualTo(edgar.url() + LoopbackEdgar.APPLE_10K);
        // Settings said who is asking, and EDGAR heard it.
        assertThat(configs).extracting(EdgarConfig::userAgent).containsOnly(AGENT);
        assertThat(edgar.requests().stream().filter(r -> r.path().equals(LoopbackEdgar.APPLE_10K)).toList())
                .isNotEmpty().allSatisfy(r -> assertThat(r.userAgent()).isEqualTo(AGENT));
        Screenshots.save(app.workbench.root(), "edgar-import");

        long downloads = edgar.requestsFor(LoopbackEdgar.APPLE_10K);
        robot.clickOn("#filingsImport");
        awaitImport();
        assertThat(app.workbench.filings().rows()).singleElement().satisfies(again -> {
            assertThat(again.status()).isEqualTo(FilingRow.Status.SKIPPED);
            assertThat(again.detailProperty().get()).isEqualTo("Already in the knowledge base: Apple Inc. 10-K FY2024");
        });
        assertThat(text(robot, "#filingsMessage")).isEqualTo("Apple Inc.: 0 imported, 1 skipped (already imported), 0 failed.");
        assertThat(edgar.requestsFor(LoopbackEdgar.APPLE_10K)).as("a skipped filing is not downloaded").isEqualTo(downloads);
        assertThat(kb.documents(DocumentQuery.firstPage(10)).documents()).hasSize(1);

        robot.clickOn("#filingsClose");
        assertThat(robot.lookup("#filingsDialog").tryQuery()).isEmpty();

        // Opened again it shows the last import; Esc closes it too.
        robot.clickOn("#ingestAddFilings");
        assertThat(app.workbench.filings().rows()).hasSize(1);
        assertThat(robot.lookup("#filingsMessage").queryLabeled().getText()).isEmpty();
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertThat(robot.lookup("#filingsDialog").tryQuery()).isEmpty();
    }

    @Test
    void cancelStopsBetweenFilingsKeepingTheOneBeingRead(FxRobot robot) throws Exception {
        app.awaitHealthy();
        setUserAgent(robot, AGENT);
        var release = new java.util.concurrent.CountDownLatch(1);
        kb.holdIngests(release);
        // Apple's 10-K and 10-Qs filed from 2024-11-01 to 2025-08-01, newest first: the 10-Q of 2025-08-01 goes first.
        openFilingsDialog(robot, "AAPL", LocalDate.parse("2024-11-01"), LocalDate.parse("2025-08-01"));
        robot.clickOn("#filingsImport");
        kb.awaitIngesting();
        waitUntil(10, () -> app.workbench.filings().rows().getFirst().status() == FilingRow.Status.IMPORTING);
        int total = app.workbench.filings().rows().size();
        assertThat(total).isGreaterThan(1);
        assertThat(robot.lookup("#filingsProgress").query().isVisible()).isTrue();

        robot.clickOn("#filingsCancel");
        assertThat(text(robot, "#filingsMessage")).isEqualTo("Stopping after this filing…");
        release.countDown();
        awaitImport();

        List<FilingRow> rows = app.workbench.filings().rows();
        assertThat(rows.getFirst().status()).isEqualTo(FilingRow.Status.IMPORTED);
        assertThat(rows.getFirst().form()).isEqualTo("10-Q");
        assertThat(rows.getFirst().filed()).isEqualTo("2025-08-01");
        assertThat(rows.subList(1, total)).allSatisfy(r -> assertThat(r.status()).isEqualTo(FilingRow.Status.NOT_RUN));
        assertThat(text(robot, "#filingsMessage")).isEqualTo("Apple Inc.: 1 imported, 0 skipped (already imported), 0 failed (stopped early).");
        assertThat(onlyDocument().title()).isEqualTo("Apple Inc. 10-Q Q3 FY2025");
    }

    @Test
    void withoutAUserAgentTheDialogSaysSoSendsNothingAndOffersSettings(FxRobot robot) {
        app.awaitHealthy();
        long before = edgar.requests().size();
        openFilingsDialog(robot, "AAPL", LocalDate.parse("2024-11-01"), LocalDate.parse("2024-11-01"));
        robot.clickOn("#filingsImport");
        waitUntil(5, () -> app.workbench.filings().stateProperty().get() == FilingsViewModel.State.NEEDS_USER_AGENT);

        assertThat(text(robot, "#filingsMessage")).isEqualTo(EdgarAccess.MISSING_USER_AGENT)
                .contains("User-Agent", "Settings", "refuses");
        assertThat(app.workbench.filings().rows()).isEmpty();
        assertThat(edgar.requests()).hasSize((int) before);
        assertThat(configs).isEmpty();

        assertThat(robot.lookup("#filingsOpenSettings").query().isVisible()).isTrue();
        robot.clickOn("#filingsOpenSettings");
        assertThat(app.workbench.screenProperty().get()).isEqualTo(Screen.SETTINGS);
        assertThat(robot.lookup("#filingsDialog").tryQuery()).isEmpty();
        assertThat(robot.lookup("#settingsEdgarHint").queryLabeled().getText()).contains("refuses requests without");

        // The Financials screen says the same.
        robot.clickOn("#nav-financials");
        robot.clickOn("#financialsTicker").write("SNOW");
        robot.clickOn("#financialsLoad");
        assertThat(text(robot, "#financialsMessage")).isEqualTo(EdgarAccess.MISSING_USER_AGENT);
        assertThat(robot.lookup("#financialsOpenSettings").query().isVisible()).isTrue();
        robot.clickOn("#financialsOpenSettings");
        assertThat(app.workbench.screenProperty().get()).isEqualTo(Screen.SETTINGS);
        assertThat(edgar.requests()).hasSize((int) before);
    }

    @Test
    void anUnknownTickerAndAFilingEdgarDoesNotHaveAreSaidInTheDialogAndNothingIsLost(FxRobot robot) {
        app.awaitHealthy();
        setUserAgent(robot, AGENT);
        openFilingsDialog(robot, "NOSUCH", LocalDate.parse("2024-11-01"), LocalDate.parse("2024-11-01"));
        robot.clickOn("#filingsImport");
        awaitImport();
        assertThat(app.workbench.filings().stateProperty().get()).isEqualTo(FilingsViewModel.State.FAILED);
        assertThat(text(robot, "#filingsMessage")).contains("no company with the ticker 'NOSUCH'");
        assertThat(app.workbench.filings().rows()).isEmpty();

        // The 10-K answers 404 once: its row says why, and the next import gets it.
        edgar.answer(LoopbackEdgar.APPLE_10K, LoopbackEdgar.Answer.status(404));
        robot.interact(() -> robot.lookup("#filingsCompany").queryAs(TextField.class).setText("320193"));
        robot.clickOn("#filingsForm10Q");
        robot.clickOn("#filingsImport");
        awaitImport();
        FilingRow failed = app.workbench.filings().rows().getFirst();
        assertThat(failed.status()).isEqualTo(FilingRow.Status.FAILED);
        assertThat(failed.detailProperty().get()).startsWith("EDGAR has no primary document of 10-K filing 0000320193-24-000123");
        assertThat(text(robot, "#filingsMessage")).isEqualTo("Apple Inc.: 0 imported, 0 skipped (already imported), 1 failed.");
        assertThat(kb.documents(DocumentQuery.firstPage(10)).documents()).isEmpty();

        robot.clickOn("#filingsImport");
        awaitImport();
        assertThat(app.workbench.filings().rows().getFirst().status()).isEqualTo(FilingRow.Status.IMPORTED);
        // A CIK brings the company's main ticker as the tag.
        assertThat(onlyDocument().tags()).contains("AAPL", "10-K", "FY2024");
    }

    @Test
    void financialsShowSnowflakesFiguresByFiscalYearWithTheirFilingsAndAChart(FxRobot robot) throws Exception {
        app.awaitHealthy();
        setUserAgent(robot, AGENT);
        robot.clickOn("#nav-financials");
        assertThat(app.workbench.screenProperty().get()).isEqualTo(Screen.FINANCIALS);
        robot.clickOn("#financialsTicker").write("SNOW");
        robot.clickOn("#financialsLoad");
        waitUntil(20, () -> app.workbench.financials().financialsProperty().get() != null);

        JsonNode expected = fiscal2025Revenue();
        TableView<Metric> table = robot.lookup("#financialsTable").queryTableView();
        TableColumn<Metric, ?> fy2025 = column(table, "FY2025");
        var revenue = (FinancialFigure) fy2025.getCellData(Metric.REVENUE);
        assertThat(revenue.value()).isEqualByComparingTo(expected.get("val").decimalValue());
        assertThat(revenue.source().accession()).isEqualTo(expected.get("accn").asText());
        assertThat(revenue.source().filed()).isEqualTo(LocalDate.parse(expected.get("filed").asText()));
        assertThat(column(table, "Figure").getCellData(Metric.REVENUE)).isEqualTo("Revenue");
        assertThat(robot.lookup("#financialsCompany").queryLabeled().getText()).contains("CIK 1640147");
        // On screen: the figure in millions, its filing in the tooltip.
        String shown = FinancialsViewModel.format(revenue);
        assertThat(shown).isEqualTo(new java.text.DecimalFormat("#,##0.0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.US))
                .format(expected.get("val").decimalValue().movePointLeft(6)));
        var cell = robot.lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .filter(c -> c.getTableColumn() == fy2025 && shown.equals(c.getText())).findFirst().orElseThrow();
        assertThat(cell.getTooltip().getText()).contains("10-K filed " + expected.get("filed").asText(),
                "accession " + expected.get("accn").asText(), "RevenueFromContractWithCustomerExcludingAssessedTax");
        assertThat(table.getColumns().stream().skip(1).map(TableColumn::getText)).allMatch(t -> t.matches("FY\\d{4}"));

        @SuppressWarnings("unchecked")
        BarChart<String, Number> chart = robot.lookup("#financialsChart").queryAs(BarChart.class);
        assertThat(chart.getData()).extracting(s -> s.getName()).containsExactly("Revenue", "Net income");
        assertThat(chart.getData()).allSatisfy(series -> assertThat(series.getData()).isNotEmpty());
        var revenuePoint = chart.getData().getFirst().getData().stream().filter(d -> d.getXValue().equals("FY2025")).findFirst().orElseThrow();
        assertThat(new BigDecimal(revenuePoint.getYValue().toString()))
                .isEqualByComparingTo(FinancialsViewModel.millions(expected.get("val").decimalValue()));
        assertThat(chart.getData().getFirst().getData().getFirst().getNode()).as("drawn").isNotNull();
        Screenshots.save(app.workbench.root(), "financials");

        robot.clickOn("#financialsQuarterly");
        assertThat(table.getColumns().stream().skip(1).map(TableColumn::getText)).isNotEmpty()
                .allMatch(t -> t.matches("Q[1-4] FY\\d{4}"));
        robot.clickOn("#financialsAnnual");
        assertThat(column(table, "FY2025")).isNotNull();

        // EDGAR has no company facts for Apple on the loopback server (404): said, and Snowflake's stay.
        robot.interact(() -> robot.lookup("#financialsTicker").queryAs(TextField.class).setText("AAPL"));
        robot.clickOn("#financialsLoad");
        waitUntil(20, () -> app.workbench.financials().failedProperty().get());
        assertThat(text(robot, "#financialsMessage")).startsWith("EDGAR has no");
        assertThat(column(table, "FY2025").getCellData(Metric.REVENUE)).isEqualTo(revenue);
    }

    /** Snowflake's revenue for its fiscal 2025 (February 2024 to January 2025) as its 10-K reports it in the JSON. */
    private static JsonNode fiscal2025Revenue() throws Exception {
        JsonNode facts = new ObjectMapper().readTree(edgar.dataDir().resolve("snow-companyfacts.json").toFile());
        JsonNode usd = facts.path("facts").path("us-gaap").path("RevenueFromContractWithCustomerExcludingAssessedTax")
                .path("units").path("USD");
        assertThat(facts.path("facts").path("us-gaap").has("Revenues")).as("no preferred concept in the way").isFalse();
        var entries = StreamSupport.stream(usd.spliterator(), false)
                .filter(e -> e.path("form").asText().equals("10-K") && e.path("fy").asInt() == 2025 && e.path("fp").asText().equals("FY"))
                .toList();
        // A 10-K repeats earlier years: this year's is the one that ends last and covers a year.
        String lastEnd = entries.stream().map(e -> e.path("end").asText()).max(String::compareTo).orElseThrow();
        return entries.stream().filter(e -> e.path("end").asText().equals(lastEnd) && e.has("start")
                        && ChronoUnit.DAYS.between(LocalDate.parse(e.path("start").asText()), LocalDate.parse(lastEnd)) > 350)
                .max(java.util.Comparator.comparing(e -> e.path("filed").asText())).orElseThrow();
    }

    private void setUserAgent(FxRobot robot, String agent) {
        robot.clickOn("#nav-settings");
        robot.interact(() -> robot.lookup("#settingsEdgarUserAgent").queryAs(TextField.class).setText(agent));
        robot.clickOn("#settingsSave");
        waitUntil(10, () -> app.connection.settings().edgar().userAgent().equals(agent));
        assertThat(app.store.load().edgar().userAgent()).isEqualTo(agent);
    }

    private void openFilingsDialog(FxRobot robot, String company, LocalDate from, LocalDate to) {
        robot.clickOn("#nav-ingest");
        robot.clickOn("#ingestAddFilings");
        assertThat(robot.lookup("#filingsDialog").tryQuery()).isPresent();
        robot.clickOn("#filingsCompany").write(company);
        robot.interact(() -> {
            robot.lookup("#filingsFrom").queryAs(DatePicker.class).setValue(from);
            robot.lookup("#filingsTo").queryAs(DatePicker.class).setValue(to);
        });
    }

    private void awaitImport() {
        waitUntil(30, () -> !app.workbench.filings().runningProperty().get());
    }

    private DocumentRecord onlyDocument() {
        List<DocumentRecord> documents = kb.documents(DocumentQuery.firstPage(10)).documents();
        assertThat(documents).hasSize(1);
        return documents.getFirst();
    }

    private static TableColumn<Metric, ?> column(TableView<Metric> table, String header) {
        return table.getColumns().stream().filter(c -> c.getText().equals(header)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + header));
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }
}
