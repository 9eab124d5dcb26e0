namespace Coordination.Host.Concerns;

/// <summary>Who the concern is about: a personnummer or samordningsnummer, or name and birth date when it is unknown.</summary>
public sealed record YoungPersonRequest(string? PersonalIdentityNumber, string? Name, string? BirthDate, bool ProtectedIdentity);
