package app.alex.desktop.library;

import app.alex.core.text.Counts;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.index.DocumentQuery;
import app.alex.desktop.ui.Navigator;
import app.alex.desktop.ui.PassageArea;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Library screen: every document, a page at a time; filters, order, delete, open, and a document's passages. */
public final class LibraryView extends BorderPane {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final LibraryViewModel model;
    private final TableView<DocumentRecord> table;

    public LibraryView(LibraryViewModel model, Navigator navigator) {
        this.model = model;
        setId("libraryView");
        getStyleClass().add("screen");

        var heading = new Label("Library");
        heading.getStyleClass().add("screen-title");
        var sort = new ComboBox<DocumentQuery.Sort>();
        sort.setId("librarySort");
        sort.getItems().setAll(DocumentQuery.Sort.values());
        sort.valueProperty().bindBidirectional(model.sortProperty());
        sort.setConverter(converter(s -> s == DocumentQuery.Sort.TITLE ? "Title A–Z" : "Newest first", "Newest first"));
        var type = new ComboBox<DocumentType>();
        type.setId("libraryType");
        type.getItems().add(null);
        type.getItems().addAll(DocumentType.values());
        type.valueProperty().bindBidirectional(model.typeProperty());
        type.setConverter(converter(t -> switch (t) {
            case DOCUMENT -> "Documents";
            case RESEARCH -> "Research";
            case NOTE -> "Notes";
        }, "Any type"));
        type.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(DocumentType item, boolean empty) {
                super.updateItem(item, empty);
                setText(type.getConverter().toString(item));
            }
        });
        var tags = new TextField();
        tags.setId("libraryTags");
        tags.setPromptText("Tags/tickers");
        tags.setPrefColumnCount(10);
        tags.textProperty().bindBidirectional(model.tagsProperty());
        var source = new TextField();
        source.setId("librarySource");
        source.setPromptText("Source starts with");
        source.setPrefColumnCount(16);
        source.textProperty().bindBidirectional(model.sourceProperty());
        var refresh = new Button("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setId("libraryRefresh");
        refresh.setOnAction(e -> model.reload());
        refresh.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        var status = new Label();
        status.setId("libraryStatus");
        status.getStyleClass().add("screen-hint");
        status.textProperty().bind(model.statusProperty());
        var filters = new HBox(8, sort, type, tags, source, refresh);
        filters.setAlignment(Pos.CENTER_LEFT);
        var top = new VBox(8, heading, filters, status);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        table = buildTable();
        var loadMore = new Button("Load more");
        loadMore.setId("libraryLoadMore");
        loadMore.visibleProperty().bind(model.hasMoreProperty());
        loadMore.managedProperty().bind(loadMore.visibleProperty());
        loadMore.disableProperty().bind(model.loadingProperty());
        loadMore.setOnAction(e -> model.loadMore());
        var left = new VBox(6, table, loadMore);
        VBox.setVgrow(table, Priority.ALWAYS);

        var split = new SplitPane(left, detail(navigator));
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.6);
        setCenter(split);
    }

    private TableView<DocumentRecord> buildTable() {
        var view = new TableView<>(model.documents());
        view.setId("libraryTable");
        view.setPlaceholder(new Label("No documents."));
        view.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // Date, source and media type are in the detail pane; the table keeps what scanning a list needs.
        var title = column("Title", 230, DocumentRecord::title);
        var type = column("Type", 85, d -> d.type().wireName());
        var tags = column("Tags", 110, d -> String.join(", ", d.tags()));
        var ingested = column("Ingested", 95, d -> format(d.ingestedAt(), DATE));
        TableColumn<DocumentRecord, Number> chunks = new TableColumn<>("Passages");
        chunks.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().chunkCount()));
        chunks.setPrefWidth(70);
        List<TableColumn<DocumentRecord, ?>> columns = List.of(title, type, tags, ingested, chunks);
        columns.forEach(c -> c.setSortable(false));
        // The backend orders the pages: Title (A–Z) and Ingested (newest first) headers choose its order;
        // the table never sorts the loaded page itself.
        title.setSortable(true);
        title.setSortType(TableColumn.SortType.ASCENDING);
        ingested.setSortable(true);
        ingested.setSortType(TableColumn.SortType.DESCENDING);
        view.getColumns().setAll(columns);
        view.setSortPolicy(t -> true);
        Runnable showSort = () -> {
            var column = model.sortProperty().get() == DocumentQuery.Sort.TITLE ? title : ingested;
            column.setSortType(column == title ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
            if (view.getSortOrder().size() != 1 || view.getSortOrder().getFirst() != column) {
                view.getSortOrder().setAll(List.of(column));
            }
        };
        view.getSortOrder().addListener((ListChangeListener<TableColumn<DocumentRecord, ?>>) c -> {
            if (view.getSortOrder().isEmpty()) {
                // A click clears the order before it adds its column; a third click only clears it:
                // then keep showing the backend's order.
                javafx.application.Platform.runLater(() -> {
                    if (view.getSortOrder().isEmpty()) {
                        showSort.run();
                    }
                });
            } else {
                model.sortProperty().set(view.getSortOrder().getFirst() == title
                        ? DocumentQuery.Sort.TITLE : DocumentQuery.Sort.NEWEST_INGESTED);
            }
        });
        title.sortTypeProperty().addListener((obs, was, now) -> {
            if (now != TableColumn.SortType.ASCENDING) {
                title.setSortType(TableColumn.SortType.ASCENDING); // the backend sorts titles A–Z only
            }
        });
        ingested.sortTypeProperty().addListener((obs, was, now) -> {
            if (now != TableColumn.SortType.DESCENDING) {
                ingested.setSortType(TableColumn.SortType.DESCENDING); // and newest first only
            }
        });
        model.sortProperty().addListener((obs, was, now) -> showSort.run());
        showSort.run();

        view.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.select(now);
            }
        });
        model.selectedProperty().addListener((obs, was, now) -> {
            if (now != null && view.getSelectionModel().getSelectedItem() != now) {
                view.getSelectionModel().select(now);
                view.scrollTo(now);
            }
        });
        // Load the next page when the analyst scrolls to the end of what is loaded...
        view.skinProperty().addListener((obs, was, skin) -> {
            if (view.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.positionProperty().addListener((o, before, position) -> {
                    if (position.doubleValue() >= 0.98) {
                        model.loadMore();
                    }
                });
            }
        });
        // ...or when a page is too short to fill the table (there is nothing to scroll yet).
        model.loadingProperty().addListener((obs, was, loading) -> {
            if (!loading) {
                javafx.application.Platform.runLater(() -> loadMoreIfEndVisible(view));
            }
        });
        view.sceneProperty().addListener((obs, was, scene) -> {
            if (scene != null) {
                javafx.application.Platform.runLater(() -> loadMoreIfEndVisible(view));
            }
        });
        view.heightProperty().addListener((obs, was, height) ->
                javafx.application.Platform.runLater(() -> loadMoreIfEndVisible(view)));
        return view;
    }

    private void loadMoreIfEndVisible(TableView<DocumentRecord> view) {
        if (view.getScene() == null || !model.hasMoreProperty().get() || model.loadingProperty().get()) {
            return; // only for a table on screen: a hidden one must not page through the whole library
        }
        view.layout();
        if (view.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.getLastVisibleCell() != null
                && flow.getLastVisibleCell().getIndex() >= view.getItems().size() - 1) {
            model.loadMore();
        }
    }

    private VBox detail(Navigator navigator) {
        var title = new Label();
        title.setId("libraryDetailTitle");
        title.getStyleClass().add("detail-title");
        title.setWrapText(true);
        var meta = new Label();
        meta.setId("libraryDetailMeta");
        meta.getStyleClass().add("result-source");
        meta.setWrapText(true);
        var open = new Button("Open source", new FontIcon(Feather.EXTERNAL_LINK));
        open.setId("libraryOpenSource");
        var delete = new Button("Delete…", new FontIcon(Feather.TRASH_2));
        delete.setId("libraryDelete");
        delete.getStyleClass().addAll("danger", "button-outlined");
        open.disableProperty().bind(model.selectedProperty().isNull());
        delete.disableProperty().bind(model.selectedProperty().isNull());
        open.setOnAction(e -> navigator.openExternal(model.selectedProperty().get().source()));
        delete.setOnAction(e -> confirmDelete(model.selectedProperty().get()));
        var buttons = new HBox(8, open, delete);
        var passages = new PassageArea("libraryPassages");
        VBox.setVgrow(passages, Priority.ALWAYS);
        var hint = new Label("Select a document to read its passages.");
        hint.getStyleClass().add("screen-hint");
        hint.visibleProperty().bind(model.selectedProperty().isNull());
        hint.managedProperty().bind(hint.visibleProperty());

        model.selectedProperty().addListener((obs, was, doc) -> {
            title.setText(doc == null ? "" : doc.title());
            meta.setText(doc == null ? "" : describe(doc));
            if (doc == null) {
                passages.clear();
            }
        });
        Runnable showPassages = () -> passages.show(model.chunks(), model.focusChunkProperty().get(), java.util.Set.of());
        model.chunks().addListener((ListChangeListener<ChunkRecord>) c -> showPassages.run());
        model.focusChunkProperty().addListener((obs, was, now) -> {
            if (!model.chunks().isEmpty()) {
                showPassages.run();
            }
        });
        var box = new VBox(6, hint, title, meta, buttons, passages);
        box.setId("libraryDetail");
        box.setPadding(new Insets(0, 0, 0, 8));
        return box;
    }

    private void confirmDelete(DocumentRecord document) {
        var deleteButton = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        Alert alert = deleteConfirmation(document, deleteButton);
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isPresent() && answer.get() == deleteButton) {
            model.delete(document);
        }
    }

    /** The question before a delete: Enter answers Cancel, so a stray key press deletes nothing. */
    static Alert deleteConfirmation(DocumentRecord document, ButtonType deleteButton) {
        var alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.setTitle("Delete document");
        alert.setHeaderText("Delete “" + document.title() + "”?");
        alert.setContentText((document.chunkCount() == 1 ? "Its passage is" : "Its " + document.chunkCount() + " passages are")
                + " removed from the knowledge base. "
                + "The original file is not touched. This cannot be undone.");
        alert.getButtonTypes().setAll(deleteButton, ButtonType.CANCEL);
        var delete = (Button) alert.getDialogPane().lookupButton(deleteButton);
        var cancel = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
        delete.setId("confirmDelete");
        delete.setDefaultButton(false);
        cancel.setId("cancelDelete");
        cancel.setDefaultButton(true);
        return alert;
    }

    static String describe(DocumentRecord d) {
        var parts = new java.util.ArrayList<String>();
        parts.add(d.type().wireName());
        if (!d.tags().isEmpty()) {
            parts.add(String.join(", ", d.tags()));
        }
        parts.add("dated " + format(d.date(), DATE));
        parts.add(Counts.of(d.chunkCount(), "passage"));
        parts.add("ingested " + format(d.ingestedAt(), DATE_TIME));
        parts.add(d.mediaType());
        if (!d.source().isBlank()) {
            parts.add(d.source());
        }
        return String.join(" · ", parts);
    }

    static String format(Instant instant, DateTimeFormatter format) {
        return instant == null || instant.equals(Instant.EPOCH) ? "" : format.format(instant.atZone(ZoneId.systemDefault()));
    }

    private static TableColumn<DocumentRecord, String> column(String name, double width,
                                                             java.util.function.Function<DocumentRecord, String> value) {
        TableColumn<DocumentRecord, String> column = new TableColumn<>(name);
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        column.setPrefWidth(width);
        // A cut cell shows its whole text on hover.
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isBlank() ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        return column;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> label, String nullLabel) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? nullLabel : label.apply(value);
            }

            @Override
            public T fromString(String string) {
                throw new UnsupportedOperationException();
            }
        };
    }

    public TableView<DocumentRecord> table() {
        return table;
    }
}
