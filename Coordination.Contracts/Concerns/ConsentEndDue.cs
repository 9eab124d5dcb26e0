namespace Coordination.Contracts.Concerns;

/// <summary>The timer of a consent's end fired.</summary>
public sealed record ConsentEndDue(Guid BasisId);
