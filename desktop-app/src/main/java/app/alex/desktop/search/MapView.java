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

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The map of a search: the query (a star) and each result (a dot sized by its score, coloured
 * by document) where its meaning puts it; nearby dots say similar things. Click a dot to select
 * that result; the selected one is ringed. Labels are placed where they cover no dot and no
 * other label.
 */
final class MapView extends Pane {
    private final ObservableList<MapPoint> points;
    private final ObservableValue<SearchHit> selected;
    private final Consumer<SearchHit> onSelect;

    /** A result on the map; the query is the one with a null hit. */
    record MapPoint(SearchHit hit, double x, double y, double relativeScore) {
    }

    MapView(ObservableList<MapPoint> points, ObservableValue<SearchHit> selected, Consumer<SearchHit> onSelect) {
        this.points = points;
        this.selected = selected;
        this.onSelect = onSelect;
        setId("searchMap");
        getStyleClass().add("search-map");
        setMinSize(200, 200);
        points.addListener((ListChangeListener<MapPoint>) c -> redraw());
        selected.addListener((obs, was, now) -> redraw());
        widthProperty().addListener((obs, a, b) -> redraw());
        heightProperty().addListener((obs, a, b) -> redraw());
    }

    /** A box on the map, in pixels. */
    record Box(double x, double y, double width, double height) {
        boolean overlaps(Box o) {
            return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
        }

        boolean inside(double maxX, double maxY) {
            return x >= 0 && y >= 0 && x + width <= maxX && y + height <= maxY;
        }
    }

    /** A dot to label: where it is, its radius, and its label's size. */
    record Anchor(double x, double y, double radius, double labelWidth, double labelHeight) {
    }

    /**
     * Places labels greedily in the order given (best results first): right, left, above or below
     * their dot, never over another label or any dot, inside the map. A label with no free place is
     * left out (its dot's tooltip still names it).
     */
    static List<Box> placeLabels(List<Anchor> anchors, double width, double height) {
        var taken = new ArrayList<Box>();
        for (Anchor a : anchors) {
            taken.add(new Box(a.x() - a.radius(), a.y() - a.radius(), 2 * a.radius(), 2 * a.radius()));
        }
        var placed = new ArrayList<Box>();
        for (Anchor a : anchors) {
            if (a.labelWidth() <= 0) {
                placed.add(null); // an obstacle only (the query's star)
                continue;
            }
            double gap = a.radius() + 4;
            List<Box> candidates = List.of(
                    new Box(a.x() + gap, a.y() - a.labelHeight() / 2, a.labelWidth(), a.labelHeight()),
                    new Box(a.x() - gap - a.labelWidth(), a.y() - a.labelHeight() / 2, a.labelWidth(), a.labelHeight()),
                    new Box(a.x() - a.labelWidth() / 2, a.y() - gap - a.labelHeight(), a.labelWidth(), a.labelHeight()),
                    new Box(a.x() - a.labelWidth() / 2, a.y() + gap, a.labelWidth(), a.labelHeight()));
            Box chosen = null;
            for (Box c : candidates) {
                if (c.inside(width, height) && taken.stream().noneMatch(c::overlaps)) {
                    chosen = c;
                    break;
                }
            }
            placed.add(chosen);
            if (chosen != null) {
                taken.add(chosen);
            }
        }
        return placed;
    }

    private void redraw() {
        getChildren().clear();
        double pad = 36;
        double w = Math.max(getWidth() - 2 * pad, 10);
        double h = Math.max(getHeight() - 2 * pad, 10);
        MapPoint query = points.stream().filter(p -> p.hit() == null).findFirst().orElse(null);
        List<MapPoint> results = points.stream().filter(p -> p.hit() != null)
                .sorted(java.util.Comparator.comparingDouble(MapPoint::relativeScore).reversed()).toList();
        List<String> documents = results.stream().map(p -> p.hit().documentId()).distinct().toList();
        SearchHit current = selected.getValue();
        var links = new ArrayList<javafx.scene.Node>();
        var dots = new ArrayList<javafx.scene.Node>();
        var labels = new ArrayList<Label>();
        var anchors = new ArrayList<Anchor>();
        for (MapPoint p : results) {
            double px = pad + p.x() * w;
            double py = pad + p.y() * h;
            if (query != null) {
                var line = new Line(pad + query.x() * w, pad + query.y() * h, px, py);
                line.getStyleClass().add("map-link");
                line.setOpacity(0.15 + 0.5 * p.relativeScore());
                links.add(line);
            }
            double radius = 5 + 7 * p.relativeScore();
            var dot = new Circle(px, py, radius);
            dot.getStyleClass().addAll("map-dot", "map-dot-" + (documents.indexOf(p.hit().documentId()) % 8));
            Tooltip.install(dot, new Tooltip(p.hit().title() + "\n" + SearchViewModel.score(p.hit())));
            dot.setOnMouseClicked(e -> onSelect.accept(p.hit()));
            if (p.hit().equals(current)) {
                var ring = new Circle(px, py, radius + 5);
                ring.setId("mapSelected");
                ring.getStyleClass().add("map-selected");
                ring.setMouseTransparent(true);
                dots.add(ring);
            }
            dots.add(dot);
            var label = new Label(shorten(p.hit().title()));
            label.getStyleClass().add("map-label");
            label.setMouseTransparent(true);
            labels.add(label);
            anchors.add(new Anchor(px, py, p.hit().equals(current) ? radius + 7 : radius, 0, 0)); // the ring too
        }
        getChildren().addAll(links);
        getChildren().addAll(dots);
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
            anchors.add(new Anchor(qx, qy, 11, 0, 0)); // labels keep off the star too (it has no label)
        }
        // Labels last, so no dot covers one; measured once styled.
        getChildren().addAll(labels);
        var sized = new ArrayList<Anchor>();
        for (int i = 0; i < anchors.size(); i++) {
            Anchor a = anchors.get(i);
            if (i < labels.size()) {
                Label label = labels.get(i);
                label.applyCss();
                sized.add(new Anchor(a.x(), a.y(), a.radius(), label.prefWidth(-1), label.prefHeight(-1)));
            } else {
                sized.add(a);
            }
        }
        List<Box> boxes = placeLabels(sized, getWidth(), getHeight());
        for (int i = 0; i < labels.size(); i++) {
            Box box = boxes.get(i);
            Label label = labels.get(i);
            if (box == null) {
                label.setVisible(false);
            } else {
                label.resizeRelocate(box.x(), box.y(), box.width(), box.height());
            }
        }
    }

    private static String shorten(String title) {
        return title.length() > 28 ? title.substring(0, 27) + "…" : title;
    }
}
