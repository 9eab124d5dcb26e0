namespace Coordination.Host.Concerns;

/// <summary>
/// A consent (kind Consent: givenBy, givenOn, documentReference, scope, and validUntil when it is
/// valid until a date) or another legal basis (kind
/// Provision: provision, weighedBy), naming the agency kinds the concern may be shared with.
/// </summary>
public sealed record LegalBasisRequest(
    string? Kind,
    IReadOnlyList<string>? Parties,
    string? GivenBy,
    string? GivenOn,
    string? DocumentReference,
    string? Provision,
    string? WeighedBy,
    string? Scope = null,
    string? ValidUntil = null);
