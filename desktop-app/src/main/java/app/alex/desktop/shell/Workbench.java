package app.alex.desktop.shell;

import app.alex.desktop.config.DesktopEnvironment;
import app.alex.desktop.ui.StartupTrace;
import app.alex.desktop.ui.Tasks;
import app.alex.desktop.ui.SystemOpener;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.config.Settings;
import app.alex.desktop.config.SettingsStore;
import app.alex.desktop.feed.FeedView;
import app.alex.desktop.feed.FeedViewModel;
import app.alex.desktop.backend.EdgarAccess;
import app.alex.desktop.financials.FinancialsView;
import app.alex.desktop.financials.FinancialsViewModel;
import app.alex.desktop.ingest.FilingsViewModel;
import app.alex.desktop.ingest.IngestView;
import app.alex.desktop.ingest.IngestViewModel;
import app.alex.desktop.library.LibraryView;
import app.alex.desktop.library.LibraryViewModel;
import app.alex.desktop.research.ResearchView;
import app.alex.desktop.research.ResearchViewModel;
import app.alex.desktop.search.SearchView;
import app.alex.desktop.search.SearchViewModel;
import app.alex.desktop.settings.SettingsView;
import app.alex.desktop.settings.SettingsViewModel;
import app.alex.desktop.ui.FileDialogs;
import app.alex.desktop.ui.Navigator;
import app.alex.desktop.ui.Notifier;
import javafx.application.Platform;
import app.alex.desktop.backend.ScheduledResearcher;
import app.alex.desktop.ui.Screen;
import app.alex.desktop.ui.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The composition root and the window's frame: builds each screen's view-model and view by hand
 * (no framework), the navigation on the left (Ctrl+1..7), the status bar, window-wide drag and
 * drop into Ingest, and the {@link Navigator} the screens use to send the analyst elsewhere.
 */
public final class Workbench implements Navigator {

    /**
     * What the workbench needs from outside.
     *
     * @param openExternal opens a URI with the system's program and says how it went ({@link SystemOpener}
     *                     in the app); called off the FX thread
     * @param edgar        opens SEC EDGAR for a configuration ({@link app.alex.edgar.Edgar#open} in the app;
     *                     tests point it at a loopback server)
     * @param environment  the environment variables read when the app started ({@link DesktopEnvironment#system()})
     */
    public record Services(BackendConnection connection, TaskExecutor executor, SettingsStore settingsStore,
                           FileDialogs dialogs, Function<String, SystemOpener.Outcome> openExternal,
                           Function<app.alex.edgar.EdgarConfig, app.alex.edgar.Edgar> edgar,
                           DesktopEnvironment environment) {
        public Services(BackendConnection connection, TaskExecutor executor, SettingsStore settingsStore,
                        FileDialogs dialogs, Function<String, SystemOpener.Outcome> openExternal,
                        DesktopEnvironment environment) {
            this(connection, executor, settingsStore, dialogs, openExternal, app.alex.edgar.Edgar::open, environment);
        }
    }

    private final Services services;
    private final BorderPane root = new BorderPane();
    private final Toasts toasts = new Toasts();
    /** The window's content: the frame, with pop-up messages drawn over its lower-left corner. */
    private final StackPane layers = new StackPane(root, toasts);
    private final StackPane content = new StackPane();
    private final ToggleGroup navigation = new ToggleGroup();
    private final Map<Screen, Node> views = new EnumMap<>(Screen.class);
    private final Map<Screen, Supplier<Region>> factories = new EnumMap<>(Screen.class);
    private final Map<Screen, ToggleButton> buttons = new EnumMap<>(Screen.class);
    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(this, "screen");
    private final StatusBarModel status;
    private final Notifier notifier;

    private final FeedViewModel feed;
    private final ResearchViewModel research;
    private final IngestViewModel ingest;
    private final SearchViewModel search;
    private final LibraryViewModel library;
    private final SettingsViewModel settings;
    private final FilingsViewModel filings;
    private final FinancialsViewModel financials;

    private void showRetries(app.alex.desktop.backend.BackendSession session) {
        if (session != null && session.knowledgeBase() instanceof app.alex.client.RemoteKnowledgeBase remote) {
            remote.onRetry(retry -> notifier.info(retry.describe()));
        }
    }

    public Workbench(Services services) {
        this.services = services;
        BackendConnection connection = services.connection();
        TaskExecutor executor = services.executor();
        status = new StatusBarModel(connection);
        notifier = new ShellNotifier(status, toasts);
        // A remote API whose cloud embedding model is starting asks to be tried again: say so while waiting.
        connection.sessionProperty().addListener((property, old, session) -> showRetries(session));
        showRetries(connection.sessionProperty().get());

        feed = new FeedViewModel(connection, executor);
        research = new ResearchViewModel(connection, executor, notifier);
        ingest = new IngestViewModel(connection, executor, notifier);
        search = new SearchViewModel(connection, executor);
        library = new LibraryViewModel(connection, executor, notifier, LibraryViewModel.DEFAULT_PAGE_SIZE);
        var edgar = new EdgarAccess(services.edgar(), services.environment()::edgar,
                () -> connection.settings().edgar().userAgent());
        filings = new FilingsViewModel(connection, edgar, executor, notifier);
        financials = new FinancialsViewModel(edgar, executor);
        settings = new SettingsViewModel(services.settingsStore(), connection, executor, notifier,
                theme -> Themes.apply(theme, root.getScene()), services.environment());

        // Each screen's view is built the first time it is shown (or asked for): the window's first
        // frame waits only for the frame and the first screen, not for all seven.
        factories.put(Screen.FEED, () -> new FeedView(feed, this, services.dialogs(), executor, notifier));
        factories.put(Screen.RESEARCH, () -> new ResearchView(research, this, services.dialogs(), executor, notifier));
        factories.put(Screen.INGEST, () -> new IngestView(ingest, services.dialogs(), filings, this));
        factories.put(Screen.SEARCH, () -> new SearchView(search, this));
        factories.put(Screen.LIBRARY, () -> new LibraryView(library, this));
        factories.put(Screen.FINANCIALS, () -> new FinancialsView(financials, this));
        factories.put(Screen.SETTINGS, () -> new SettingsView(settings, services.dialogs()));

        root.setId("workbench");
        root.getStyleClass().add("workbench");
        root.setLeft(navigation());
        content.setId("content");
        root.setCenter(content);
        Node bar = statusBar();
        root.setBottom(bar);
        StackPane.setAlignment(toasts, Pos.BOTTOM_LEFT);
        // Above the status bar, never over it.
        toasts.translateYProperty().bind(((Region) bar).heightProperty().negate());
        layers.getStylesheets().add(Themes.stylesheet());
        // A backend that cannot be opened or reached (folder in use, server down, key refused) is said out loud once.
        connection.healthProperty().addListener((obs, was, now) -> {
            if (now == BackendConnection.Health.FAILED && was != BackendConnection.Health.FAILED) {
                notifier.error(connection.healthMessageProperty().get());
            }
        });
        // Scheduled research arrives on its own: say so, and put it in the feed. Watched folders
        // follow the session: they are ingested into whichever backend is connected.
        connection.sessionProperty().addListener((obs, was, now) -> {
            ingest.watch(now == null ? java.util.List.of() : connection.settings().watchedFolders());
            if (now != null && now.researcher() instanceof ScheduledResearcher scheduled) {
                scheduled.onScheduledReport(report -> Platform.runLater(() -> {
                    notifier.announce("New research", "Scheduled research is ready: " + report.title());
                    feed.refresh();
                }));
            }
        });
        show(Screen.FEED);
    }

    /** Fills Settings, applies the theme and connects: call once the window is showing. */
    public void start(Settings initial) {
        settings.load(initial);
        Themes.apply(initial.theme(), root.getScene());
        services.connection().connect(initial);
    }

    /** Keyboard shortcuts and drag-and-drop for the whole window. */
    public void install(Scene scene) {
        for (Screen s : Screen.values()) {
            KeyCode digit = KeyCode.valueOf("DIGIT" + s.shortcut());
            scene.getAccelerators().put(new KeyCodeCombination(digit, KeyCombination.SHORTCUT_DOWN), () -> show(s));
        }
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            var files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : java.util.List.<File>of();
            if (!files.isEmpty()) {
                show(Screen.INGEST); // builds the view before its view-model changes
                ingest.addPaths(files.stream().map(File::toPath).toList());
            }
            e.setDropCompleted(!files.isEmpty());
            e.consume();
        });
    }

    public Parent root() {
        return layers;
    }

    @Override
    public void show(Screen target) {
        Node view = view(target);
        content.getChildren().setAll(view);
        buttons.get(target).setSelected(true);
        screen.set(target);
        switch (view) {
            case SearchView searchScreen -> searchScreen.focusQuery();
            case ResearchView researchScreen -> researchScreen.focusTopic();
            default -> { }
        }
    }

    @Override
    public void openPassage(String documentId, int chunkIndex) {
        view(Screen.LIBRARY); // built before its view-model moves: the view follows changes from then on
        library.openPassage(documentId, chunkIndex);
        show(Screen.LIBRARY);
    }

    @Override
    public void openExternal(String uriOrPath) {
        String target = toUri(uriOrPath);
        if (target == null) {
            notifier.error("This has no source that can be opened.");
            return;
        }
        services.executor().execute(Tasks.of(() -> services.openExternal().apply(target), outcome -> {
            switch (outcome) {
                case SystemOpener.Outcome.Opened opened -> { }
                case SystemOpener.Outcome.OpenedFolder folder -> notifier.info(folder.message());
                case SystemOpener.Outcome.Failed failed -> notifier.error(failed.message());
            }
        }, notifier::error));
    }

    @Override
    public void showPage(String source, String title, int page, String passage) {
        Path pdf = app.alex.desktop.pdf.PdfPages.localFile(source);
        if (pdf == null || page < 1) {
            openExternal(source);
            return;
        }
        closePage();
        var view = new app.alex.desktop.pdf.PdfPageView(pdf, title, page, passage, services.executor(), this::closePage,
                this::openExternal);
        showOverlay(view);
    }

    @Override
    public void showOverlay(Node overlay) {
        layers.getChildren().add(layers.getChildren().indexOf(toasts), overlay);
        overlay.requestFocus();
    }

    /** Closes the page drawn over the screens, if one is. */
    public void closePage() {
        layers.getChildren().removeIf(node -> node instanceof app.alex.desktop.pdf.PdfPageView);
    }

    /** A URL as it is; a local path as a file: URI; null when there is nothing to open. */
    static String toUri(String uriOrPath) {
        if (uriOrPath == null || uriOrPath.isBlank()) {
            return null;
        }
        String value = uriOrPath.strip();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:")) {
            return URI.create(value.replace(" ", "%20")).toString();
        }
        try {
            Path path = Path.of(value);
            return path.isAbsolute() ? path.toUri().toString() : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private Node navigation() {
        var box = new VBox(4);
        box.setId("navigation");
        box.getStyleClass().add("navigation");
        var brand = new Label("Alex");
        brand.getStyleClass().add("brand");
        box.getChildren().addAll(brand, new Separator());
        String modifier = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac") ? "⌘" : "Ctrl+";
        for (Screen s : Screen.values()) {
            var button = new ToggleButton(s.title(), new FontIcon(s.icon()));
            button.setId("nav-" + s.id());
            button.setToggleGroup(navigation);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.getStyleClass().add("nav-button");
            button.setTooltip(new Tooltip(s.title() + " (" + modifier + s.shortcut() + ")"));
            button.setOnAction(e -> show(s));
            buttons.put(s, button);
            box.getChildren().add(button);
        }
        buttons.get(Screen.FEED).textProperty().bind(Bindings.createStringBinding(() -> feed.unreadProperty().get() > 0
                ? Screen.FEED.title() + " (" + feed.unreadProperty().get() + ")" : Screen.FEED.title(), feed.unreadProperty()));
        // Keep one screen selected: clicking the current button must not leave the group empty.
        navigation.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null && was != null) {
                was.setSelected(true);
            }
        });
        return box;
    }

    private Node statusBar() {
        var backend = statusLabel("statusBackend", status.backend());
        var health = statusLabel("statusHealth", status.health());
        services.connection().healthProperty().addListener((obs, was, now) -> {
            health.getStyleClass().removeAll("health-ok", "health-failed");
            if (now == BackendConnection.Health.OK) {
                health.getStyleClass().add("health-ok");
            } else if (now == BackendConnection.Health.FAILED) {
                health.getStyleClass().add("health-failed");
            }
        });
        var counts = statusLabel("statusCounts", status.counts());
        var schedule = statusLabel("statusSchedule", status.schedule());
        var message = statusLabel("statusMessage", status.messageProperty());
        message.getStyleClass().add("status-message");
        // Long paths and messages are cut with an ellipsis rather than widening the window.
        for (Label shrinkable : new Label[] {backend, message, schedule}) {
            shrinkable.setMinWidth(40);
            shrinkable.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
        }
        message.setTooltip(new Tooltip());
        message.getTooltip().textProperty().bind(status.messageProperty());
        backend.setTooltip(new Tooltip());
        backend.getTooltip().textProperty().bind(status.backend());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(message, Priority.SOMETIMES);
        var bar = new HBox(14, backend, health, counts, spacer, message, schedule);
        bar.setId("statusBar");
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Label statusLabel(String id, javafx.beans.value.ObservableValue<String> text) {
        var label = new Label();
        label.setId(id);
        label.textProperty().bind(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** What to remember of this session: the window's bounds, the screen shown, the Library's order. */
    public app.alex.desktop.config.WindowState windowState(javafx.stage.Stage stage) {
        boolean maximized = stage.isMaximized();
        return new app.alex.desktop.config.WindowState(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                maximized, screen.get().name(), library.sortProperty().get().name());
    }

    /** Shows the remembered screen and Library order (the window's bounds are the caller's: it owns the stage). */
    public void restore(app.alex.desktop.config.WindowState state) {
        if (state.librarySort() != null) {
            for (var sort : app.alex.core.index.DocumentQuery.Sort.values()) {
                if (sort.name().equals(state.librarySort())) {
                    library.sortProperty().set(sort);
                }
            }
        }
        if (state.screen() != null) {
            for (Screen s : Screen.values()) {
                if (s.name().equals(state.screen())) {
                    show(s);
                }
            }
        }
    }

    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    /** The screen's view, built now if it has not been shown yet. */
    public Node view(Screen target) {
        return views.computeIfAbsent(target, s -> {
            StartupTrace.mark("building " + s + " view");
            Region view = factories.get(s).get();
            view.setPadding(new Insets(16, 18, 12, 18));
            return view;
        });
    }

    public Notifier notifier() {
        return notifier;
    }

    public FeedViewModel feed() {
        return feed;
    }

    public ResearchViewModel research() {
        return research;
    }

    public IngestViewModel ingest() {
        return ingest;
    }

    public SearchViewModel search() {
        return search;
    }

    public LibraryViewModel library() {
        return library;
    }

    public FilingsViewModel filings() {
        return filings;
    }

    public FinancialsViewModel financials() {
        return financials;
    }

    public SettingsViewModel settings() {
        return settings;
    }
}
