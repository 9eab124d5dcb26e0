using System.Net;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;
using static Coordination.Host.Tests.Concerns.Caseworkers;

namespace Coordination.Host.Tests.Concerns;

/// <summary>
/// The coordinator routes the concern to the parties the legal basis names, and each gets a task
/// (DOMAIN.md, routing). The routing rules name the usual parties for a category; a party named
/// outside them (leisure on a concern about crime risk and truancy) was shared with and given no
/// task: it could read the concern, and nobody there was told of it.
/// </summary>
public sealed class SharingPartiesTests
{
    private const string LeisureWorker = "leisure.staff@alvby.demo";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task A_party_the_routing_rules_do_not_name_for_the_categories_gets_a_task_when_the_consent_names_it(HostBackend backend)
    {
        await using var host = await EmbeddedHostFactory.CreateAsync(backend, "sharing-parties");
        using var users = new Caseworkers(host);
        var id = (await users.RaiseAsync()).GetProperty("id").GetGuid();
        await users.PostJsonAsync(Reception, $"/api/concerns/{id}/protective-assessment", new { immediateProtectionNeeded = false }, HttpStatusCode.NoContent);

        // The default rules name the police and the school for crime risk and truancy, not leisure.
        using (var page = await users.GetAsync(Coordinator, $"/Concerns/Case/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
            Assert.Contains("Enligt kommunens rutiner deltar för ärendets kategorier: Skola, Polis.", html, StringComparison.Ordinal);
        }

        var consent = await users.PostJsonAsync(Coordinator, $"/api/concerns/{id}/legal-bases", ConcernRequests.GuardiansConsent("2026-11-23", "School", "Leisure"), HttpStatusCode.Created);

        Assert.Equal(["School", "Leisure"], consent.GetProperty("offeredTo").EnumerateArray().Select(e => e.GetString()));
        var task = await users.WaitForTaskAsync(LeisureWorker, id, "JointWork");
        Assert.Equal(consent.GetProperty("taskDue").GetDateTimeOffset(), task.GetProperty("dueAt").GetDateTimeOffset());
        await users.WaitForTaskAsync(Teacher, id, "JointWork");
        Assert.DoesNotContain(await users.QueueAsync(Police), t => IsTask(t, id, "JointWork"));
    }
}
