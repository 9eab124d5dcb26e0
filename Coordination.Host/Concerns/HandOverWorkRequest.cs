namespace Coordination.Host.Concerns;

/// <summary>The member whose open work in the agency is handed over, and the member who gets it.</summary>
public sealed record HandOverWorkRequest(Guid? FromUserId, Guid? ToUserId);
