namespace Coordination.Host.Identity;

/// <summary>An e-mail address and password, for a token or a cookie.</summary>
public sealed record SignInRequest(string? Email, string? Password);
