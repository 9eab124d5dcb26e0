namespace Coordination.Host.Pages.Operations;

/// <summary>
/// The operations pages' texts: <c>Resources/Pages/Operations/OperationsResource.resx</c> is
/// Swedish (the default), <c>OperationsResource.en.resx</c> English.
/// </summary>
public sealed class OperationsResource;
