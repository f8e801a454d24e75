package dev.nacre.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two hand-written SVG bar charts of the scenario results, log scale (warm and process numbers lie
 * three orders of magnitude apart): times per scenario, and worker-pool throughput.
 */
final class Charts {
    static final String TIMES = "benchmarks-times.svg";
    static final String THROUGHPUT = "benchmarks-throughput.svg";
    private static final String[] COLOURS = {"#9e9e9e", "#1565c0", "#64b5f6", "#e65100", "#ffb74d", "#2e7d32", "#a5d6a7"};
    private static final List<String> SERIES = List.of("pywasm (published)", "Nacre · process", "Nacre · warm",
            "LangChain4j · process", "LangChain4j · warm", "floor · process (hello world)", "floor · warm (bare HTTP)");

    private Charts() {}

    /** File name → SVG text. */
    static Map<String, String> of(ScenarioBench.Result r) {
        var charts = new LinkedHashMap<String, String>();
        var times = new ArrayList<Scenario>();
        var pools = new ArrayList<Scenario>();
        for (Scenario s : Scenario.values()) (s.isPool() ? pools : times).add(s);
        charts.put(TIMES, chart(r, times, "Scenario wall time, ms (log scale; lower is better)"));
        charts.put(THROUGHPUT, chart(r, pools, "Worker-pool throughput, queries/s (log scale; higher is better)"));
        return charts;
    }

    private static double[] values(ScenarioBench.Result r, Scenario s) {
        var p = r.processes().cells();
        var w = r.warm();
        Measured[] m = {null, p.get(ProcessScenarios.NACRE).get(s), w.get(ScenarioBench.NACRE_SQLITE).get(s),
                p.get(ProcessScenarios.PEER).get(s), w.get(ScenarioBench.PEER).get(s), p.get(ProcessScenarios.HELLO).get(s),
                w.get(ScenarioBench.FLOOR).get(s)};
        double[] v = new double[m.length];
        v[0] = s.publishedValue();
        // Under 10 µs is "nothing" (the bare client's init): drawn as no bar rather than stretching the axis.
        for (int i = 1; i < m.length; i++) v[i] = m[i] != null && m[i].present() && m[i].value() >= 0.01 ? m[i].value() : Double.NaN;
        return v;
    }

    private static String chart(ScenarioBench.Result r, List<Scenario> scenarios, String title) {
        int bar = 14;
        int group = bar * SERIES.size() + 24;
        int left = 70;
        int top = 40;
        int plot = 300;
        int width = left + group * scenarios.size() + 20;
        int height = top + plot + 130;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Scenario s : scenarios) {
            for (double v : values(r, s)) {
                if (!Double.isNaN(v) && v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        double lo = Math.floor(Math.log10(min));
        double hi = Math.ceil(Math.log10(max));
        if (hi <= lo) hi = lo + 1;
        var svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">\n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>\n", left, escape(title)));
        for (double e = lo; e <= hi; e++) {
            double y = top + plot - (e - lo) / (hi - lo) * plot;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", left, width - 10, y, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", left - 6, y + 4, tick(e)));
        }
        for (int g = 0; g < scenarios.size(); g++) {
            var s = scenarios.get(g);
            double[] v = values(r, s);
            int x0 = left + g * group + 12;
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i]) || v[i] <= 0) continue;
                double h = Math.max(1, (Math.log10(v[i]) - lo) / (hi - lo) * plot);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>\n",
                        x0 + i * bar, top + plot - h, bar - 2, h, COLOURS[i], escape(SERIES.get(i)), Table.number(v[i])));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    x0 + bar * v.length / 2, top + plot + 16, escape(shortLabel(s, r.iterations().queries()))));
        }
        for (int i = 0; i < SERIES.size(); i++) {
            int x = left + (i % 4) * 190;
            int y = top + plot + 50 + (i / 4) * 20;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
                    x, y - 10, COLOURS[i], x + 16, y, escape(SERIES.get(i))));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String shortLabel(Scenario s, int queries) {
        return switch (s) {
            case INIT -> "cold start";
            case SINGLE -> "single turn";
            case TOOL -> "tool turn";
            case CONVERSATION -> "20 turns, history";
            case CONVERSATION_NO_HISTORY -> "20 turns, no history";
            case PARALLEL -> queries + " parallel agents";
            default -> "pool of " + s.workers() + ", " + queries + " queries";
        };
    }

    private static String tick(double exponent) {
        double v = Math.pow(10, exponent);
        return v >= 1 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%s", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
