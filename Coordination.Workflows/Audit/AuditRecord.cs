namespace Coordination.Workflows.Audit;

/// <summary>What a caller asks to be recorded; the trail adds the time, the sequence and the hashes.</summary>
public sealed record AuditRecord(
    AuditAction Action,
    Guid? ActorUserId,
    string Actor,
    string SubjectType,
    string SubjectId,
    Guid? MunicipalityId,
    string Basis,
    string Detail = "")
{
    public const int MaxActorLength = 256;
    public const int MaxBasisLength = 400;
    public const int MaxDetailLength = 2000;
}
