namespace Coordination.Bench.Measuring;

/// <summary>Latency of one step over a pass, in milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.Order().ToArray();
        return new Percentiles(sorted.Length, At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99), sorted[^1]);
    }

    /// <summary>Nearest rank: the smallest sample with at least <paramref name="quantile"/> of them at or below it.</summary>
    private static double At(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
