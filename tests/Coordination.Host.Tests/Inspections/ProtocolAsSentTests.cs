using System.Net;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using static Coordination.Host.Tests.Inspections.InspectionScenario;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// A sent protocol is the document the licensee received: it names the venue and licensee as the
/// register read when it was sent, also after the licence passes to someone else. Before, it was
/// drawn from the register as it reads now, so the protocol of a varning named the new licensee.
/// </summary>
public sealed class ProtocolAsSentTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_sent_protocol_names_the_venue_and_licensee_it_was_sent_to_after_the_register_changes(HostBackend backend)
    {
        await using var scenario = await StartAsync(backend);
        var sentId = await scenario.RegisterVenueAsync("Klubb Natt", "556016-0680");
        var unsentId = await scenario.RegisterVenueAsync("Krogen Hörnet", "556036-0793");
        var sentRound = await scenario.AcceptedRoundAsync(sentId);
        var unsentRound = await scenario.AcceptedRoundAsync(unsentId);
        scenario.Host.Clock.AdvanceTo(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero));
        var sentVisit = await VisitAsync(scenario, sentRound, sentId);
        var unsentVisit = await VisitAsync(scenario, unsentRound, unsentId);
        var sent = await scenario.Officer.PostJsonAsync($"/api/inspections/visits/{sentVisit}/protocol/sent");
        var sentAt = sent.GetProperty("protocolSentAt").GetDateTimeOffset();

        // Both licences pass to new holders, under new names.
        await ChangeAsync(scenario, sentId, "Nattklubben", "556677-8899");
        await ChangeAsync(scenario, unsentId, "Hörnan", "556677-8899");

        // The sent protocol is as it went out, in the API's visit, the printable page and the web page.
        var visit = await scenario.Officer.GetJsonAsync($"/api/inspections/visits/{sentVisit}");
        var to = visit.GetProperty("protocolSentTo");
        Assert.Equal(("Klubb Natt", "Klubb Natt AB", "556016-0680"), (to.GetProperty("venueName").GetString(), to.GetProperty("licenseeName").GetString(), to.GetProperty("organisationNumber").GetString()));
        foreach (var path in new[] { $"/api/inspections/visits/{sentVisit}/protocol", $"/Inspections/Protocol?id={sentVisit}" })
        {
            var html = await HtmlAsync(scenario, path);
            Assert.Contains("Klubb Natt AB (556016-0680)", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Nattklubben", html, StringComparison.Ordinal);
            Assert.Contains($"skickades till tillståndshavaren {StockholmText(sentAt)}", html, StringComparison.Ordinal);
        }

        // An unsent protocol is written from the register as it reads now.
        Assert.Equal(JsonValueKind.Null, (await scenario.Officer.GetJsonAsync($"/api/inspections/visits/{unsentVisit}")).GetProperty("protocolSentTo").ValueKind);
        foreach (var path in new[] { $"/api/inspections/visits/{unsentVisit}/protocol", $"/Inspections/Protocol?id={unsentVisit}" })
        {
            var html = await HtmlAsync(scenario, path);
            Assert.Contains("Hörnan AB (556677-8899)", html, StringComparison.Ordinal);
            Assert.Contains("ska skickas till tillståndshavaren senast", html, StringComparison.Ordinal);
        }
    }

    private static async Task<Guid> VisitAsync(InspectionScenario scenario, Guid roundId, Guid venueId)
    {
        using var recorded = await scenario.RecordVisitAsync(roundId, venueId, Item("serving.outdoor-area", "Remark", "The outdoor area is not marked off."));
        return (await InspectionsClient.ReadAsync(recorded, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private static async Task ChangeAsync(InspectionScenario scenario, Guid venueId, string name, string organisationNumber)
    {
        using var read = await scenario.Officer.GetAsync($"/api/inspections/venues/{venueId}");
        using var changed = await scenario.Officer.PutAsync($"/api/inspections/venues/{venueId}", scenario.VenueBody(name, organisationNumber), read.Headers.ETag!.Tag);
        await InspectionsClient.ReadAsync(changed, HttpStatusCode.OK);
    }

    private static async Task<string> HtmlAsync(InspectionScenario scenario, string path)
    {
        using var response = await scenario.Officer.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static string StockholmText(DateTimeOffset at) => Coordination.Host.WebUi.StockholmTime.Show(at);
}
