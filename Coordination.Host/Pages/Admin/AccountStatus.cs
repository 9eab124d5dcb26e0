namespace Coordination.Host.Pages.Admin;

/// <summary>Whether an account signs in, as the users list shows it and filters by it (ADR 0020).</summary>
public enum AccountStatus
{
    Active = 1,
    Disabled = 2,
}
