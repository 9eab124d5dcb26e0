namespace Coordination.Host.Concerns;

/// <summary>An agency as people name it, with its municipality.</summary>
public sealed record AgencyName(Guid Id, string Name, Guid MunicipalityId, string MunicipalityName);
