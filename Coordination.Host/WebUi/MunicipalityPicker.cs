namespace Coordination.Host.WebUi;

/// <summary>The model of <c>Pages/Shared/_MunicipalityPicker</c>: the choice, its texts, and query values to keep.</summary>
public sealed record MunicipalityPicker(MunicipalityChoice Choice, string Label, string Button, IReadOnlyList<(string Name, string Value)> Keep)
{
    public MunicipalityPicker(MunicipalityChoice choice, string label, string button)
        : this(choice, label, button, [])
    {
    }
}
