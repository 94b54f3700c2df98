package dev.kefu.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A small line chart drawn as inline SVG, so report.html needs no script and no network. Values are plotted
 * linearly; a caller wanting a log axis passes transformed values and its own tick labels. Immutable and
 * stateless apart from its inputs.
 */
public final class SvgChart {

    /** One line: its name in the legend, a CSS colour, and points. */
    public record Series(String name, String color, double[] xs, double[] ys) {}

    /** A labelled tick at a position on the x axis. */
    public record Tick(double at, String label) {}

    private static final int WIDTH = 860, HEIGHT = 300, LEFT = 70, RIGHT = 20, TOP = 36, BOTTOM = 44;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series;
    private final List<Tick> xTicks;

    /** @param xTicks fixed x ticks, or null for evenly spaced ones */
    public SvgChart(String title, String xLabel, String yLabel, List<Series> series, List<Tick> xTicks) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.series = series;
        this.xTicks = xTicks;
    }

    public String render() {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = 0;
        for (Series s : series) {
            for (int i = 0; i < s.xs().length; i++) {
                minX = Math.min(minX, s.xs()[i]);
                maxX = Math.max(maxX, s.xs()[i]);
                maxY = Math.max(maxY, s.ys()[i]);
            }
        }
        if (minX == Double.MAX_VALUE) {
            minX = 0;
            maxX = 1;
        }
        if (maxX <= minX) {
            maxX = minX + 1;
        }
        double yTop = niceCeiling(maxY);
        double x0 = minX, x1 = maxX;
        DoubleFunction<Double> px = x -> LEFT + (x - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
        DoubleFunction<Double> py = y -> HEIGHT - BOTTOM - y / yTop * (HEIGHT - TOP - BOTTOM);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, HEIGHT,
                WIDTH, HEIGHT));
        svg.append(text(LEFT, 18, title, "start", "font-size=\"14\" font-weight=\"bold\""));
        for (int i = 0; i <= 5; i++) {
            double y = yTop * i / 5;
            double at = py.apply(y);
            svg.append(line(LEFT, at, WIDTH - RIGHT, at, "#e5e5e5"));
            svg.append(text(LEFT - 6, at + 4, number(y), "end", ""));
        }
        for (Tick t : ticks(x0, x1)) {
            double at = px.apply(t.at());
            svg.append(line(at, HEIGHT - BOTTOM, at, HEIGHT - BOTTOM + 4, "#888"));
            svg.append(text(at, HEIGHT - BOTTOM + 16, t.label(), "middle", ""));
        }
        svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#888"));
        svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#888"));
        svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 8, xLabel, "middle", ""));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 14 %.1f)\">%s</text>%n", HEIGHT / 2.0, HEIGHT / 2.0, escape(yLabel)));
        double legendX = WIDTH - RIGHT;
        for (int i = series.size() - 1; i >= 0; i--) {
            Series s = series.get(i);
            legendX -= 14 + 7 * s.name().length();
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"10\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                    legendX, s.color()));
            svg.append(text(legendX + 13, 19, s.name(), "start", ""));
        }
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.xs().length; i++) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.apply(s.xs()[i]), py.apply(s.ys()[i])));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" "
                    + "points=\"%s\"/>%n", s.color(), points.toString().trim()));
        }
        return svg.append("</svg>\n").toString();
    }

    private List<Tick> ticks(double x0, double x1) {
        if (xTicks != null) {
            return xTicks;
        }
        List<Tick> ticks = new ArrayList<>();
        double step = niceCeiling((x1 - x0) / 8);
        for (double x = Math.ceil(x0 / step) * step; x <= x1 + 1e-9; x += step) {
            ticks.add(new Tick(x, number(x)));
        }
        return ticks;
    }

    /** The smallest of 1, 2, 2.5, 5 × 10ⁿ that is at least {@code v} (1 for nothing to show). */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= v) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.1f", v);
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                x1, y1, x2, y2, color);
    }

    private static String text(double x, double y, String s, String anchor, String extra) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>%n", x, y,
                anchor, extra, escape(s));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
