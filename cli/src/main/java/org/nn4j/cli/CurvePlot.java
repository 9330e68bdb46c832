package org.nn4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nn4j.trainer.model.EpochSummary;

/**
 * Writes the learning curves as a PNG with JFreeChart: train and test loss against the epoch
 * on the left axis, test accuracy on the right.
 */
final class CurvePlot {

    static final int WIDTH = 900;
    static final int HEIGHT = 540;

    private CurvePlot() {
    }

    static void write(Path file, String title, List<EpochSummary> epochs) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries trainLoss = new XYSeries("train loss");
        XYSeries testLoss = new XYSeries("test loss");
        XYSeries accuracy = new XYSeries("test accuracy");
        for (EpochSummary e : epochs) {
            trainLoss.add(e.epoch() + 1, e.trainLoss());
            testLoss.add(e.epoch() + 1, e.testLoss());
            accuracy.add(e.epoch() + 1, e.testAccuracy());
        }
        XYSeriesCollection losses = new XYSeriesCollection();
        losses.addSeries(trainLoss);
        losses.addSeries(testLoss);
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setRange(0.8, Math.max(2, epochs.size()) + 0.2);
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis lossAxis = new NumberAxis("loss (cross-entropy)");
        lossAxis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer lossRenderer = new XYLineAndShapeRenderer(true, true);
        lossRenderer.setSeriesPaint(0, new Color(0x1f77b4));
        lossRenderer.setSeriesPaint(1, new Color(0xff7f0e));
        XYPlot plot = new XYPlot(losses, epochAxis, lossAxis, lossRenderer);

        NumberAxis accuracyAxis = new NumberAxis("test accuracy");
        accuracyAxis.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(1, accuracyAxis);
        plot.setDataset(1, new XYSeriesCollection(accuracy));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer accuracyRenderer = new XYLineAndShapeRenderer(true, true);
        accuracyRenderer.setSeriesPaint(0, new Color(0x2ca02c));
        accuracyRenderer.setSeriesStroke(0, new BasicStroke(2.5f));
        plot.setRenderer(1, accuracyRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);

        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setTitle(new TextTitle(title));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
