namespace Coordination.Host.WebUi;

/// <summary>
/// The web UI's texts: <c>Resources/WebUi/SharedResource.resx</c> is Swedish (the default),
/// <c>SharedResource.en.resx</c> English.
/// </summary>
public sealed class SharedResource;
