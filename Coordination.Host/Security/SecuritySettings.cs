using Coordination.Host.Configuration;

namespace Coordination.Host.Security;

/// <summary>
/// The <c>Security</c> section, checked: rate limits (permits per minute, per client IP for
/// sign-in and per user for the API), the largest request body accepted, and how long a
/// password link stays open (<see cref="Identity.PasswordLinks"/>; three days unless set, at most 30).
/// </summary>
public sealed record SecuritySettings(int SignInPermitsPerMinute, int ApiPermitsPerMinute, long MaxRequestBodyBytes, TimeSpan PasswordLinkLifetime)
{
    public const string Section = "Security";

    /// <summary>The longest a password link may stay open: a link is a key to an account while it lasts.</summary>
    public static readonly TimeSpan MaxPasswordLinkLifetime = TimeSpan.FromDays(30);

    public static SecuritySettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        return new SecuritySettings(
            SettingReader.Int(section, "SignInPermitsPerMinute", 30, 1, 1_000_000),
            SettingReader.Int(section, "ApiPermitsPerMinute", 1200, 1, 10_000_000),
            SettingReader.Int(section, "MaxRequestBodyBytes", 1_048_576, 1024, 100 * 1_048_576),
            PasswordLinkLifetimeSetting(section));
    }

    private static TimeSpan PasswordLinkLifetimeSetting(IConfigurationSection section)
    {
        var lifetime = SettingReader.Duration(section, "PasswordLinkLifetime", TimeSpan.FromDays(3));
        return lifetime <= MaxPasswordLinkLifetime
            ? lifetime
            : throw new InvalidSettingException($"{section.Path}:PasswordLinkLifetime", $"'{section["PasswordLinkLifetime"]}' is longer than {MaxPasswordLinkLifetime.Days} days.");
    }
}
