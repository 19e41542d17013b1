package app.alex.desktop.settings;

import app.alex.desktop.config.Settings;
import app.alex.desktop.ui.FileDialogs;
import javafx.beans.binding.Bindings;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Settings screen: backend, language model, schedule, theme; Test connection; Save. */
public final class SettingsView extends BorderPane {
    private final SettingsViewModel model;

    public SettingsView(SettingsViewModel model, FileDialogs dialogs) {
        this.model = model;
        setId("settingsView");
        getStyleClass().add("screen");
        var heading = new Label("Settings");
        heading.getStyleClass().add("screen-title");
        var where = new Label();
        where.setId("settingsWhere");
        where.textProperty().bind(model.whereSavedProperty());
        where.getStyleClass().add("screen-hint");
        var top = new VBox(6, heading, where);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        var content = new VBox(18, backend(dialogs), languageModel(), schedule(dialogs), edgar(), appearance());
        content.setPadding(new Insets(0, 12, 12, 0));
        var scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);

        var save = new Button("Save", new FontIcon(Feather.SAVE));
        save.setId("settingsSave");
        save.getStyleClass().add("accent");
        save.setDefaultButton(false);
        save.setOnAction(e -> model.save());
        var revert = new Button("Revert");
        revert.setId("settingsRevert");
        revert.setOnAction(e -> model.revert());
        var buttons = new HBox(8, save, revert);
        buttons.setPadding(new Insets(8, 0, 0, 0));
        setBottom(buttons);
    }

    private Node backend(FileDialogs dialogs) {
        var group = new ToggleGroup();
        var embedded = new RadioButton("Embedded: everything on this machine, offline");
        embedded.setId("settingsModeEmbedded");
        embedded.setToggleGroup(group);
        var remote = new RadioButton("Remote: your Alex API (AWS API Gateway, or alex serve)");
        remote.setId("settingsModeRemote");
        remote.setToggleGroup(group);
        Runnable fromModel = () -> group.selectToggle(model.modeProperty().get() == Settings.Mode.REMOTE ? remote : embedded);
        fromModel.run();
        model.modeProperty().addListener((obs, was, now) -> fromModel.run());
        group.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.modeProperty().set(now == remote ? Settings.Mode.REMOTE : Settings.Mode.EMBEDDED);
            }
        });
        var isRemote = Bindings.equal(model.modeProperty(), Settings.Mode.REMOTE);

        var dataDir = text("settingsDataDir", model.dataDirProperty(), model.defaultDataDir() + " (default)");
        var browse = new Button("Choose…");
        browse.setId("settingsBrowseDataDir");
        browse.setOnAction(e -> dialogs.chooseFolder(getScene().getWindow(), "Knowledge base folder")
                .ifPresent(model::chooseDataDir));
        var dataRow = new HBox(6, dataDir, browse);
        HBox.setHgrow(dataDir, Priority.ALWAYS);
        dataRow.disableProperty().bind(isRemote);
        var fast = new CheckBox("Faster ingest: int8 model, about twice as fast; vectors within 1% of the exact ones");
        fast.setId("settingsFastEmbedding");
        fast.selectedProperty().bindBidirectional(model.fastEmbeddingProperty());
        fast.disableProperty().bind(isRemote);

        var apiUrl = text("settingsApiUrl", model.apiUrlProperty(), "https://abc123.execute-api.us-east-1.amazonaws.com/prod");
        var apiKey = new PasswordField();
        apiKey.setId("settingsApiKey");
        apiKey.setPromptText("x-api-key");
        apiKey.textProperty().bindBidirectional(model.apiKeyProperty());
        var researcher = text("settingsResearcherUrl", model.researcherUrlProperty(), "optional: https://…  (researcher service)");
        apiUrl.disableProperty().bind(isRemote.not());
        apiKey.disableProperty().bind(isRemote.not());
        researcher.disableProperty().bind(isRemote.not());

        var test = new Button("Test connection", new FontIcon(Feather.ACTIVITY));
        test.setId("settingsTest");
        test.setOnAction(e -> model.testConnection());
        test.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        var verdict = new Label();
        verdict.setId("settingsVerdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(model.verdictProperty());
        model.verdictStateProperty().addListener((obs, was, now) -> {
            verdict.getStyleClass().removeAll("verdict-ok", "verdict-failed", "verdict-testing");
            switch (now) {
                case OK -> verdict.getStyleClass().add("verdict-ok");
                case FAILED -> verdict.getStyleClass().add("verdict-failed");
                case TESTING -> verdict.getStyleClass().add("verdict-testing");
                case NONE -> { }
            }
        });
        var testRow = new HBox(10, test, verdict);
        testRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(verdict, Priority.ALWAYS);

        var grid = grid();
        span(grid, embedded, 0);
        row(grid, 1, "Data folder", dataRow);
        row(grid, 2, "Embeddings", fast);
        span(grid, remote, 3);
        row(grid, 4, "API URL", apiUrl);
        row(grid, 5, "API key", apiKey);
        row(grid, 6, "Researcher URL", researcher);
        span(grid, testRow, 7);
        return section("Backend", grid);
    }

    private Node languageModel() {
        var provider = new ComboBox<Settings.Provider>();
        provider.setId("settingsProvider");
        provider.getItems().setAll(Settings.Provider.values());
        provider.valueProperty().bindBidirectional(model.providerProperty());
        provider.setConverter(new StringConverter<>() {
            @Override
            public String toString(Settings.Provider p) {
                return p == null ? "" : switch (p) {
                    case EXTRACTIVE -> "None: extractive brief from your documents";
                    case OPENAI_COMPATIBLE -> "OpenAI-compatible (Ollama, vLLM, …)";
                    case BEDROCK -> "Amazon Bedrock";
                };
            }

            @Override
            public Settings.Provider fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        var openAi = Bindings.equal(model.providerProperty(), Settings.Provider.OPENAI_COMPATIBLE);
        var bedrock = Bindings.equal(model.providerProperty(), Settings.Provider.BEDROCK);
        var baseUrl = text("settingsLlmBaseUrl", model.llmBaseUrlProperty(), "http://localhost:11434/v1");
        var modelName = text("settingsLlmModel", model.llmModelProperty(), "e.g. llama3.1:8b");
        var key = new PasswordField();
        key.setId("settingsLlmKey");
        key.setPromptText("API key (if the server needs one)");
        key.textProperty().bindBidirectional(model.llmApiKeyProperty());
        var profile = text("settingsBedrockProfile", model.bedrockProfileProperty(), "AWS profile, e.g. default (also signs a Lambda function URL researcher)");
        var region = text("settingsBedrockRegion", model.bedrockRegionProperty(), "e.g. us-east-1");
        var bedrockModel = text("settingsBedrockModel", model.bedrockModelProperty(), "e.g. openai.gpt-oss-120b-1:0");
        for (Node n : new Node[] {baseUrl, modelName, key}) {
            n.disableProperty().bind(openAi.not());
        }
        for (Node n : new Node[] {profile, region, bedrockModel}) {
            n.disableProperty().bind(bedrock.not());
        }
        var grid = grid();
        row(grid, 0, "Provider", provider);
        row(grid, 1, "Base URL", baseUrl);
        row(grid, 2, "Model", modelName);
        row(grid, 3, "API key", key);
        row(grid, 4, "Bedrock profile", profile);
        row(grid, 5, "Bedrock region", region);
        row(grid, 6, "Bedrock model", bedrockModel);
        return section("Language model", grid);
    }

    private Node schedule(FileDialogs dialogs) {
        var enabled = new CheckBox("Research on its own, on a schedule");
        enabled.setId("settingsScheduleEnabled");
        enabled.selectedProperty().bindBidirectional(model.scheduleEnabledProperty());
        var interval = new Spinner<Integer>(1, 168, Settings.Schedule.DEFAULT_INTERVAL_HOURS);
        interval.setId("settingsInterval");
        interval.setEditable(true);
        interval.setPrefWidth(90);
        interval.getValueFactory().valueProperty().bindBidirectional(model.intervalHoursProperty());
        var hours = new HBox(6, interval, new Label("hours"));
        hours.setAlignment(Pos.CENTER_LEFT);
        var watchlist = text("settingsWatchlist", model.watchlistProperty(), "Tickers or themes, comma-separated: NVDA, AMD, AI capex");
        hours.disableProperty().bind(model.scheduleEnabledProperty().not());
        watchlist.disableProperty().bind(model.scheduleEnabledProperty().not());
        var grid = grid();
        span(grid, enabled, 0);
        row(grid, 1, "Every", hours);
        row(grid, 2, "Watchlist", watchlist);
        row(grid, 3, "Watched folders", watchedFolders(dialogs));
        return section("Schedule", grid);
    }

    /** Folders kept ingested: a list with a folder chooser (new and changed files are ingested on their own). */
    private Node watchedFolders(FileDialogs dialogs) {
        var list = new javafx.scene.control.ListView<>(model.watchedFolders());
        list.setId("settingsWatchedFolders");
        list.setPrefHeight(90);
        list.setPlaceholder(new Label("None: add a folder whose new and changed files are ingested on their own."));
        list.setCellFactory(view -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(app.alex.desktop.config.WatchedFolder item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.describe());
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item.describe()));
            }
        });
        var add = new Button("Add folder…", new FontIcon(Feather.FOLDER_PLUS));
        add.setId("settingsAddWatchedFolder");
        add.setOnAction(e -> dialogs.chooseFolder(getScene().getWindow(), "A folder to keep ingested")
                .ifPresent(model::addWatchedFolder));
        var remove = new Button("Remove", new FontIcon(Feather.MINUS_CIRCLE));
        remove.setId("settingsRemoveWatchedFolder");
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> model.watchedFolders().remove(list.getSelectionModel().getSelectedItem()));
        var edit = new Button("Tags and type…", new FontIcon(Feather.TAG));
        edit.setId("settingsEditWatchedFolder");
        edit.setTooltip(new javafx.scene.control.Tooltip("The tags and document type this folder's files are ingested with"));
        edit.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        edit.setOnAction(e -> {
            var folder = list.getSelectionModel().getSelectedItem();
            folderDefaultsDialog(folder).showAndWait().ifPresent(answer ->
                    model.setWatchedFolderDefaults(folder, answer.getKey(), answer.getValue()));
        });
        edit.setMinWidth(Region.USE_PREF_SIZE);
        edit.setMaxWidth(Double.MAX_VALUE);
        add.setMinWidth(Region.USE_PREF_SIZE);
        remove.setMinWidth(Region.USE_PREF_SIZE);
        add.setMaxWidth(Double.MAX_VALUE);
        remove.setMaxWidth(Double.MAX_VALUE);
        var buttons = new VBox(6, add, edit, remove);
        var box = new HBox(6, list, buttons);
        HBox.setHgrow(list, Priority.ALWAYS);
        return box;
    }

    /** Asks for a watched folder's tags (one line) and type; the answer is (tags, type). */
    static javafx.scene.control.Dialog<java.util.Map.Entry<String, app.alex.core.document.DocumentType>> folderDefaultsDialog(
            app.alex.desktop.config.WatchedFolder folder) {
        var dialog = new javafx.scene.control.Dialog<java.util.Map.Entry<String, app.alex.core.document.DocumentType>>();
        dialog.setTitle("Watched folder");
        dialog.setHeaderText("Files from " + folder.path() + " are ingested with:");
        var tags = new javafx.scene.control.TextField(String.join(", ", folder.tags()));
        tags.setId("watchedFolderTags");
        tags.setPromptText("e.g. NVDA, filings");
        var type = new ComboBox<app.alex.core.document.DocumentType>();
        type.setId("watchedFolderType");
        type.getItems().addAll(java.util.Arrays.stream(app.alex.core.document.DocumentType.values())
                .filter(t -> t != app.alex.core.document.DocumentType.RESEARCH).toList());
        type.setValue(folder.type());
        var grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Tags"), tags);
        grid.addRow(1, new Label("Type"), type);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == javafx.scene.control.ButtonType.OK
                ? java.util.Map.entry(tags.getText(), type.getValue()) : null);
        return dialog;
    }

    private Node edgar() {
        var agent = text("settingsEdgarUserAgent", model.edgarUserAgentProperty(), "Your name and e-mail, e.g. Jane Doe jane@example.com");
        var hint = new Label("SEC EDGAR asks every program to say who is asking: your name (or your firm's) and an "
                + "e-mail address. It refuses requests without them, so company filings and financials need this.");
        hint.setId("settingsEdgarHint");
        hint.getStyleClass().add("screen-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        var grid = grid();
        row(grid, 0, "User-Agent", agent);
        grid.add(hint, 1, 1);
        return section("SEC EDGAR", grid);
    }

    private Node appearance() {
        var theme = new ComboBox<Settings.Theme>();
        theme.setId("settingsTheme");
        theme.getItems().setAll(Settings.Theme.values());
        theme.valueProperty().bindBidirectional(model.themeProperty());
        theme.setConverter(new StringConverter<>() {
            @Override
            public String toString(Settings.Theme t) {
                return t == null ? "" : t == Settings.Theme.DARK ? "Dark" : "Light";
            }

            @Override
            public Settings.Theme fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        var grid = grid();
        row(grid, 0, "Theme", theme);
        return section("Appearance", grid);
    }

    private static TextField text(String id, javafx.beans.property.StringProperty property, String prompt) {
        var field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static GridPane grid() {
        var grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        var labels = new ColumnConstraints();
        labels.setMinWidth(120);
        labels.setHalignment(HPos.RIGHT);
        var fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().setAll(labels, fields);
        return grid;
    }

    private static void row(GridPane grid, int row, String label, Node field) {
        var name = new Label(label);
        name.getStyleClass().add("form-label");
        grid.add(name, 0, row);
        grid.add(field, 1, row);
    }

    /** A row across both columns, left-aligned (the label column is right-aligned). */
    private static void span(GridPane grid, Node node, int row) {
        grid.add(node, 0, row, 2, 1);
        GridPane.setHalignment(node, HPos.LEFT);
    }

    private static Node section(String title, Node body) {
        var heading = new Label(title);
        heading.getStyleClass().add("section-heading");
        var box = new VBox(8, heading, body);
        box.getStyleClass().add("settings-section");
        return box;
    }
}
