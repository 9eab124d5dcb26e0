namespace Coordination.Host.WebUi.Charts;

/// <summary>One line of a chart: its name (shown in the legend) and one value per label.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<int> Values);
