package app.alex.desktop.ingest;

import app.alex.desktop.ui.Navigator;
import app.alex.desktop.ui.Screen;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "Add company filings", drawn inside the window over the screens (as the PDF page is): company,
 * forms, filing dates, Import; then each filing's form, period, status and reason; Cancel stops
 * between filings; Esc or Close closes it (an import still running goes on and says when it is done).
 */
public final class FilingsDialog extends StackPane {
    private final FilingsViewModel model;

    public FilingsDialog(FilingsViewModel model, Navigator navigator) {
        this.model = model;
        setId("filingsDialog");
        getStyleClass().add("dialog-overlay");

        var heading = new Label("Add company filings");
        heading.getStyleClass().add("detail-title");
        var hint = new Label("From SEC EDGAR into the knowledge base: each filing becomes one document, tagged with the "
                + "ticker, form, fiscal period, filing date and accession number. Filings already imported are skipped.");
        hint.getStyleClass().add("screen-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);

        var company = new TextField();
        company.setId("filingsCompany");
        company.setPromptText("Ticker or CIK, e.g. AAPL or 320193");
        company.textProperty().bindBidirectional(model.companyProperty());
        company.setOnAction(e -> model.start());
        var tenK = check("filingsForm10K", "10-K", model.tenKProperty());
        var tenQ = check("filingsForm10Q", "10-Q", model.tenQProperty());
        var eightK = check("filingsForm8K", "8-K", model.eightKProperty());
        var forms = new HBox(14, tenK, tenQ, eightK);
        forms.setAlignment(Pos.CENTER_LEFT);
        var from = new DatePicker();
        from.setId("filingsFrom");
        from.valueProperty().bindBidirectional(model.fromProperty());
        var to = new DatePicker();
        to.setId("filingsTo");
        to.valueProperty().bindBidirectional(model.toProperty());
        for (DatePicker picker : new DatePicker[] {from, to}) {
            picker.setPrefWidth(150);
            picker.setPromptText("YYYY-MM-DD");
        }
        var dates = new HBox(8, from, new Label("to"), to);
        dates.setAlignment(Pos.CENTER_LEFT);
        var grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Company"), company);
        grid.addRow(1, new Label("Forms"), forms);
        grid.addRow(2, new Label("Filed"), dates);
        GridPane.setHgrow(company, Priority.ALWAYS);
        grid.disableProperty().bind(model.runningProperty());

        var importButton = new Button("Import", new FontIcon(Feather.DOWNLOAD));
        importButton.setId("filingsImport");
        importButton.getStyleClass().add("accent");
        importButton.disableProperty().bind(model.runningProperty());
        importButton.setOnAction(e -> model.start());
        var cancel = new Button("Cancel", new FontIcon(Feather.X_CIRCLE));
        cancel.setId("filingsCancel");
        cancel.setTooltip(new Tooltip("Stop after the filing being read; what is imported stays"));
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        var progress = new ProgressBar();
        progress.setId("filingsProgress");
        progress.setPrefWidth(180);
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var close = new Button("Close", new FontIcon(Feather.X));
        close.setId("filingsClose");
        close.setOnAction(e -> close());
        var actions = new HBox(8, importButton, cancel, progress, spacer, close);
        actions.setAlignment(Pos.CENTER_LEFT);

        var message = new Label();
        message.setId("filingsMessage");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(model.messageProperty());
        model.stateProperty().addListener((obs, was, now) -> styleMessage(message));
        styleMessage(message);
        var openSettings = new Button("Open Settings", new FontIcon(Feather.SETTINGS));
        openSettings.setId("filingsOpenSettings");
        openSettings.setMinWidth(Region.USE_PREF_SIZE);
        openSettings.setOnAction(e -> {
            close();
            navigator.show(Screen.SETTINGS);
        });
        openSettings.visibleProperty().bind(model.stateProperty().isEqualTo(FilingsViewModel.State.NEEDS_USER_AGENT));
        openSettings.managedProperty().bind(openSettings.visibleProperty());
        var answer = new HBox(10, message, openSettings);
        answer.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);

        var table = table();
        VBox.setVgrow(table, Priority.ALWAYS);
        var card = new VBox(10, heading, hint, grid, actions, answer, table);
        card.getStyleClass().add("dialog-card");
        card.setPadding(new Insets(16, 18, 16, 18));
        card.setMaxSize(760, 560);
        card.setPrefSize(760, 560);
        getChildren().add(card);
        StackPane.setAlignment(card, Pos.CENTER);
        setPadding(new Insets(24));

        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                close();
                e.consume();
            }
        });
        // Clicks on the dimmed backdrop do not reach the screens below.
        setOnMouseClicked(e -> e.consume());
        sceneProperty().addListener((obs, was, now) -> {
            if (now != null) {
                javafx.application.Platform.runLater(company::requestFocus);
            }
        });
    }

    /** Removes the dialog from the window; an import still running goes on. */
    public void close() {
        if (getParent() instanceof Pane parent) {
            parent.getChildren().remove(this);
        }
    }

    private TableView<FilingRow> table() {
        var table = new TableView<>(model.rows());
        table.setId("filingsResults");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("The filings found appear here, each with how its import went."));
        TableColumn<FilingRow, String> form = new TableColumn<>("Form");
        form.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().form()));
        form.setPrefWidth(60);
        TableColumn<FilingRow, String> period = new TableColumn<>("Period");
        period.setCellValueFactory(c -> c.getValue().periodProperty());
        period.setPrefWidth(90);
        TableColumn<FilingRow, String> filed = new TableColumn<>("Filed");
        filed.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().filed()));
        filed.setPrefWidth(90);
        TableColumn<FilingRow, FilingRow.Status> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> c.getValue().statusProperty());
        status.setPrefWidth(80);
        status.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(FilingRow.Status item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("status-"));
                if (empty || item == null) {
                    setText(null);
                } else {
                    setText(item.label());
                    getStyleClass().add("status-" + switch (item) {
                        case IMPORTED -> "new";
                        case IMPORTING -> "ingesting";
                        case FAILED -> "failed";
                        default -> "skipped";
                    });
                }
            }
        });
        TableColumn<FilingRow, String> detail = new TableColumn<>("Details");
        detail.setCellValueFactory(c -> c.getValue().detailProperty());
        detail.setPrefWidth(360);
        detail.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isBlank() ? null : new Tooltip(item));
            }
        });
        table.getColumns().setAll(java.util.List.of(form, period, filed, status, detail));
        Bindings.size(model.rows()).addListener((obs, was, now) -> table.refresh());
        return table;
    }

    private void styleMessage(Label message) {
        message.getStyleClass().removeAll("danger", "success");
        switch (model.stateProperty().get()) {
            case FAILED, NEEDS_USER_AGENT -> message.getStyleClass().add("danger");
            case DONE -> message.getStyleClass().add("success");
            default -> { }
        }
    }

    private static CheckBox check(String id, String text, javafx.beans.property.BooleanProperty property) {
        var box = new CheckBox(text);
        box.setId(id);
        box.selectedProperty().bindBidirectional(property);
        return box;
    }
}
