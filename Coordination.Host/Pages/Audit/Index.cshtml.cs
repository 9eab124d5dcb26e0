using System.Globalization;
using Coordination.Host.Security.Audit;
using Coordination.Host.WebUi;
using Coordination.Workflows;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

namespace Coordination.Host.Pages.Audit;

/// <summary>
/// The audit log for auditors: the entries of their municipalities (<see cref="AuditSearch"/>, the
/// same rule as <c>/api/audit</c>), newest first, 50 to a page, searched by action, who (an e-mail
/// address), record type and id and a period of Stockholm days; the same search as a CSV export,
/// which is itself audited; and, on request, a check of the whole hash chain.
/// </summary>
public sealed class IndexModel(CoordinationDbContext db, AuditTrail trail, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int PageSize = 50;

    public AuditAction? Action { get; private set; }

    public string? Who { get; private set; }

    public string? SubjectType { get; private set; }

    public string? SubjectId { get; private set; }

    public DateOnly? From { get; private set; }

    public DateOnly? To { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>How many pages the search fills; one when it finds nothing.</summary>
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public AuditVerification? Verification { get; private set; }

    /// <summary>False when the search could not be read: the errors are at their fields and nothing is listed.</summary>
    public bool Searched { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Read() is not { } query)
        {
            return Page();
        }

        var entries = AuditSearch.Entries(db, query, User);
        Total = await entries.CountAsync(cancellationToken);
        var verify = Request.Query["verify"] == "1";
        if (Total > 0 && PageNumber > Pages)
        {
            // A page past the end (an old link, a narrower search) shows the last one, at its own address.
            return LocalRedirect(Link(Pages, verify: verify));
        }

        Entries = await entries.OrderByDescending(e => e.Sequence).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        if (verify)
        {
            Verification = await AuditVerifier.VerifyAsync(db, cancellationToken);
        }

        Searched = true;
        return Page();
    }

    /// <summary>The same search as CSV, oldest first, every entry it finds.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (Read() is not { } query)
        {
            return Page();
        }

        var csv = await AuditSearch.ExportAsync(db, trail, query, User, Request.QueryString.Value, cancellationToken);
        return File(csv, "text/csv; charset=utf-8", "audit.csv");
    }

    /// <summary>
    /// The address of this search with another page, with the chain check, or as the export. The
    /// query string is written here: given to <c>Url.Page</c> as a route value, <c>page</c> would be
    /// taken for the Razor page's name.
    /// </summary>
    public string Link(int? page = null, string? handler = null, bool verify = false) => QueryHelpers.AddQueryString(Url.Page("/Audit/Index", handler)!, new Dictionary<string, string?>
    {
        ["action"] = Action?.ToString(),
        ["who"] = Who,
        ["subjectType"] = SubjectType,
        ["subjectId"] = SubjectId,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["page"] = page is null or 1 ? null : page.Value.ToString(CultureInfo.InvariantCulture),
        ["verify"] = verify ? "1" : null,
    }.Where(p => p.Value is not null));

    /// <summary>
    /// The search from the address. The form sends only what it offers, so a value it could not
    /// have sent comes from an edited address: it is named at its field, and nothing is listed.
    /// </summary>
    private AuditQuery? Read()
    {
        var query = Request.Query;
        if (One(query, "action") is { } action)
        {
            Action = EnumNames.Find<AuditAction>(action);
            if (Action is null)
            {
                ModelState.AddModelError("action", text["Audit.Error.Action"]);
            }
        }

        Who = Text(query, "who", AuditQuery.MaxActorNameLength);
        SubjectType = Text(query, "subjectType", 60);
        SubjectId = Text(query, "subjectId", 100);
        From = Date(query, "from");
        To = Date(query, "to");
        if (From is { } first && To is { } last && first > last)
        {
            ModelState.AddModelError("to", text["Audit.Error.Period"]);
        }

        if (One(query, "page") is { } page)
        {
            if (int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 100_000)
            {
                PageNumber = number;
            }
            else
            {
                ModelState.AddModelError("", text["Audit.Error.Page"]);
            }
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        // A period of whole days in Stockholm: from the first day's start to the last day's end.
        // The calendar's first day starts before the first instant a DateTimeOffset holds and its
        // last day has no next day to end at, so a period reaching either is open at that end, as
        // /api/audit takes 0001-01-01 and 9999-12-31 (read as instants) without complaint.
        var from = From is { } f && f != DateOnly.MinValue ? StockholmTime.FromLocal(f.ToDateTime(TimeOnly.MinValue)) : (DateTimeOffset?)null;
        var to = To is { } t && t != DateOnly.MaxValue ? StockholmTime.FromLocal(t.AddDays(1).ToDateTime(TimeOnly.MinValue)).AddTicks(-1) : (DateTimeOffset?)null;
        return new AuditQuery(null, SubjectType, SubjectId, Action, from, to, PageSize, Who);
    }

    private string? One(IQueryCollection query, string name)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            ModelState.AddModelError(name, text["Audit.Error.Twice"]);
            return null;
        }

        return StringValues.IsNullOrEmpty(values) || string.IsNullOrWhiteSpace(values[0]) ? null : values[0]!.Trim();
    }

    private string? Text(IQueryCollection query, string name, int maxLength)
    {
        var value = One(query, name);
        if (value is { Length: var length } && length > maxLength)
        {
            ModelState.AddModelError(name, string.Format(CultureInfo.CurrentCulture, text["Audit.Error.TooLong"], maxLength));
            return null;
        }

        return value;
    }

    private DateOnly? Date(IQueryCollection query, string name)
    {
        if (One(query, name) is not { } value)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        ModelState.AddModelError(name, text["Audit.Error.Date"]);
        return null;
    }
}
