namespace Coordination.Host.Identity;

/// <summary>
/// An e-mail address and password, for a token or a cookie. An API client may ask for fewer
/// <see cref="Scopes"/> than the default (<c>read</c> and <c>write</c>): a token with only
/// <c>read</c> cannot change anything.
/// </summary>
public sealed record SignInRequest(string? Email, string? Password, IReadOnlyList<string>? Scopes = null);
