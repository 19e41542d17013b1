package app.alex.desktop.search;

import app.alex.core.document.DocumentType;
import app.alex.core.search.SearchHit;
import app.alex.desktop.config.Settings;
import app.alex.desktop.testing.InMemoryKnowledgeBase;
import app.alex.desktop.testing.MemorySessions;
import app.alex.desktop.testing.Screenshots;
import app.alex.desktop.ui.VirtualThreadTaskExecutor;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.time.Instant;
import java.util.List;

import static app.alex.desktop.testing.TestWorkbench.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** How the Search screen presents results: long titles, one empty-list message. */
@ExtendWith(ApplicationExtension.class)
class SearchPresentationTest {
    static final String LONG_TITLE = "Research: a very long report title about data-center accelerator supply, "
            + "hyperscaler capital expenditure, memory bandwidth and the margin outlook for the next four quarters";

    VirtualThreadTaskExecutor executor;
    InMemoryKnowledgeBase kb;
    SearchViewModel model;

    @Start
    void start(Stage stage) {
        executor = new VirtualThreadTaskExecutor();
        kb = new InMemoryKnowledgeBase();
        var connection = MemorySessions.connection(kb, executor);
        model = new SearchViewModel(connection, executor, () -> {
            throw new IllegalStateException("the map is not used here");
        });
        stage.setScene(new Scene(new SearchView(model, MemorySessions.NOWHERE), 900, 600));
        stage.setX(0);
        stage.setY(0);
        stage.show();
        connection.connect(Settings.defaults());
    }

    @Stop
    void stop() {
        executor.close();
    }

    @Test
    void aLongResultTitleIsCutSoNoHorizontalScrollbarAppearsAndEveryScoreBarStaysInView(FxRobot robot) {
        kb.withSearchHits(List.of(hit(0.033, LONG_TITLE), hit(0.020, "Short note")));
        robot.interact(() -> model.queryProperty().set("accelerator supply"));
        robot.interact(model::searchNow);
        ListView<SearchHit> list = robot.lookup("#searchResults").queryListView();
        waitUntil(10, () -> list.getItems().size() == 2);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);
        Screenshots.save(list.getScene().getRoot(), "search-long-title");

        Bounds listBounds = list.localToScene(list.getBoundsInLocal());
        var bars = robot.lookup(".score-bar").queryAll();
        assertThat(bars).hasSize(2);
        for (Node bar : bars) {
            Bounds b = bar.localToScene(bar.getBoundsInLocal());
            assertThat(b.getMaxX()).as("score bar right edge inside the list").isLessThanOrEqualTo(listBounds.getMaxX());
            assertThat(b.getWidth()).as("score bar keeps its width").isGreaterThan(60);
        }
        assertThat(robot.lookup("#searchResults .scroll-bar").queryAllAs(ScrollBar.class))
                .filteredOn(s -> s.getOrientation() == Orientation.HORIZONTAL)
                .allSatisfy(s -> assertThat(s.isVisible()).as("horizontal scrollbar").isFalse());
    }

    @Test
    void anEmptyResultListSaysOneThingNotBothNoResultsAndResultsAppearAsYouType(FxRobot robot) {
        kb.withSearchHits(List.of());
        robot.interact(() -> model.queryProperty().set("nothing matches this"));
        robot.interact(model::searchNow);
        waitUntil(10, () -> model.statusProperty().get().startsWith("No results"));

        List<String> shown = robot.lookup(".label").queryAllAs(Label.class).stream()
                .filter(Node::isVisible).filter(l -> l.getScene() != null && visibleUpToRoot(l))
                .map(Label::getText).filter(t -> t != null && !t.isBlank()).toList();
        assertThat(shown).filteredOn(t -> t.startsWith("No results")).hasSize(1);
        assertThat(shown).noneMatch(t -> t.contains("appear here as you type"));
    }

    private static boolean visibleUpToRoot(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static SearchHit hit(double score, String title) {
        return new SearchHit(score, 60, "doc-" + title.length(), title, "/research/" + title.length() + ".md",
                DocumentType.RESEARCH, List.of(), Instant.parse("2026-11-01T00:00:00Z"),
                "Accelerator supply stayed tight through the quarter as hyperscalers raised capital expenditure.",
                0, 0, 0, 90);
    }
}
