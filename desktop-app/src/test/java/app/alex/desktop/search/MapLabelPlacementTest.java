package app.alex.desktop.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MapLabelPlacementTest {
    private static MapView.Box dot(MapView.Anchor a) {
        return new MapView.Box(a.x() - a.radius(), a.y() - a.radius(), 2 * a.radius(), 2 * a.radius());
    }

    @Test
    void labelsCoverNoDotNoOtherLabelAndStayInsideTheMap() {
        var random = new Random(7);
        var anchors = new ArrayList<MapView.Anchor>();
        for (int i = 0; i < 25; i++) { // a crowded map: 25 results in 600 x 400
            anchors.add(new MapView.Anchor(40 + random.nextDouble() * 520, 40 + random.nextDouble() * 320,
                    5 + random.nextDouble() * 7, 90 + random.nextDouble() * 80, 16));
        }
        anchors.add(new MapView.Anchor(300, 200, 11, 0, 0)); // the query's star: an obstacle, no label

        List<MapView.Box> boxes = MapView.placeLabels(anchors, 600, 400);

        var placed = boxes.stream().filter(Objects::nonNull).toList();
        assertThat(placed.size()).as("most labels find a place").isGreaterThanOrEqualTo(10);
        assertThat(boxes.getLast()).isNull();
        for (int i = 0; i < placed.size(); i++) {
            MapView.Box label = placed.get(i);
            assertThat(label.inside(600, 400)).isTrue();
            for (int j = i + 1; j < placed.size(); j++) {
                assertThat(label.overlaps(placed.get(j))).as("labels %d and %d overlap", i, j).isFalse();
            }
            for (MapView.Anchor a : anchors) {
                assertThat(label.overlaps(dot(a))).as("a label covers a dot").isFalse();
            }
        }
    }

    @Test
    void theBestResultIsLabelledFirstAndALabelNearTheRightEdgeGoesLeftOfItsDot() {
        var anchors = List.of(new MapView.Anchor(580, 100, 8, 120, 16), new MapView.Anchor(585, 104, 6, 120, 16));

        List<MapView.Box> boxes = MapView.placeLabels(anchors, 600, 400);

        assertThat(boxes.getFirst()).isNotNull();
        assertThat(boxes.getFirst().x() + boxes.getFirst().width()).isLessThan(580);
    }
}
