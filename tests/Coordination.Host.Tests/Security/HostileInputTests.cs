using System.Net;
using Coordination.Workflows.Audit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>
/// Ten thousand malformed or hostile requests across every endpoint the app maps, from users of
/// both municipalities and from nobody: no 5xx, no unhandled exception logged, every refusal a
/// problem details, and the database exactly as it was.
/// </summary>
public sealed class HostileInputTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Requests = 10_000;
    private const int Lanes = 4;

    private static readonly string[] Attackers =
    [
        "school.staff@sjostad.demo", "social.coordinator@sjostad.demo", "licensing.staff@sjostad.demo", "social.administrator@sjostad.demo",
        "school.auditor@sjostad.demo", "social.staff@alvby.demo", "licensing.manager@alvby.demo", "police.staff@alvby.demo", "school.staff@alvby.demo",
    ];

    [Fact]
    public async Task Ten_thousand_hostile_requests_get_no_5xx_log_no_unhandled_exception_and_change_nothing()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        var world = await SecurityWorld.BuildAsync(host, users);
        foreach (var attacker in Attackers)
        {
            await users.TokenAsync(attacker);
        }

        var routes = EndpointCatalogue.Of(host.Services);
        var before = await DatabaseFingerprint.StableAsync(host);
        var auditBefore = await host.WithDatabaseAsync(db => db.Set<AuditEntry>().CountAsync());
        var errorsBefore = host.Logs.Errors.Count;

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        await Task.WhenAll(Enumerable.Range(0, Lanes).Select(async lane =>
        {
            var hostile = new HostileRequests(20261122 + lane);
            for (var i = lane; i < Requests; i += Lanes)
            {
                var route = hostile.Pick(routes);
                var attacker = i % 10 == 0 ? null : hostile.Pick(Attackers);
                var ownAlvby = attacker?.EndsWith("@alvby.demo", StringComparison.Ordinal) == true;
                IReadOnlyList<Guid> forged = ownAlvby ? [world.SjostadConcern, world.SjostadId] : world.AlvbyIds;
                var path = EndpointCatalogue.Path(route, p => p.Name == "municipalityId" && ownAlvby ? world.SjostadId.ToString() : hostile.RouteValue(EndpointCatalogue.IsGuid(p), forged));
                using var content = route.IsSafe ? null : hostile.Body();
                using var response = await users.SendAsync(attacker, new HttpMethod(route.Method), path + hostile.Query(), content);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                var body = await response.Content.ReadAsStringAsync();
                var what = $"{route.Method} {path} as {attacker ?? "nobody"}: {status} {Cut(body)}";
                if (status >= 500)
                {
                    failures.Add($"5xx — {what}");
                }
                else if (!route.IsSafe && status < 300 && route.Template != "/api/auth/signout")
                {
                    failures.Add($"a hostile change was accepted — {what}");
                }
                else if (route.Template.StartsWith("/hubs/", StringComparison.Ordinal))
                {
                    // SignalR's transport answers its own protocol errors in plain text; the rules above still hold for it.
                    continue;
                }
                else if (attacker is null && !route.Template.StartsWith("/api/", StringComparison.Ordinal))
                {
                    // A browser on a page (no token) is answered with a page: the status page, or the sign-in page.
                    if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "text/html")
                    {
                        failures.Add($"a page's refusal without the status page — {what}");
                    }
                }
                else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"a refusal without problem details — {what}");
                }
                else if (status == 400 && !body.Contains("\"errors\":{\"", StringComparison.Ordinal))
                {
                    failures.Add($"a 400 that names no field — {what}");
                }
            }
        }));

        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
        output.WriteLine($"{Requests} hostile requests over {routes.Count} endpoints: {summary}");
        Assert.True(failures.IsEmpty, $"{failures.Count} failures ({summary}):\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(Requests, statuses.Values.Sum());

        var errors = host.Logs.Errors.Skip(errorsBefore).ToList();
        Assert.True(errors.Count == 0, "errors logged:\n" + string.Join("\n", errors.Take(10).Select(e => $"{e.Category}: {e.Message} {e.Exception?.GetType().Name}")));

        var after = await DatabaseFingerprint.StableAsync(host);
        var changed = before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).ToList();
        Assert.True(changed.Count == 0, "tables changed by rejected requests: " + string.Join("; ", changed.Select(t => $"{t}: {before.GetValueOrDefault(t)} → {after.GetValueOrDefault(t)}")));

        // Only the refusals themselves were recorded: failed sign-ins, and reads a user was allowed.
        var added = await host.WithDatabaseAsync(db => db.Set<AuditEntry>().Where(e => e.Sequence > auditBefore).Select(e => e.Action).Distinct().ToListAsync());
        Assert.All(added, a => Assert.Contains(a, new[] { AuditAction.SignInFailed, AuditAction.SignedOut, AuditAction.PersonalDataRead, AuditAction.AuditExported }));
        var verification = await host.WithDatabaseAsync(db => AuditVerifier.VerifyAsync(db, CancellationToken.None));
        Assert.True(verification.Intact, verification.Reason);
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
