package app.alex.desktop.ingest;

import app.alex.desktop.ui.FileDialogs;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ProgressBarTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ingest screen: add files, folders or text; watch the queue; cancel. */
public final class IngestView extends BorderPane {
    private final javafx.scene.control.CheckBox hideSkipped = new javafx.scene.control.CheckBox("Hide skipped");
    private final IngestViewModel model;
    private final FileDialogs dialogs;

    public IngestView(IngestViewModel model, FileDialogs dialogs) {
        this(model, dialogs, null, null);
    }

    /** With {@code filings} (and the navigator that draws its dialog), an "Add company filings…" button. */
    public IngestView(IngestViewModel model, FileDialogs dialogs, FilingsViewModel filings, app.alex.desktop.ui.Navigator navigator) {
        this.model = model;
        this.dialogs = dialogs;
        setId("ingestView");
        getStyleClass().add("screen");

        var heading = new Label("Ingest");
        heading.getStyleClass().add("screen-title");
        var hint = new Label("Drop files or folders anywhere on this window, or add them here. "
                + "PDF, HTML, Markdown, DOCX and text; folders are read recursively.");
        hint.getStyleClass().add("screen-hint");
        hint.setWrapText(true);

        var addFiles = button("addFiles", "Add files…", Feather.FILE_PLUS);
        addFiles.setOnAction(e -> model.addPaths(dialogs.chooseFiles(getScene().getWindow(), "Add files to Alex")));
        var addFolder = button("addFolder", "Add folder…", Feather.FOLDER_PLUS);
        addFolder.setOnAction(e -> dialogs.chooseFolder(getScene().getWindow(), "Add a folder to Alex")
                .ifPresent(folder -> model.addPaths(java.util.List.of(folder))));
        var paste = button("pasteText", "Paste text…", Feather.CLIPBOARD);
        paste.setOnAction(e -> pasteDialog());
        var tags = new TextField();
        tags.setId("ingestTags");
        tags.setPromptText("Tags, e.g. NVDA, earnings");
        tags.setTooltip(new Tooltip("Tags for the files and text you add next, separated by commas"));
        tags.setPrefColumnCount(14);
        tags.setMinWidth(200);
        tags.textProperty().bindBidirectional(model.tagsProperty());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var cancel = button("cancelIngest", "Cancel", Feather.X_CIRCLE);
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        var clear = button("clearIngest", "Clear finished", Feather.TRASH_2);
        clear.setOnAction(e -> model.clearFinished());
        hideSkipped.setId("ingestHideSkipped");
        hideSkipped.setTooltip(new Tooltip("Hide the files Alex does not read (they are counted below all the same)"));
        hideSkipped.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // Two rows, so the screen fits a 980-pixel window: what to add (and Cancel), then how (tags) and the queue's view.
        var toolbar = new HBox(8, addFiles, addFolder, paste);
        if (filings != null) {
            var addFilings = button("ingestAddFilings", "Company filings…", Feather.BRIEFCASE);
            addFilings.setTooltip(new Tooltip("Import a company's 10-K, 10-Q and 8-K filings from SEC EDGAR"));
            addFilings.setOnAction(e -> {
                filings.reset();
                navigator.showOverlay(new FilingsDialog(filings, navigator));
            });
            toolbar.getChildren().add(addFilings);
        }
        toolbar.getChildren().addAll(spacer, cancel);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        var tagsLabel = new Label("Tags");
        tagsLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(tags, Priority.ALWAYS);
        tags.setMaxWidth(420);
        var spacer2 = new Region();
        HBox.setHgrow(spacer2, Priority.ALWAYS);
        var options = new HBox(8, tagsLabel, tags, spacer2, hideSkipped, clear);
        options.setAlignment(Pos.CENTER_LEFT);

        var top = new VBox(6, heading, hint, toolbar, options);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);
        setCenter(table());

        var progress = new ProgressBar();
        progress.setId("ingestProgress");
        progress.setPrefWidth(220);
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty());
        var totals = new Label();
        totals.setId("ingestTotals");
        totals.textProperty().bind(model.totalsProperty());
        var bottom = new HBox(12, progress, totals);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.setPadding(new Insets(8, 0, 0, 0));
        setBottom(bottom);
    }

    private TableView<IngestItem> table() {
        // A big folder gives thousands of "skipped" rows (files Alex does not read): they can be hidden.
        var shown = new javafx.collections.transformation.FilteredList<>(model.items());
        shown.predicateProperty().bind(Bindings.createObjectBinding(() -> hideSkipped.isSelected()
                ? (java.util.function.Predicate<IngestItem>) item -> item.status() != IngestItem.Status.SKIPPED
                : null, hideSkipped.selectedProperty()));
        // Any column's header sorts (and so groups) the queue: by folder, by status, by name.
        var sorted = new javafx.collections.transformation.SortedList<>(shown);
        var table = new TableView<>(sorted);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setId("ingestQueue");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("The queue is empty. Drop files here or use the buttons above."));

        TableColumn<IngestItem, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(
                (c.getValue().kind() == IngestItem.Kind.FOLDER ? "▸ " : "") + c.getValue().name()));
        name.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                IngestItem row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(row == null ? null : new Tooltip(row.source()));
            }
        });
        name.setPrefWidth(220);

        TableColumn<IngestItem, String> folder = new TableColumn<>("Folder");
        folder.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().folder()));
        folder.setPrefWidth(110);
        TableColumn<IngestItem, IngestItem.Status> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> c.getValue().statusProperty());
        status.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(IngestItem.Status item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("status-"));
                if (empty || item == null) {
                    setText(null);
                } else {
                    setText(item.label());
                    getStyleClass().add("status-" + item.label());
                }
            }
        });
        status.setPrefWidth(90);

        TableColumn<IngestItem, Double> progress = new TableColumn<>("Progress");
        progress.setCellValueFactory(c -> c.getValue().progressProperty().asObject());
        progress.setCellFactory(ProgressBarTableCell.forTableColumn());
        progress.setPrefWidth(110);

        TableColumn<IngestItem, Number> chunks = new TableColumn<>("Chunks");
        chunks.setCellValueFactory(c -> c.getValue().chunksProperty());
        chunks.setPrefWidth(60);

        TableColumn<IngestItem, String> details = new TableColumn<>("Details");
        details.setCellValueFactory(c -> c.getValue().messageProperty());
        details.setPrefWidth(300);
        // The reason for a failure is often longer than the column: the whole of it on hover.
        details.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isBlank() ? null : new Tooltip(item));
            }
        });

        table.getColumns().setAll(java.util.List.of(name, folder, status, progress, chunks, details));
        Bindings.size(shown).addListener((obs, was, now) -> {
            // In arrival order the newest row is the last; sorted, it lands where it belongs.
            if (now.intValue() > was.intValue() && table.getSortOrder().isEmpty()) {
                table.scrollTo(now.intValue() - 1);
            }
        });
        return table;
    }

    private void pasteDialog() {
        var dialog = new Dialog<ButtonType>();
        dialog.setTitle("Paste text");
        dialog.setHeaderText("Paste a note, an article or an email: it is stored as a note.");
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        var title = new TextField();
        title.setId("pasteTitle");
        title.setPromptText("Title (optional: the first line is used)");
        var body = new TextArea();
        body.setId("pasteBody");
        body.setWrapText(true);
        body.setPrefRowCount(12);
        body.setPrefColumnCount(50);
        var content = new VBox(8, title, body);
        content.setPadding(new Insets(8));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        var ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("pasteOk");
        ok.disableProperty().bind(body.textProperty().isEmpty());
        dialog.setOnShown(e -> body.requestFocus());
        dialog.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.addText(title.getText(), body.getText()));
    }

    private static Button button(String id, String text, Feather icon) {
        var button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }
}
