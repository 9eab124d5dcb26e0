using System.Globalization;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Access;

namespace Coordination.Host.Concerns;

/// <summary>
/// GET /api/concerns: <see cref="ConcernList"/> as JSON, each row in the shape of its access
/// level, filtered by <c>status</c> (open, closed, all), <c>category</c>, <c>urgency</c> and
/// <c>q</c>, paged by <c>page</c> and <c>pageSize</c>. A value it cannot use is a 400 naming the parameter.
/// </summary>
internal static class ConcernListEndpoints
{
    public static RouteGroupBuilder MapConcernList(this RouteGroupBuilder concerns)
    {
        concerns.MapGet("/", async Task<IResult> (HttpContext http, ConcernList list, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var filter = Filter(http.Request.Query, errors);
            if (errors.Any)
            {
                return Problems.Invalid(errors.Errors);
            }

            var page = await list.ListAsync(http.User.Viewer(), filter!, ct);
            return TypedResults.Ok(new
            {
                total = page.Total,
                page = page.Page,
                pageSize = page.PageSize,
                items = page.Items.Select(Json),
            });
        });
        return concerns;
    }

    /// <summary>The filter from a query string (the list page reads its own through the same rules), or null with the errors added.</summary>
    public static ConcernListFilter? Filter(IQueryCollection query, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);
        var status = errors.Once(query, "status") is { } s ? errors.Name<ConcernListStatus>("status", s) : ConcernListStatus.Open;
        var category = errors.Once(query, "category") is { } c ? errors.Name<ConcernCategory>("category", c) : null;
        var urgency = errors.Once(query, "urgency") is { } u ? errors.Name<ConcernUrgency>("urgency", u) : null;
        var search = errors.Once(query, "q")?.Trim();
        if (search is { Length: > ConcernList.MaxSearchLength })
        {
            errors.Add("q", string.Create(CultureInfo.InvariantCulture, $"At most {ConcernList.MaxSearchLength} characters."));
        }

        var page = Number(query, "page", 1, 1, int.MaxValue / ConcernList.MaxPageSize, errors);
        var pageSize = Number(query, "pageSize", ConcernList.DefaultPageSize, 1, ConcernList.MaxPageSize, errors);
        return errors.Any
            ? null
            : new ConcernListFilter(status ?? ConcernListStatus.Open, category, urgency, string.IsNullOrEmpty(search) ? null : search, page, pageSize);
    }

    private static int Number(IQueryCollection query, string name, int fallback, int min, int max, ValidationErrors errors)
    {
        if (errors.Once(query, name) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(name, string.Create(CultureInfo.InvariantCulture, $"A whole number from {min} to {max}."));
        return fallback;
    }

    private static object Json(ConcernListItem item)
    {
        var view = item.View;
        var c = view.Concern;
        return view.Access switch
        {
            ConcernAccessLevel.Reporter => new { id = c.Id, access = "Reporter", raisedAt = c.RaisedAt, feedback = view.FeedbackForViewer?.ToString() },
            ConcernAccessLevel.Shared => new
            {
                id = c.Id,
                access = "Shared",
                raisedAt = c.RaisedAt,
                status = view.SharedStatus,
                youngPerson = new { name = view.YoungPersonName, birthYear = c.HasProtectedIdentity ? (int?)null : c.BirthDate.Year },
                school = view.School,
                categories = c.Categories.Select(x => x.ToString()),
                urgency = c.Urgency.ToString(),
                feedback = view.FeedbackForViewer?.ToString(),
            },
            _ => new
            {
                id = c.Id,
                access = "Full",
                raisedAt = c.RaisedAt,
                status = view.Status,
                municipalityId = c.MunicipalityId,
                youngPerson = new { personalIdentityNumber = c.PersonalIdentityNumber, name = c.YoungPersonName, birthDate = c.BirthDate, protectedIdentity = c.HasProtectedIdentity },
                school = c.School,
                categories = c.Categories.Select(x => x.ToString()),
                urgency = c.Urgency.ToString(),
                nextDeadline = item.NextDeadline is { } next ? new { step = next.Step, dueAt = next.DueAt } : null,
                feedback = view.State?.FeedbackGiven?.ToString(),
                closedAt = view.State?.ClosedAt,
            },
        };
    }
}
