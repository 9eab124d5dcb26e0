namespace Coordination.Host.Concerns;

/// <summary>What a concern query or command gives back: a value, or the <see cref="Refusal"/> that stopped it.</summary>
public sealed record Answer<T>(T? Value, Refusal? Refusal)
{
    public bool Succeeded => Refusal is null;

    public static implicit operator Answer<T>(Refusal refusal) => new(default, refusal);

    /// <summary>For an endpoint: the value as JSON shaped by <paramref name="ok"/>, or the problem details of the refusal.</summary>
    public IResult ToResult(Func<T, IResult> ok) => Refusal is { } refusal ? refusal.ToProblem() : ok(Value!);
}
