using Coordination.Host.Concerns;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.WebUi;

/// <summary>
/// How the pages name the holder of work: by name; marked to be given to someone else when work
/// may no longer be given to them (a disabled account, a membership ended); or "not assigned".
/// The managers' dashboard and the task lists show owners alike.
/// </summary>
internal static class OwnerText
{
    public static string Show(IStringLocalizer text, WorkOwner? owner)
    {
        ArgumentNullException.ThrowIfNull(text);
        return owner is null ? text["Dashboard.Unassigned"]
            : owner.Former ? text["Dashboard.FormerOwner", owner.DisplayName]
            : owner.DisplayName;
    }
}
