package app.alex.desktop.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ResultMapTest {

    private static float[] near(float[] centre, Random random) {
        float[] v = new float[centre.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = centre[i] + (float) (random.nextGaussian() * 0.02);
        }
        return v;
    }

    @Test
    void twoClustersOfMeaningLandApartAndEachStaysTogether() {
        var random = new Random(7);
        float[] a = new float[384];
        float[] b = new float[384];
        for (int i = 0; i < 384; i++) {
            a[i] = (float) random.nextGaussian();
            b[i] = (float) random.nextGaussian();
        }
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            vectors.add(near(a, random));
        }
        for (int i = 0; i < 5; i++) {
            vectors.add(near(b, random));
        }

        var points = ResultMap.project(vectors);

        assertThat(points).hasSize(10).allMatch(p -> p.x() >= 0 && p.x() <= 1 && p.y() >= 0 && p.y() <= 1);
        double within = distance(points.get(0), points.get(4)) + distance(points.get(5), points.get(9));
        double across = distance(points.get(0), points.get(5));
        assertThat(across).isGreaterThan(5 * within / 2);
    }

    @Test
    void identicalVectorsAndASingleOneDoNotBreakIt() {
        float[] v = new float[384];
        v[0] = 1;
        assertThat(ResultMap.project(List.of(v))).hasSize(1);
        assertThat(ResultMap.project(List.of(v, v.clone(), v.clone()))).hasSize(3);
        assertThat(ResultMap.project(List.of())).isEmpty();
    }

    private static double distance(ResultMap.Point p, ResultMap.Point q) {
        return Math.hypot(p.x() - q.x(), p.y() - q.y());
    }
}
