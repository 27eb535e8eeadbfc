package io.groupsync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws a scenario's figures over time as a PNG (XChart), e.g. calls per second against the limit. */
final class Charts {

    /**
     * One series.
     *
     * @param secondary drawn against the right-hand axis
     * @param points    drawn as dots (one per event) rather than a line
     */
    record Line(String name, double[] x, double[] y, boolean dashed, boolean secondary, boolean points) {

        static Line of(String name, double[][] xy) {
            return new Line(name, xy[0], xy[1], false, false, false);
        }

        Line withDash() {
            return new Line(name, x, y, true, secondary, points);
        }

        Line onRight() {
            return new Line(name, x, y, dashed, true, points);
        }

        Line asPoints() {
            return new Line(name, x, y, dashed, secondary, true);
        }
    }

    private Charts() {
    }

    /** A flat dashed line at {@code value} from 0 to {@code xMax}: a limit to hold the rates against. */
    static Line level(String name, double value, double xMax) {
        return new Line(name, new double[] {0, Math.max(xMax, 1)}, new double[] {value, value}, true, false, false);
    }

    /** Writes {@code dir/file} and returns its file name, for the report. */
    static String draw(Path dir, String file, String title, String xTitle, String yTitle, String rightTitle,
                       List<Line> lines) {
        XYChart chart = new XYChartBuilder().width(1000).height(520).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        for (Line line : lines) {
            if (line.x().length == 0) {
                continue;
            }
            XYSeries series = chart.addSeries(line.name(), line.x(), line.y());
            series.setMarker(line.points() ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            if (line.points()) {
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
            if (line.dashed()) {
                series.setLineStyle(SeriesLines.DASH_DASH);
            }
            if (line.secondary()) {
                series.setYAxisGroup(1);
            }
        }
        chart.getStyler().setMarkerSize(3);
        if (rightTitle != null) {
            chart.setYAxisGroupTitle(1, rightTitle);
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
        Path target = dir.resolve(file);
        try {
            BitmapEncoder.saveBitmap(chart, target.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return file;
    }
}
