namespace Coordination.Bench.References;

/// <summary>Raw broker rate: all confirmed after <paramref name="PublishedSeconds"/>, all consumed after <paramref name="Seconds"/>.</summary>
public sealed record RabbitMqResult(int Messages, double PublishedSeconds, double Seconds)
{
    public double MessagesPerSecond => Messages / Seconds;
}
