using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Operations;

/// <summary>What a scheduled message is for, in the page's language (<c>Purpose.&lt;message&gt;</c>); the message name when not described.</summary>
public static class TimerPurposes
{
    public static string Purpose(this IStringLocalizer text, string message)
    {
        ArgumentNullException.ThrowIfNull(text);
        var purpose = text["Purpose." + message];
        return purpose.ResourceNotFound ? message : purpose.Value;
    }
}
