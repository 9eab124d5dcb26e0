namespace Coordination.Host.Concerns;

/// <summary>
/// Who holds a piece of work, by name; <see cref="Former"/> when work may no longer be given to
/// them in its agency (a disabled account, ADR 0020, or a membership ended), so that what they
/// hold is to be given to someone else.
/// </summary>
public sealed record WorkOwner(Guid UserId, string DisplayName, bool Former);
