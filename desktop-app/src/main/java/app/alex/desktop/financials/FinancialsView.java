package app.alex.desktop.financials;

import app.alex.desktop.ui.Navigator;
import app.alex.desktop.ui.Screen;
import app.alex.edgar.company.FiscalPeriod;
import app.alex.edgar.financials.FinancialFigure;
import app.alex.edgar.financials.Financials;
import app.alex.edgar.financials.Metric;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;

/**
 * Financials screen: a ticker and Load; headline figures by fiscal period (one row per figure,
 * one column per year or quarter), each figure's filing in its tooltip; a chart of revenue and
 * net income by fiscal year.
 */
public final class FinancialsView extends BorderPane {
    private final FinancialsViewModel model;
    private final TableView<Metric> table = new TableView<>();
    private final BarChart<String, Number> chart;

    public FinancialsView(FinancialsViewModel model, Navigator navigator) {
        this.model = model;
        setId("financialsView");
        getStyleClass().add("screen");

        var heading = new Label("Financials");
        heading.getStyleClass().add("screen-title");
        var ticker = new TextField();
        ticker.setId("financialsTicker");
        ticker.setPromptText("Ticker or CIK, e.g. SNOW");
        ticker.setPrefColumnCount(15);
        ticker.textProperty().bindBidirectional(model.companyProperty());
        ticker.setOnAction(e -> model.load());
        var load = new Button("Load", new FontIcon(Feather.DOWNLOAD_CLOUD));
        load.setId("financialsLoad");
        load.getStyleClass().add("accent");
        load.setMinWidth(Region.USE_PREF_SIZE);
        load.disableProperty().bind(model.loadingProperty());
        load.setOnAction(e -> model.load());
        var periods = new ToggleGroup();
        var annual = new ToggleButton("Annual");
        annual.setId("financialsAnnual");
        var quarterly = new ToggleButton("Quarterly");
        quarterly.setId("financialsQuarterly");
        annual.setToggleGroup(periods);
        quarterly.setToggleGroup(periods);
        annual.getStyleClass().add("left-pill");
        quarterly.getStyleClass().add("right-pill");
        annual.setSelected(!model.quarterlyProperty().get());
        quarterly.setSelected(model.quarterlyProperty().get());
        periods.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                was.setSelected(true);
            } else {
                model.quarterlyProperty().set(now == quarterly);
            }
        });
        var pills = new HBox(annual, quarterly);
        var company = new Label();
        company.setId("financialsCompany");
        company.getStyleClass().add("detail-title");
        company.textProperty().bind(model.titleProperty());
        company.setMinWidth(0);
        var toolbar = new HBox(8, ticker, load, pills, company);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        var message = new Label();
        message.setId("financialsMessage");
        message.getStyleClass().add("screen-hint");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(model.messageProperty());
        model.failedProperty().addListener((obs, was, now) -> {
            message.getStyleClass().remove("danger");
            if (now) {
                message.getStyleClass().add("danger");
            }
        });
        var openSettings = new Button("Open Settings", new FontIcon(Feather.SETTINGS));
        openSettings.setId("financialsOpenSettings");
        openSettings.setMinWidth(Region.USE_PREF_SIZE);
        openSettings.setOnAction(e -> navigator.show(Screen.SETTINGS));
        openSettings.visibleProperty().bind(model.needsUserAgentProperty());
        openSettings.managedProperty().bind(openSettings.visibleProperty());
        var answer = new HBox(10, message, openSettings);
        answer.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);

        var top = new VBox(6, heading, toolbar, answer);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        table.setId("financialsTable");
        table.getStyleClass().add("financials-table");
        table.setPlaceholder(new Label("No figures yet: load a company."));
        table.getItems().setAll(FinancialsViewModel.METRICS);
        table.getSelectionModel().setCellSelectionEnabled(true);

        var xAxis = new CategoryAxis();
        xAxis.setLabel("Fiscal year");
        var yAxis = new NumberAxis();
        yAxis.setLabel("USD millions");
        chart = new BarChart<>(xAxis, yAxis);
        chart.setId("financialsChart");
        chart.setTitle("Revenue and net income by fiscal year");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setMinHeight(200);

        var split = new SplitPane(table, chart);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        setCenter(split);

        model.financialsProperty().addListener((obs, was, now) -> refresh());
        model.quarterlyProperty().addListener((obs, was, now) -> columns());
        refresh();
    }

    private void refresh() {
        columns();
        chart();
    }

    private void columns() {
        var columns = new ArrayList<TableColumn<Metric, ?>>();
        TableColumn<Metric, String> name = new TableColumn<>("Figure");
        name.setId("financialsFigure");
        name.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().label()));
        name.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                if (!getStyleClass().contains("metric-name")) {
                    getStyleClass().add("metric-name");
                }
            }
        });
        name.setPrefWidth(170);
        name.setSortable(false);
        columns.add(name);
        for (FiscalPeriod period : model.periods()) {
            TableColumn<Metric, FinancialFigure> column = new TableColumn<>(period.label());
            column.setId("financials-" + period.tag());
            column.setUserData(period);
            column.setSortable(false);
            column.setPrefWidth(period.annual() ? 90 : 100);
            column.setCellValueFactory(c -> new SimpleObjectProperty<>(model.figure(c.getValue(), period)));
            column.setCellFactory(col -> new TableCell<>() {
                @Override
                protected void updateItem(FinancialFigure item, boolean empty) {
                    super.updateItem(item, empty);
                    if (empty || item == null) {
                        setText(empty ? null : "–");
                        setTooltip(null);
                    } else {
                        // A derived fourth quarter is marked as in the CLI; its tooltip says how it was derived.
                        setText(FinancialsViewModel.format(item) + (item.derived() ? "*" : ""));
                        var tip = new Tooltip(FinancialsViewModel.provenance(item));
                        tip.setShowDelay(Duration.millis(250));
                        setTooltip(tip);
                    }
                }
            });
            columns.add(column);
        }
        table.getColumns().setAll(columns);
    }

    private void chart() {
        Financials f = model.financialsProperty().get();
        var revenue = new XYChart.Series<String, Number>();
        revenue.setName(Metric.REVENUE.label());
        var income = new XYChart.Series<String, Number>();
        income.setName(Metric.NET_INCOME.label());
        if (f != null) {
            for (FiscalPeriod year : f.periods(false)) {
                f.figure(Metric.REVENUE, year).ifPresent(v -> revenue.getData().add(
                        new XYChart.Data<>(year.label(), FinancialsViewModel.millions(v.value()))));
                f.figure(Metric.NET_INCOME, year).ifPresent(v -> income.getData().add(
                        new XYChart.Data<>(year.label(), FinancialsViewModel.millions(v.value()))));
            }
        }
        // Every year on the axis in order, even one with only net income.
        var axis = (CategoryAxis) chart.getXAxis();
        axis.getCategories().setAll(f == null ? java.util.List.of()
                : f.periods(false).stream().map(FiscalPeriod::label).toList());
        chart.getData().setAll(java.util.List.of(revenue, income));
    }
}
