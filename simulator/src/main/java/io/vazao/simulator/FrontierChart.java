package io.vazao.simulator;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Polygon;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYDrawableAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws one scenario's sweep as a PNG with JFreeChart, headless: mean wait against worker-seconds,
 * one line with markers per policy in the order of its knob (vazao's sweeps as lines of their own),
 * each point labelled with its knob value, each policy's default ringed.
 */
public final class FrontierChart {

    public static final int WIDTH = 1100;
    public static final int HEIGHT = 700;

    /** Points nearer than this fraction of both axes share a label. */
    static final double NEAR = 0.03;

    private static final ItemLabelPosition ABOVE =
            new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER);
    private static final ItemLabelPosition BELOW =
            new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6, TextAnchor.TOP_CENTER);

    private static final List<Color> COLORS =
            List.of(new Color(0xff7f0e), new Color(0x8c564b), new Color(0x7f7f7f));

    private FrontierChart() {}

    /** Writes {@code png}, {@link #WIDTH} × {@link #HEIGHT} pixels. */
    public static void write(Frontier frontier, List<String> policies, Path png)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        ChartUtils.saveChartAsPNG(png.toFile(), chart(frontier, policies), WIDTH, HEIGHT);
    }

    static JFreeChart chart(Frontier frontier, List<String> policies) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String p : policies) {
            XYSeries series =
                    new XYSeries(Policies.label(p) + " — " + Policies.knobName(p), false, true);
            frontier.of(p).forEach(pt -> series.add(pt.workerSeconds(), pt.meanWaitSeconds()));
            data.addSeries(series);
        }
        JFreeChart chart =
                ChartFactory.createXYLineChart(
                        "Mean wait against cost: " + frontier.scenario(),
                        "cost: worker-seconds (worker·s)",
                        "mean wait (s)",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        chart.addSubtitle(
                new TextTitle(
                        "each point labelled with its knob value; ringed: the policy's default;"
                                + " lower and further left is better"));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeMinorGridlinesVisible(true);
        plot.setRangeMinorGridlinePaint(new Color(0xeeeeee));
        FrontierScale x = FrontierScale.of(frontier.points(), FrontierPoint::workerSeconds);
        FrontierScale y = FrontierScale.of(frontier.points(), FrontierPoint::meanWaitSeconds);
        plot.setDomainAxis(axis(plot.getDomainAxis(), x));
        plot.setRangeAxis(axis(plot.getRangeAxis(), y));
        plot.setRenderer(
                renderer(
                        frontier,
                        policies,
                        (a, b) -> FrontierScale.near(x, y, a, b, NEAR),
                        (a, b) -> FrontierScale.near(x, y, a, b, 2 * NEAR)));
        for (int i = 0; i < policies.size(); i++) {
            Paint paint = color(policies, i);
            for (FrontierPoint pt : frontier.of(policies.get(i))) {
                if (pt.isDefault()) {
                    plot.addAnnotation(ring(pt, paint));
                }
            }
        }
        return chart;
    }

    private static XYLineAndShapeRenderer renderer(
            Frontier frontier,
            List<String> policies,
            BiPredicate<FrontierPoint, FrontierPoint> near,
            BiPredicate<FrontierPoint, FrontierPoint> crowded) {
        XYLineAndShapeRenderer renderer =
                new XYLineAndShapeRenderer(true, true) {
                    @Override
                    public ItemLabelPosition getPositiveItemLabelPosition(int row, int column) {
                        return below(frontier, policies, row, column, near, crowded)
                                ? BELOW
                                : ABOVE;
                    }
                };
        for (int i = 0; i < policies.size(); i++) {
            renderer.setSeriesPaint(i, color(policies, i));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesShape(i, shape(policies.get(i)));
        }
        renderer.setDefaultItemLabelGenerator(
                (dataset, series, item) -> label(frontier.of(policies.get(series)), item, near));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return renderer;
    }

    /**
     * Whether the label of {@code policies[row]}'s point {@code column} goes below it. Consecutive
     * labels alternate above and below their points, so that near points stay legible. With both of
     * vazao's sweeps, the drain's labels (a tight cluster on the window's line) all go below, and a
     * window label that would go below goes above instead when a drain label is {@code crowded}
     * near it.
     */
    static boolean below(
            Frontier frontier,
            List<String> policies,
            int row,
            int column,
            BiPredicate<FrontierPoint, FrontierPoint> near,
            BiPredicate<FrontierPoint, FrontierPoint> crowded) {
        if (!policies.contains(Policies.VAZAO_WINDOW) || !policies.contains("vazao")) {
            return column % 2 == 1;
        }
        String policy = policies.get(row);
        if (policy.equals("vazao")) {
            return true;
        }
        if (column % 2 == 0) {
            return false;
        }
        if (!policy.equals(Policies.VAZAO_WINDOW)) {
            return true;
        }
        FrontierPoint pt = frontier.of(policy).get(column);
        List<FrontierPoint> drain = frontier.of("vazao");
        for (int i = 0; i < drain.size(); i++) {
            if (!label(drain, i, near).isEmpty() && crowded.test(drain.get(i), pt)) {
                return false;
            }
        }
        return true;
    }

    /**
     * vazao's window sweep squares, its scale-to-zero sweep triangles, every other line circles.
     */
    private static Shape shape(String policy) {
        return switch (policy) {
            case Policies.VAZAO_WINDOW -> new Rectangle2D.Double(-4, -4, 8, 8);
            case Policies.VAZAO_TO_ZERO ->
                    new Polygon(new int[] {0, 5, -5}, new int[] {-5, 4, 4}, 3);
            default -> new Ellipse2D.Double(-4, -4, 8, 8);
        };
    }

    /** The policy's colour: vazao's sweeps blue, purple and teal, KEDA red, the seed green. */
    static Color color(List<String> policies, int i) {
        return switch (policies.get(i)) {
            case "vazao" -> new Color(0x1f77b4);
            case Policies.VAZAO_WINDOW -> new Color(0x9467bd);
            case Policies.VAZAO_TO_ZERO -> new Color(0x17becf);
            case "keda" -> new Color(0xd62728);
            case "seed" -> new Color(0x2ca02c);
            default -> COLORS.get(i % COLORS.size());
        };
    }

    /**
     * The point's knob value. A run of consecutive points too near each other to be labelled apart
     * (within {@code NEAR} of both axes of the one before) gets one label at its first point: both
     * values when there are two, the first–last range when there are more.
     */
    static String label(
            List<FrontierPoint> points, int item, BiPredicate<FrontierPoint, FrontierPoint> near) {
        if (item > 0 && near.test(points.get(item - 1), points.get(item))) {
            return "";
        }
        int last = item;
        while (last + 1 < points.size() && near.test(points.get(last), points.get(last + 1))) {
            last++;
        }
        String first = points.get(item).knobText();
        String end = points.get(last).knobText();
        return switch (last - item) {
            case 0 -> first;
            case 1 -> first + ", " + end;
            default -> first + "–" + end;
        };
    }

    /** A ring of 18 pixels around the point, in the series' colour. */
    private static XYDrawableAnnotation ring(FrontierPoint pt, Paint paint) {
        return new XYDrawableAnnotation(
                pt.workerSeconds(),
                pt.meanWaitSeconds(),
                18,
                18,
                (g, area) -> {
                    g.setPaint(paint);
                    g.setStroke(new BasicStroke(2f));
                    g.draw(
                            new Ellipse2D.Double(
                                    area.getX(), area.getY(), area.getWidth(), area.getHeight()));
                });
    }

    /** The scale's axis: {@code linear} itself, or a logarithmic one with a tick per decade. */
    private static ValueAxis axis(ValueAxis linear, FrontierScale scale) {
        if (scale.log()) {
            LogAxis log = new LogAxis(linear.getLabel() + ", logarithmic");
            log.setBase(10);
            log.setSmallestValue(scale.lower());
            DecimalFormat format = new DecimalFormat("#,##0.###");
            log.setTickUnit(new NumberTickUnit(1, format, 9), false, true);
            log.setMinorTickMarksVisible(true);
            log.setNumberFormatOverride(format);
            log.setLabelFont(linear.getLabelFont());
            return log;
        }
        NumberAxis axis = (NumberAxis) linear;
        axis.setAutoRangeIncludesZero(true);
        axis.setNumberFormatOverride(NumberFormat.getNumberInstance(Locale.ROOT));
        return axis;
    }
}
