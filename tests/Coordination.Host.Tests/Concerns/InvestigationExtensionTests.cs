using System.Net;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Concerns.Routing;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// The calendar's first day, sent as the new date where the office day ends early (00:30): it
    /// has no instant in Stockholm time (then about 1 h 12 min ahead of UTC), and the request
    /// was answered with a server error instead of the field's error.
    /// </summary>
    [Fact]
    public async Task An_extension_to_the_calendars_first_day_is_refused_at_its_field_whatever_the_office_hours()
    {
        await using var host = EmbeddedHostFactory.OnSqliteAndInMemory(EmbeddedHostFactory.DefaultStart);
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/preliminary-assessment", new { decision = "Opened" }, HttpStatusCode.OK);
        await users.WaitForConcernAsync(id, c => c.GetProperty("status").GetString() == "UnderInvestigation", "the investigation opened");
        await host.WithDatabaseAsync(async db =>
        {
            var municipality = await db.Set<Coordination.Workflows.Concerns.Concern>().Where(c => c.Id == id).Select(c => c.MunicipalityId).SingleAsync();
            var (version, rules) = await db.CurrentAsync(municipality, CancellationToken.None);
            db.Add(new RoutingRuleSet
            {
                Id = Guid.NewGuid(),
                MunicipalityId = municipality,
                Version = version + 1,
                Rules = System.Text.Json.JsonSerializer.Serialize(rules with { OfficeHoursEnd = new TimeOnly(0, 30) }, RoutingRules.Json),
                ChangedAt = host.Clock.GetUtcNow(),
            });
            return await db.SaveChangesAsync();
        });

        var problem = await users.PostJsonAsync(Reception, $"/api/concerns/{id}/investigation/extension", new { newDueDate = "0001-01-01", reason = "Waiting for a medical report" }, HttpStatusCode.BadRequest);
        Assert.Equal(["newDueDate"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }
}
