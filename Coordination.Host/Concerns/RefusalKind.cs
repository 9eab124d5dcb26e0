namespace Coordination.Host.Concerns;

/// <summary>The kinds of <see cref="Refusal"/>, each with its HTTP status in the API.</summary>
public enum RefusalKind
{
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
}
