package app.alex.desktop.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Puts the query and its results on a plane so clusters can be seen: the vectors' first two
 * principal components (power iteration with deflation on the centred vectors; a few dozen
 * 384-d vectors take well under a millisecond), scaled into [0, 1] with one scale for both axes.
 * Point 0 is the query.
 */
public final class ResultMap {
    public record Point(double x, double y) {
    }

    private ResultMap() {
    }

    public static List<Point> project(List<float[]> vectors) {
        int n = vectors.size();
        if (n == 0) {
            return List.of();
        }
        int d = vectors.getFirst().length;
        double[] mean = new double[d];
        for (float[] v : vectors) {
            for (int i = 0; i < d; i++) {
                mean[i] += v[i] / n;
            }
        }
        double[][] x = new double[n][d];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                x[r][i] = vectors.get(r)[i] - mean[i];
            }
        }
        double[] first = component(x, null);
        double[] second = component(x, first);
        List<Point> raw = new ArrayList<>();
        for (double[] row : x) {
            raw.add(new Point(dot(row, first), dot(row, second)));
        }
        return normalise(raw);
    }

    /** The direction of largest variance, orthogonal to {@code previous} when given. */
    private static double[] component(double[][] x, double[] previous) {
        int d = x[0].length;
        double[] v = new double[d];
        var random = new Random(42); // deterministic: the same results draw the same map
        for (int i = 0; i < d; i++) {
            v[i] = random.nextGaussian();
        }
        for (int iteration = 0; iteration < 100; iteration++) {
            if (previous != null) {
                subtractProjection(v, previous);
            }
            double[] next = new double[d];
            for (double[] row : x) {
                double p = dot(row, v);
                for (int i = 0; i < d; i++) {
                    next[i] += p * row[i];
                }
            }
            if (previous != null) {
                subtractProjection(next, previous);
            }
            double norm = Math.sqrt(dot(next, next));
            if (norm < 1e-12) {
                return v; // no variance left in this direction
            }
            for (int i = 0; i < d; i++) {
                next[i] /= norm;
            }
            v = next;
        }
        return v;
    }

    private static void subtractProjection(double[] v, double[] unit) {
        double p = dot(v, unit);
        for (int i = 0; i < v.length; i++) {
            v[i] -= p * unit[i];
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static List<Point> normalise(List<Point> points) {
        double minX = points.stream().mapToDouble(Point::x).min().orElse(0);
        double maxX = points.stream().mapToDouble(Point::x).max().orElse(1);
        double minY = points.stream().mapToDouble(Point::y).min().orElse(0);
        double maxY = points.stream().mapToDouble(Point::y).max().orElse(1);
        // One scale for both axes: stretching the second component to fill the height would make
        // small differences look as large as the main one.
        double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-9);
        double offsetX = (1 - (maxX - minX) / span) / 2;
        double offsetY = (1 - (maxY - minY) / span) / 2;
        return points.stream().map(p -> new Point((p.x() - minX) / span + offsetX, (p.y() - minY) / span + offsetY)).toList();
    }
}
