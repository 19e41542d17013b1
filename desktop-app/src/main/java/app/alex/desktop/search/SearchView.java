package app.alex.desktop.search;

import app.alex.core.document.DocumentType;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.desktop.ui.Highlights;
import app.alex.desktop.ui.Navigator;
import app.alex.desktop.ui.PassageArea;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Search screen: query and filters on top, result cards on the left, the passage in context on the right. */
public final class SearchView extends BorderPane {
    private final SearchViewModel model;
    private final TextField field = new TextField();

    public SearchView(SearchViewModel model, Navigator navigator) {
        this.model = model;
        setId("searchView");
        getStyleClass().add("screen");

        var heading = new Label("Search");
        heading.getStyleClass().add("screen-title");

        field.setId("searchField");
        field.setPromptText("Plain words or keywords, e.g. how are reinvested dividends taxed");
        field.textProperty().bindBidirectional(model.queryProperty());
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.searchNow();
            }
        });
        HBox.setHgrow(field, Priority.ALWAYS);
        var mode = new ComboBox<SearchMode>();
        mode.setId("searchMode");
        mode.getItems().setAll(SearchMode.values());
        mode.valueProperty().bindBidirectional(model.modeProperty());
        mode.setConverter(converter(m -> switch (m) {
            case HYBRID -> "Hybrid";
            case SEMANTIC -> "Semantic";
            case KEYWORD -> "Keyword";
        }, "Hybrid"));
        var searching = new ProgressBar();
        searching.setId("searchBusy");
        searching.setPrefWidth(60);
        searching.visibleProperty().bind(model.searchingProperty());
        var mapToggle = new javafx.scene.control.ToggleButton("Map", new FontIcon(Feather.MAP));
        mapToggle.setId("searchMapToggle");
        mapToggle.setTooltip(new javafx.scene.control.Tooltip("Show the query and the results on a map of meaning"));
        mapToggle.selectedProperty().bindBidirectional(model.showMapProperty());
        var queryRow = new HBox(8, field, mode, mapToggle, searching);
        queryRow.setAlignment(Pos.CENTER_LEFT);

        var type = new ComboBox<DocumentType>();
        type.setId("searchType");
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
        tags.setId("searchTags");
        tags.setPromptText("Tags/tickers");
        tags.setPrefColumnCount(7);
        tags.setMinWidth(60);
        tags.textProperty().bindBidirectional(model.tagsProperty());
        var source = new TextField();
        source.setId("searchSource");
        source.setPromptText("Source starts with");
        source.setPrefColumnCount(10);
        source.setMinWidth(60);
        source.textProperty().bindBidirectional(model.sourceProperty());
        var since = new DatePicker();
        since.setId("searchSince");
        since.setPromptText("From date");
        since.setPrefWidth(135);
        since.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        since.valueProperty().bindBidirectional(model.sinceProperty());
        var until = new DatePicker();
        until.setId("searchUntil");
        until.setPromptText("To date");
        until.setPrefWidth(135);
        until.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        until.valueProperty().bindBidirectional(model.untilProperty());
        var clear = new Button("Clear filters");
        clear.setId("searchClearFilters");
        clear.setOnAction(e -> model.clearFilters());
        clear.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        var filterRow = new HBox(8, type, tags, source, since, until, clear);
        filterRow.setAlignment(Pos.CENTER_LEFT);

        var status = new Label();
        status.setId("searchStatus");
        status.getStyleClass().add("screen-hint");
        status.textProperty().bind(model.statusProperty());
        // With no results the list's placeholder says why ("No results...", "Type to search..."): one message, not two.
        status.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.results()));

        var top = new VBox(8, heading, queryRow, filterRow, status);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        var results = new ListView<>(model.results());
        results.setId("searchResults");
        var placeholder = new Label();
        placeholder.setId("searchPlaceholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.statusProperty());
        results.setPlaceholder(placeholder);
        results.setCellFactory(list -> new ResultCell());
        results.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((obs, was, now) -> {
            if (now == null) {
                results.getSelectionModel().clearSelection();
            }
        });

        var detailTitle = new Label();
        detailTitle.setId("searchDetailTitle");
        detailTitle.getStyleClass().add("detail-title");
        detailTitle.setWrapText(true);
        detailTitle.textProperty().bind(model.detailTitleProperty());
        var detailSource = new Label();
        detailSource.setId("searchDetailSource");
        detailSource.getStyleClass().add("result-source");
        detailSource.setWrapText(true);
        var passages = new PassageArea("searchDetailText");
        VBox.setVgrow(passages, Priority.ALWAYS);
        var openInLibrary = new Button("Show in Library", new FontIcon(Feather.BOOK_OPEN));
        openInLibrary.setId("searchOpenInLibrary");
        var openSource = new Button("Open source", new FontIcon(Feather.EXTERNAL_LINK));
        openSource.setId("searchOpenSource");
        openInLibrary.disableProperty().bind(model.selectedProperty().isNull());
        openSource.disableProperty().bind(model.selectedProperty().isNull());
        openInLibrary.setOnAction(e -> {
            SearchHit hit = model.selectedProperty().get();
            navigator.openPassage(hit.documentId(), hit.chunkIndex());
        });
        openSource.setOnAction(e -> navigator.openExternal(model.selectedProperty().get().source()));
        // A hit of a PDF on this machine opens its page, drawn here with the passage marked.
        var showPage = new Button("Show page", new FontIcon(Feather.FILE_TEXT));
        showPage.setId("searchShowPage");
        showPage.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            SearchHit hit = model.selectedProperty().get();
            return hit == null || hit.page() < 1 || app.alex.desktop.pdf.PdfPages.localFile(hit.source()) == null;
        }, model.selectedProperty()));
        showPage.setOnAction(e -> {
            SearchHit hit = model.selectedProperty().get();
            navigator.showPage(hit.source(), hit.title(), hit.page(), hit.text());
        });
        // A narrow detail pane wraps its buttons to a second line rather than cutting their labels.
        var detailButtons = new javafx.scene.layout.FlowPane(8, 6, openInLibrary, showPage, openSource);
        for (Button b : new Button[] {openInLibrary, showPage, openSource}) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        var detailHint = new Label("Select a result to read it in context.");
        detailHint.getStyleClass().add("screen-hint");
        detailHint.visibleProperty().bind(model.selectedProperty().isNull());
        detailHint.managedProperty().bind(detailHint.visibleProperty());
        var detail = new VBox(6, detailHint, detailTitle, detailSource, detailButtons, passages);
        detail.setId("searchDetail");
        detail.setPadding(new Insets(0, 0, 0, 8));
        model.selectedProperty().addListener((obs, was, now) ->
                detailSource.setText(now == null ? "" : SearchViewModel.sourceLine(now)));
        model.context().addListener((ListChangeListener<app.alex.core.document.ChunkRecord>) change -> {
            SearchHit hit = model.selectedProperty().get();
            passages.show(model.context(), hit == null ? -1 : hit.chunkIndex(), model.terms());
        });

        var map = new MapView(model.mapPoints(), model.selectedProperty(), hit -> {
            results.getSelectionModel().select(hit);
            model.selectedProperty().set(hit);
        });
        map.visibleProperty().bind(model.showMapProperty());
        results.visibleProperty().bind(model.showMapProperty().not());
        var left = new javafx.scene.layout.StackPane(results, map);
        var split = new SplitPane(left, detail);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.55);
        setCenter(split);
    }

    /** Puts the cursor in the query field (when the screen is shown). */
    public void focusQuery() {
        field.requestFocus();
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

    /** A result card: title, score bar, source and page, passage with the query words highlighted. */
    private final class ResultCell extends ListCell<SearchHit> {
        @Override
        protected void updateItem(SearchHit hit, boolean empty) {
            super.updateItem(hit, empty);
            setText(null);
            if (empty || hit == null) {
                setGraphic(null);
                return;
            }
            // A long title is cut with an ellipsis (full text in the tooltip) so the score stays in view.
            var title = new Label(hit.title());
            title.getStyleClass().add("result-title");
            title.setMinWidth(0);
            title.setMaxWidth(Double.MAX_VALUE);
            title.setTooltip(new javafx.scene.control.Tooltip(hit.title()));
            HBox.setHgrow(title, Priority.ALWAYS);
            var bar = new ProgressBar(model.relativeScore(hit));
            bar.getStyleClass().add("score-bar");
            bar.setPrefWidth(70);
            bar.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            var score = new Label(SearchViewModel.score(hit));
            score.getStyleClass().add("result-score");
            score.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            var titleRow = new HBox(8, title, bar, score);
            titleRow.setAlignment(Pos.CENTER_LEFT);
            var source = new Label(SearchViewModel.sourceLine(hit));
            source.getStyleClass().add("result-source");
            source.setMinWidth(0);
            var passage = new TextFlow();
            passage.getStyleClass().add("result-passage");
            var terms = model.terms();
            for (Highlights.Segment segment : Highlights.split(Highlights.excerpt(hit.text(), terms, 360), terms)) {
                var text = new Text(segment.text());
                text.getStyleClass().add(segment.hit() ? "term-hit" : "passage-text");
                passage.getChildren().add(text);
            }
            var card = new VBox(3, titleRow, source, passage);
            card.getStyleClass().add("result-card");
            card.setMinWidth(0);
            // The card is as wide as the list, never wider: no horizontal scrollbar.
            card.prefWidthProperty().bind(getListView().widthProperty().subtract(40));
            card.maxWidthProperty().bind(card.prefWidthProperty());
            passage.maxWidthProperty().bind(getListView().widthProperty().subtract(40));
            setGraphic(card);
        }
    }
}
