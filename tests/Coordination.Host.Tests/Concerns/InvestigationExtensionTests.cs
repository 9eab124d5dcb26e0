using System.Net;
using Coordination.Host.Tests.Infrastructure;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// An investigation is extended to a set later date, at most a year past its current deadline.
/// Before, any later date was taken: a mistyped year (2062 for 2026) took the investigation off
/// the managers' near-limit and overdue lists for decades.
/// </summary>
public sealed class InvestigationExtensionTests
{
    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task An_extension_more_than_a_year_past_the_current_deadline_is_refused_naming_the_date_and_nothing_changes(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "extension-limit");
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "Opened" }, HttpStatusCode.OK);
        var due = (await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "UnderInvestigation", "the investigation opened")).GetProperty("investigationDue").GetDateTimeOffset();
        var path = $"/api/concerns/{id}/investigation/extension";

        foreach (var typo in new[] { "2062-03-31", "9999-12-31", DateOnly.FromDateTime(due.UtcDateTime).AddYears(1).AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })
        {
            var problem = await users.PostJsonAsync(Reception, path, new { newDueDate = typo, reason = "Waiting for a medical report" }, HttpStatusCode.BadRequest);
            Assert.Equal(["newDueDate"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        Assert.Equal(due, (await users.GetJsonAsync(Reception, $"/api/concerns/{id}")).GetProperty("investigationDue").GetDateTimeOffset());

        var extended = await users.PostJsonAsync(Reception, path, new { newDueDate = DateOnly.FromDateTime(due.UtcDateTime).AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason = "Waiting for a medical report" }, HttpStatusCode.OK);
        Assert.True(extended.GetProperty("investigationDue").GetDateTimeOffset() > due);
    }
}
