namespace Coordination.Workflows.Identity;

/// <summary>
/// A one-time link with which a user sets their password: issued by an administrator for a new
/// account or a forgotten password, handed to the user outside the service, and used once
/// before it expires. Only a SHA-256 hash of the link's secret is stored, so the table alone
/// opens no account; a newer link for the same user replaces the older one.
/// </summary>
public sealed class PasswordLink
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The secret's SHA-256 hash in lower-case hex (64 characters).</summary>
    public string TokenHash { get; set; } = string.Empty;

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The administrator who issued it.</summary>
    public Guid IssuedBy { get; set; }

    /// <summary>The municipality in which it was issued: its auditors see the link used.</summary>
    public Guid MunicipalityId { get; set; }

    /// <summary>When the password was set with it; a used link opens nothing.</summary>
    public DateTimeOffset? UsedAt { get; set; }
}
