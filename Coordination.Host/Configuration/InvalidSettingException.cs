namespace Coordination.Host.Configuration;

/// <summary>A setting is missing or wrong; the process stops and prints <see cref="Exception.Message"/>.</summary>
public sealed class InvalidSettingException(string setting, string problem)
    : Exception($"Invalid setting {setting}: {problem}")
{
    /// <summary>The setting's configuration path, e.g. <c>Database:Provider</c>.</summary>
    public string Setting { get; } = setting;
}
