using Coordination.Host.Configuration;

namespace Coordination.Host.Security;

/// <summary>
/// The <c>Security</c> section, checked: rate limits (permits per minute, per client IP for
/// sign-in and per user for the API) and the largest request body accepted.
/// </summary>
public sealed record SecuritySettings(int SignInPermitsPerMinute, int ApiPermitsPerMinute, long MaxRequestBodyBytes)
{
    public const string Section = "Security";

    public static SecuritySettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        return new SecuritySettings(
            SettingReader.Int(section, "SignInPermitsPerMinute", 30, 1, 1_000_000),
            SettingReader.Int(section, "ApiPermitsPerMinute", 1200, 1, 10_000_000),
            SettingReader.Int(section, "MaxRequestBodyBytes", 1_048_576, 1024, 100 * 1_048_576));
    }
}
