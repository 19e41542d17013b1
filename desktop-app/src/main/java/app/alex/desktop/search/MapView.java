package app.alex.desktop.search;

import app.alex.core.search.SearchHit;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

import java.util.List;
import java.util.function.Consumer;

/**
 * The map of a search: the query (a star) and each result (a dot sized by its score, coloured
 * by document) where its meaning puts it; nearby dots say similar things. Click a dot to select
 * that result.
 */
final class MapView extends Pane {
    private final ObservableList<MapPoint> points;
    private final Consumer<SearchHit> onSelect;

    /** A result on the map; the query is the one with a null hit. */
    record MapPoint(SearchHit hit, double x, double y, double relativeScore) {
    }

    MapView(ObservableList<MapPoint> points, Consumer<SearchHit> onSelect) {
        this.points = points;
        this.onSelect = onSelect;
        setId("searchMap");
        getStyleClass().add("search-map");
        setMinSize(200, 200);
        points.addListener((ListChangeListener<MapPoint>) c -> redraw());
        ObservableValue<Number> w = widthProperty();
        w.addListener((obs, a, b) -> redraw());
        heightProperty().addListener((obs, a, b) -> redraw());
    }

    private void redraw() {
        getChildren().clear();
        double pad = 36;
        double w = Math.max(getWidth() - 2 * pad, 10);
        double h = Math.max(getHeight() - 2 * pad, 10);
        MapPoint query = points.stream().filter(p -> p.hit() == null).findFirst().orElse(null);
        List<String> documents = points.stream().filter(p -> p.hit() != null).map(p -> p.hit().documentId()).distinct().toList();
        for (MapPoint p : points) {
            if (p.hit() == null) {
                continue;
            }
            double px = pad + p.x() * w;
            double py = pad + p.y() * h;
            if (query != null) {
                var line = new Line(pad + query.x() * w, pad + query.y() * h, px, py);
                line.getStyleClass().add("map-link");
                line.setOpacity(0.15 + 0.5 * p.relativeScore());
                getChildren().add(line);
            }
            var dot = new Circle(px, py, 5 + 7 * p.relativeScore());
            dot.getStyleClass().addAll("map-dot", "map-dot-" + (documents.indexOf(p.hit().documentId()) % 8));
            Tooltip.install(dot, new Tooltip(p.hit().title() + "\n" + SearchViewModel.score(p.hit())));
            dot.setOnMouseClicked(e -> onSelect.accept(p.hit()));
            var label = new Label(shorten(p.hit().title()));
            label.getStyleClass().add("map-label");
            label.relocate(px + 9, py - 8);
            if (p.x() > 0.6) {
                // Near the right edge the label goes on the left of its dot, so it is not cut off.
                label.setTranslateX(-label.prefWidth(-1) - 24);
            }
            getChildren().addAll(dot, label);
        }
        if (query != null) {
            double qx = pad + query.x() * w;
            double qy = pad + query.y() * h;
            var star = new Polygon();
            for (int i = 0; i < 10; i++) {
                double r = i % 2 == 0 ? 11 : 5;
                double a = Math.PI / 5 * i - Math.PI / 2;
                star.getPoints().addAll(qx + r * Math.cos(a), qy + r * Math.sin(a));
            }
            star.setId("mapQuery");
            star.getStyleClass().add("map-query");
            getChildren().add(star);
        }
    }

    private static String shorten(String title) {
        return title.length() > 28 ? title.substring(0, 27) + "…" : title;
    }
}
