using System.Globalization;
using System.Net;
using System.Text;
using Coordination.Host.WebUi;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Visits;

namespace Coordination.Host.Inspections.Visits;

/// <summary>The inspection protocol (tillsynsprotokoll) of a visit as a printable HTML page for the licensee.</summary>
internal static class ProtocolPage
{
    /// <summary>The page's own style sheet; the Content-Security-Policy allows exactly this text by its hash.</summary>
    public const string Style = "body{font-family:serif;max-width:45em;margin:2em auto}table{border-collapse:collapse;width:100%}"
        + "th,td{border:1px solid #444;padding:.3em;text-align:left}@media print{a{display:none}}";

    /// <summary>The protocol's language: Swedish, the licensee's.</summary>
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>The page; <c>itemText</c> gives a checklist item's text in Swedish from its code and the domain's own (English) text.</summary>
    public static string Render(Visit visit, ProtocolRecipient recipient, InspectionRound round, string municipality, Func<string, string, string> itemText)
    {
        ArgumentNullException.ThrowIfNull(itemText);
        ArgumentNullException.ThrowIfNull(recipient);
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Tillsynsprotokoll – ")
            .Append(E(recipient.VenueName))
            .Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>Tillsynsprotokoll</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(municipality)}</p><dl>");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Serveringsställe</dt><dd>{E(recipient.VenueName)}, {E(recipient.Address)}, {E(recipient.PostalTown)}</dd>");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Tillståndshavare</dt><dd>{E(recipient.LicenseeName)} ({E(recipient.OrganisationNumber)})</dd>");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Tillsynsrunda</dt><dd>{round.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}</dd>");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Besök</dt><dd>{StockholmTime.Show(visit.StartedAt)} – {StockholmTime.Show(visit.EndedAt)}</dd>");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Närvarande</dt><dd>{E(string.Join(", ", visit.ParticipantsPresent))}</dd></dl>");
        html.Append("<table><thead><tr><th scope=\"col\">Kontrollpunkt</th><th scope=\"col\">Resultat</th><th scope=\"col\">Anteckning</th></tr></thead><tbody>");
        foreach (var entry in visit.Entries.OrderBy(e => e.Code, StringComparer.Ordinal))
        {
            Checklists.TryFind(entry.Code, out var item);
            var result = entry.Result switch
            {
                ChecklistResult.Ok => "Utan anmärkning",
                ChecklistResult.Remark => "Anmärkning",
                _ => "Ej kontrollerat",
            };
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(itemText(entry.Code, item?.Text ?? entry.Code))}</td><td>{result}</td><td>{E(entry.Note)}</td></tr>");
        }

        html.Append("</tbody></table>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Antal anmärkningar: {visit.RemarkCount}.</p>");
        html.Append(visit.ProtocolSentAt is { } sent
            ? $"<p>Protokollet skickades till tillståndshavaren {StockholmTime.Show(sent)}.</p>"
            : $"<p>Protokollet ska skickas till tillståndshavaren senast {StockholmTime.Show(visit.ProtocolDueAt)}.</p>");
        html.Append("</body></html>");
        return html.ToString();
    }
}
