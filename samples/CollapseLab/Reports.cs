using System.Globalization;
using System.Text;

namespace CollapseLab;

/// <summary>The lab's outputs: a CSV of every figure and a four-panel SVG chart, written without a plotting library.</summary>
public static class Reports
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One line per mode and generation.</summary>
    public static string Csv(LabResult result)
    {
        var csv = new StringBuilder("mode,generation,train_tokens,human_share,distinct_1,distinct_2,unigram_entropy_bits,tail_survival,cross_entropy_bits,check\n");
        foreach (var g in result.Generations)
        {
            string check = g.Check is null ? "" : g.Check.HasErrors
                ? "fail " + string.Join(" ", g.Check.Diagnostics.Where(d => d.Severity == Provenance.Manifest.Diagnostics.DiagnosticSeverity.Error).Select(d => d.Id).Distinct().Order(StringComparer.Ordinal))
                : "pass";
            csv.Append(Inv, $"{Lab.Name(g.Mode)},{g.Generation},{g.TrainTokens},{g.HumanShare:0.0000},{g.Distinct1:0.0000},{g.Distinct2:0.0000},{g.EntropyBits:0.0000},{g.TailSurvival:0.0000},{g.CrossEntropyBits:0.0000},{check}\n");
        }

        return csv.ToString();
    }

    /// <summary>Colour-blind-safe colours (Okabe–Ito) and dash patterns per mode, so the lines also read in greyscale.</summary>
    private static (string Colour, string Dash, string Marker) Style(Mode mode) => mode switch
    {
        Mode.Replace => ("#D55E00", "", "circle"),
        Mode.Accumulate => ("#0072B2", "", "square"),
        Mode.FixedFrac => ("#009E73", "6 3", "diamond"),
        _ => ("#CC79A7", "2 3", "triangle"),
    };

    /// <summary>Four panels (distinct-2, tail survival, cross-entropy, human share against generation), one line per mode.</summary>
    public static string Svg(LabResult result)
    {
        const int panelW = 420, panelH = 280, left = 62, right = 18, top = 34, bottom = 44, gapX = 28, gapY = 22, header = 88;
        int width = (2 * panelW) + gapX + 24, height = header + (2 * panelH) + gapY + 16;
        var modes = result.Generations.Select(g => g.Mode).Distinct().ToList();
        int generations = result.Generations.Max(g => g.Generation);
        var panels = new (string Title, string Axis, Func<GenerationResult, double> Value, double Min, double Max, string Format)[]
        {
            ("Distinct-2 of a 50k-word sample", "distinct-2", g => g.Distinct2, 0, Ceil(result.Generations.Max(g => g.Distinct2), 0.1), "0.0"),
            ("Tail survival (human types with count ≤ 2)", "share of tail types", g => g.TailSurvival, 0, 1, "0.0"),
            ("Held-out cross-entropy", "bits per token", g => g.CrossEntropyBits, Floor(result.Generations.Min(g => g.CrossEntropyBits), 0.5), Ceil(result.Generations.Max(g => g.CrossEntropyBits), 0.5), "0"),
            ("Human share of training tokens", "share", g => g.HumanShare, 0, 1, "0.0"),
        };

        var svg = new StringBuilder();
        svg.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        svg.Append(Inv, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        svg.Append(Inv, $"<text x=\"12\" y=\"24\" font-size=\"17\" font-weight=\"bold\" fill=\"#222\">Model collapse: a word-bigram model retrained on its own samples</text>\n");
        svg.Append(Inv, $"<text x=\"12\" y=\"42\" font-size=\"12\" fill=\"#555\">Moby-Dick, {result.HumanTrainTokens:#,0} human words; every generation samples as many words as it was trained on; CollapseLab</text>\n");

        // Legend: two rows of two modes.
        for (int i = 0; i < modes.Count; i++)
        {
            var mode = modes[i];
            var (colour, dash, marker) = Style(mode);
            double lx = 12 + (i % 2 * (panelW + gapX)), ly = 58 + (i / 2 * 17);
            svg.Append(Inv, $"<line x1=\"{lx}\" y1=\"{ly}\" x2=\"{lx + 30}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"2.5\"{DashAttr(dash)}/>\n");
            svg.Append(Marker(marker, lx + 15, ly, colour));
            string label = mode switch
            {
                Mode.Replace => "replace: train on the previous model's samples only",
                Mode.Accumulate => "accumulate: the human corpus plus all synthetic data so far",
                Mode.FixedFrac => "fixedfrac: a random 10% of the human sentences plus synthetic",
                _ => "accsub: accumulate, then a random budget-sized subset",
            };
            svg.Append(Inv, $"<text x=\"{lx + 38}\" y=\"{ly + 4}\" font-size=\"12\" fill=\"#333\">{label}</text>\n");
        }

        for (int p = 0; p < panels.Length; p++)
        {
            var panel = panels[p];
            double ox = 12 + (p % 2 * (panelW + gapX)), oy = header + (p / 2 * (panelH + gapY));
            double px = ox + left, py = oy + top, pw = panelW - left - right, ph = panelH - top - bottom;
            double X(double g) => px + (g / generations * pw);
            double Y(double v) => py + ph - ((v - panel.Min) / (panel.Max - panel.Min) * ph);

            svg.Append(Inv, $"<g>\n<text x=\"{ox + left}\" y=\"{oy + 20}\" font-size=\"14\" font-weight=\"bold\" fill=\"#222\">{Escape(panel.Title)}</text>\n");
            svg.Append(Inv, $"<rect x=\"{px}\" y=\"{py}\" width=\"{pw}\" height=\"{ph}\" fill=\"#fafafa\" stroke=\"#bbb\"/>\n");
            double step = NiceStep(panel.Max - panel.Min);
            for (double v = panel.Min; v <= panel.Max + 1e-9; v += step)
            {
                double y = Y(v);
                svg.Append(Inv, $"<line x1=\"{px}\" y1=\"{y:0.##}\" x2=\"{px + pw}\" y2=\"{y:0.##}\" stroke=\"#e4e4e4\"/>\n");
                svg.Append(Inv, $"<line x1=\"{px - 4}\" y1=\"{y:0.##}\" x2=\"{px}\" y2=\"{y:0.##}\" stroke=\"#666\"/>\n");
                svg.Append(Inv, $"<text x=\"{px - 7}\" y=\"{y + 4:0.##}\" font-size=\"11\" text-anchor=\"end\" fill=\"#444\">{v.ToString(step < 0.1 ? "0.00" : step < 1 ? "0.0" : "0", Inv)}</text>\n");
            }

            for (int g = 0; g <= generations; g++)
            {
                double x = X(g);
                svg.Append(Inv, $"<line x1=\"{x:0.##}\" y1=\"{py + ph}\" x2=\"{x:0.##}\" y2=\"{py + ph + 4}\" stroke=\"#666\"/>\n");
                svg.Append(Inv, $"<text x=\"{x:0.##}\" y=\"{py + ph + 17}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">{g}</text>\n");
            }

            svg.Append(Inv, $"<text x=\"{px + (pw / 2)}\" y=\"{py + ph + 35}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\">generation</text>\n");
            svg.Append(Inv, $"<text transform=\"translate({ox + 16},{py + (ph / 2)}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\">{Escape(panel.Axis)}</text>\n");
            foreach (var mode in modes)
            {
                var (colour, dash, marker) = Style(mode);
                var points = result.Of(mode).Select(g => (X(g.Generation), Y(panel.Value(g)))).ToList();
                svg.Append(Inv, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.2\" stroke-linejoin=\"round\"{DashAttr(dash)} points=\"{string.Join(" ", points.Select(q => string.Format(Inv, "{0:0.##},{1:0.##}", q.Item1, q.Item2)))}\"/>\n");
                foreach (var (x, y) in points)
                {
                    svg.Append(Marker(marker, x, y, colour));
                }
            }

            svg.Append("</g>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string DashAttr(string dash) => dash.Length == 0 ? "" : $" stroke-dasharray=\"{dash}\"";

    private static string Marker(string shape, double x, double y, string colour) => shape switch
    {
        "square" => string.Format(Inv, "<rect x=\"{0:0.##}\" y=\"{1:0.##}\" width=\"6\" height=\"6\" fill=\"{2}\"/>\n", x - 3, y - 3, colour),
        "diamond" => string.Format(Inv, "<path d=\"M{0:0.##} {1:0.##} l4 4 l-4 4 l-4 -4 z\" fill=\"{2}\"/>\n", x, y - 4, colour),
        "triangle" => string.Format(Inv, "<path d=\"M{0:0.##} {1:0.##} l4 7 l-8 0 z\" fill=\"{2}\"/>\n", x, y - 4, colour),
        _ => string.Format(Inv, "<circle cx=\"{0:0.##}\" cy=\"{1:0.##}\" r=\"3.2\" fill=\"{2}\"/>\n", x, y, colour),
    };

    private static double NiceStep(double range)
    {
        double raw = range / 5, magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double n = raw / magnitude;
        return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * magnitude;
    }

    private static double Ceil(double value, double step) => Math.Ceiling((value / step) - 1e-9) * step;

    private static double Floor(double value, double step) => Math.Floor((value / step) + 1e-9) * step;

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
