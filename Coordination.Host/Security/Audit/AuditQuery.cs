using System.Globalization;
using Coordination.Workflows.Audit;

namespace Coordination.Host.Security.Audit;

/// <summary>An auditor's search: who, which record, which action, which period; each field optional.</summary>
internal sealed record AuditQuery(Guid? ActorUserId, string? SubjectType, string? SubjectId, AuditAction? Action, DateTimeOffset? From, DateTimeOffset? To, int Limit)
{
    public const int MaxLimit = 1000;

    /// <summary>Reads the query string; the errors name the parameter that was wrong.</summary>
    public static (AuditQuery? Query, Dictionary<string, string[]> Errors) Read(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? actor = null;
        if (query["actor"] is { Count: > 0 } a)
        {
            if (Guid.TryParse(a.ToString(), out var id))
            {
                actor = id;
            }
            else
            {
                errors["actor"] = ["The actor is a user id."];
            }
        }

        AuditAction? action = null;
        if (query["action"] is { Count: > 0 } act)
        {
            var text = act.ToString();
            if (!char.IsAsciiDigit(text.FirstOrDefault()) && Enum.TryParse<AuditAction>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                action = parsed;
            }
            else
            {
                errors["action"] = [$"'{Cut(text)}' is not one of: {string.Join(", ", Enum.GetNames<AuditAction>())}."];
            }
        }

        var from = Instant(query, "from", errors);
        var to = Instant(query, "to", errors);
        if (from is not null && to is not null && from > to)
        {
            errors["to"] = ["The period ends before it starts."];
        }

        var limit = 200;
        if (query["limit"] is { Count: > 0 } l && (!int.TryParse(l.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            errors["limit"] = [$"A whole number from 1 to {MaxLimit}."];
        }

        var subjectType = Text(query, "subjectType", 60, errors);
        var subjectId = Text(query, "subjectId", 100, errors);
        return errors.Count > 0 ? (null, errors) : (new AuditQuery(actor, subjectType, subjectId, action, from, to, limit), errors);
    }

    private static DateTimeOffset? Instant(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (query[name] is not { Count: > 0 } value)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        errors[name] = ["An instant is written as ISO 8601, e.g. 2026-11-23T08:00:00Z or 2026-11-23."];
        return null;
    }

    private static string? Text(IQueryCollection query, string name, int maxLength, Dictionary<string, string[]> errors)
    {
        var value = query[name].ToString();
        if (value.Length > maxLength)
        {
            errors[name] = [$"At most {maxLength} characters."];
            return null;
        }

        return value.Length == 0 ? null : value;
    }

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
