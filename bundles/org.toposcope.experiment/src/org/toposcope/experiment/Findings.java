package org.toposcope.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.toposcope.core.model.DistanceMatrix;

/**
 * The two findings of Purvine et al. stated as numbers: whether the layer x layer distance matrix has
 * blocks by network stage (layers named {@code stageN.…} share the stage {@code stageN}; a layer without
 * a dot is its own stage), and how super-class purity of the mapper graphs changes with depth.
 *
 * @param withinStage  mean distance between distinct layers of the same stage; NaN when no stage has two layers
 * @param betweenStage mean distance between layers of different stages; NaN with fewer than two stages
 * @param purityLayers layers with a mapper graph, in order
 * @param superClassPurity per such layer, NaN where the data set has no super-classes
 */
public record Findings(String model, double withinStage, double betweenStage, List<String> purityLayers, double[] classPurity,
        double[] superClassPurity) {

    public Findings {
        purityLayers = List.copyOf(purityLayers);
        classPurity = classPurity.clone();
        superClassPurity = superClassPurity.clone();
    }

    public static String stageOf(String layer) {
        int dot = layer.indexOf('.');
        return dot < 0 ? layer : layer.substring(0, dot);
    }

    /** Block structure of a square layer x layer matrix by stage. */
    public static double[] stageMeans(DistanceMatrix m) {
        double within = 0;
        double between = 0;
        int nw = 0;
        int nb = 0;
        for (int i = 0; i < m.rows(); i++) {
            for (int j = i + 1; j < m.columns(); j++) {
                if (stageOf(m.rowLabels().get(i)).equals(stageOf(m.columnLabels().get(j)))) {
                    within += m.get(i, j);
                    nw++;
                } else {
                    between += m.get(i, j);
                    nb++;
                }
            }
        }
        return new double[] {nw == 0 ? Double.NaN : within / nw, nb == 0 ? Double.NaN : between / nb};
    }

    /** Between-stage over within-stage mean distance: above 1 means blocks along the diagonal. */
    public double blockRatio() {
        return betweenStage / withinStage;
    }

    /** The findings as sentences for the report. */
    public List<String> sentences(String metricDescription) {
        List<String> out = new ArrayList<>();
        if (Double.isNaN(withinStage) || Double.isNaN(betweenStage)) {
            out.add("Block structure: the layers are not named by stage (stageN.…), so no block structure is measured.");
        } else {
            out.add(String.format(Locale.ROOT, "Block structure (%s, model %s): layers of the same stage are on average %.4g apart, "
                    + "layers of different stages %.4g, a ratio of %.2f%s.", metricDescription, model, withinStage, betweenStage,
                    blockRatio(), blockRatio() > 1 ? ": the heat-map has blocks along its diagonal, one per stage"
                            : ": no block structure by stage"));
        }
        if (!purityLayers.isEmpty() && !Double.isNaN(superClassPurity[0])) {
            int last = purityLayers.size() - 1;
            int best = 0;
            for (int i = 1; i < superClassPurity.length; i++) {
                if (superClassPurity[i] > superClassPurity[best]) {
                    best = i;
                }
            }
            out.add(String.format(Locale.ROOT, "Super-class purity of the mapper graphs goes from %.3f at %s to %.3f at %s "
                    + "(highest %.3f at %s); class purity from %.3f to %.3f.", superClassPurity[0], purityLayers.get(0),
                    superClassPurity[last], purityLayers.get(last), superClassPurity[best], purityLayers.get(best), classPurity[0],
                    classPurity[last]));
        } else if (!purityLayers.isEmpty()) {
            int last = purityLayers.size() - 1;
            out.add(String.format(Locale.ROOT, "Class purity of the mapper graphs goes from %.3f at %s to %.3f at %s "
                    + "(the data set has no super-classes).", classPurity[0], purityLayers.get(0), classPurity[last],
                    purityLayers.get(last)));
        }
        return out;
    }
}
