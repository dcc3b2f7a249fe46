package dev.starling.loadgen.stats;

import java.util.List;

/**
 * Least-squares line through (x, y) points, e.g. server RSS against open connections: the slope is the cost of one
 * more connection, the intercept the baseline. {@code r2} tells how straight the points lie (1 = a line).
 */
public record Slope(double slope, double intercept, double r2) {

    public record Point(double x, double y) {
    }

    /** Needs at least two points with different x; otherwise {@code null}. */
    public static Slope fit(List<Point> points) {
        int n = points.size();
        if (n < 2) {
            return null;
        }
        double meanX = points.stream().mapToDouble(Point::x).average().orElseThrow();
        double meanY = points.stream().mapToDouble(Point::y).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (Point p : points) {
            double dx = p.x() - meanX;
            double dy = p.y() - meanY;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            return null;
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
        return new Slope(slope, meanY - slope * meanX, r2);
    }
}
