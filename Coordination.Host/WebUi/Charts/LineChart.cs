using System.Globalization;
using System.Net;
using System.Text;

namespace Coordination.Host.WebUi.Charts;

/// <summary>
/// A line chart drawn as SVG on the server: no script, no inline style (presentation attributes
/// only, which the CSP allows), a title and description for screen readers. Pages show the
/// same numbers in a table beside it.
/// </summary>
public static class LineChart
{
    private const int Width = 640;
    private const int Height = 260;
    private const int Left = 44;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 40;

    /// <summary>Colours with at least 3:1 contrast on white; series also differ by marker shape.</summary>
    private static readonly string[] Colours = ["#0b4f8a", "#b00020", "#1d6b33", "#6a3d9a"];

    public static string Svg(string id, string title, string description, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        var max = Math.Max(1, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (labels.Count <= 1 ? plotWidth / 2.0 : i * plotWidth / (double)(labels.Count - 1));
        double Y(int v) => Top + plotHeight - (v * plotHeight / (double)max);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title><desc id=\"{id}-desc\">{Encode(description)}</desc>");
        foreach (var tick in Ticks(max))
        {
            var y = Y(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#b9c0ca\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1f24\">{tick}</text>");
        }

        for (var i = 0; i < labels.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{Height - 14}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1f24\">{Encode(labels[i])}</text>");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colours[s % Colours.Length];
            var points = string.Join(' ', series[s].Values.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(v):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"3\"/>");
            for (var i = 0; i < series[s].Values.Count; i++)
            {
                var (x, y) = (X(i), Y(series[s].Values[i]));
                svg.Append(s % 2 == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"4.5\" fill=\"{colour}\"/>")
                    : string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{x - 4.5:0.#}\" y=\"{y - 4.5:0.#}\" width=\"9\" height=\"9\" fill=\"{colour}\"/>"));
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static IEnumerable<int> Ticks(int max)
    {
        var step = Math.Max(1, (int)Math.Ceiling(max / 4.0));
        for (var v = 0; v <= max; v += step)
        {
            yield return v;
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
