namespace Coordination.Host.Concerns;

/// <summary>Builds a successful <see cref="Answer{T}"/>.</summary>
public static class Answers
{
    public static Answer<T> Of<T>(T value) => new(value, null);
}
