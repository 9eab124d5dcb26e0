using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Workflows.Audit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Tests.Security;

/// <summary>The audit log's chain: appended in order, never forked, and any change made in the database found by verify.</summary>
public sealed class AuditChainTests
{
    private const string Auditor = "social.auditor@alvby.demo";
    private const string Administrator = "social.administrator@alvby.demo";

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Sign_ins_that_succeed_and_fail_are_recorded_and_the_chain_verifies(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "audit-signin");
        using var users = new ApiUsers(host);

        await users.TokenAsync("school.staff@alvby.demo");
        using (var wrong = await users.Client.PostAsJsonAsync("/api/auth/token", new { email = "school.staff@alvby.demo", password = "not-the-password" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var entries = await users.GetJsonAsync(Auditor, "/api/audit/entries?subjectType=User");
        var actions = entries.EnumerateArray().Select(e => (Actor: e.GetProperty("actor").GetString(), Action: e.GetProperty("action").GetString())).ToList();
        Assert.Contains(("school.staff@alvby.demo", "SignInSucceeded"), actions);
        Assert.Contains(("school.staff@alvby.demo", "SignInFailed"), actions);
        Assert.Contains((Auditor, "SignInSucceeded"), actions);
        var verification = await users.GetJsonAsync(Administrator, "/api/audit/verification");
        Assert.True(verification.GetProperty("intact").GetBoolean());
        // Three sign-ins and one failure: the staff member's, the auditor's and the administrator's.
        Assert.Equal(4, verification.GetProperty("entries").GetInt64());
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Altering_an_entry_in_the_database_is_found_by_verify(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "audit-alter");
        using var users = new ApiUsers(host);
        await SignInSeveralAsync(users);

        await host.WithDatabaseAsync(async db =>
        {
            await DropAppendOnlyTriggersAsync(db);
            return await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Actor" = 'someone.else@alvby.demo' WHERE "Sequence" = 2""");
        });

        var verification = await users.GetJsonAsync(Administrator, "/api/audit/verification");
        Assert.False(verification.GetProperty("intact").GetBoolean());
        Assert.Equal(2, verification.GetProperty("brokenAt").GetInt64());
        Assert.Contains("changed", verification.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Deleting_an_entry_in_the_database_is_found_by_verify(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "audit-delete");
        using var users = new ApiUsers(host);
        await SignInSeveralAsync(users);

        await host.WithDatabaseAsync(async db =>
        {
            await DropAppendOnlyTriggersAsync(db);
            return await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" WHERE "Sequence" = 3""");
        });

        var verification = await users.GetJsonAsync(Administrator, "/api/audit/verification");
        Assert.False(verification.GetProperty("intact").GetBoolean());
        Assert.Equal(3, verification.GetProperty("brokenAt").GetInt64());
        Assert.Contains("missing", verification.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task The_database_refuses_to_update_or_delete_an_entry(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "audit-append-only");
        using var users = new ApiUsers(host);
        await users.TokenAsync("school.staff@alvby.demo");

        await host.WithDatabaseAsync(async db =>
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Detail" = 'x'"""));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" """));
            return 0;
        });
        Assert.Equal(1, await host.WithDatabaseAsync(db => db.Set<AuditEntry>().CountAsync()));
    }

    [Theory]
    [InlineData(HostBackend.SqliteInMemory)]
    [InlineData(HostBackend.PostgresRabbitMq)]
    public async Task Simultaneous_appends_from_many_requests_never_fork_the_chain(HostBackend backend)
    {
        await using var host = await SecurityHost.CreateAsync(backend, "audit-concurrent");
        using var users = new ApiUsers(host);

        var attempts = Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await users.Client.PostAsJsonAsync("/api/auth/token", new { email = $"nobody{i}@alvby.demo", password = "Wrong-Password-123!" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        });
        await Task.WhenAll(attempts);

        var sequences = await host.WithDatabaseAsync(db => db.Set<AuditEntry>().OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), sequences);
        var verification = await users.GetJsonAsync(Administrator, "/api/audit/verification");
        Assert.True(verification.GetProperty("intact").GetBoolean(), verification.ToString());
    }

    [Fact]
    public async Task Auditors_search_and_export_the_log_and_read_nothing_else()
    {
        await using var host = SecurityHost.OnSqlite();
        using var users = new ApiUsers(host);
        await users.TokenAsync("school.staff@alvby.demo");

        using var csv = await users.GetAsync(Auditor, "/api/audit/export?action=SignInSucceeded");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sequence,at,actorUserId,actor,action", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("school.staff@alvby.demo", StringComparison.Ordinal));

        // The export itself is audited.
        var exported = await users.GetJsonAsync(Auditor, "/api/audit/entries?action=AuditExported");
        Assert.Single(exported.EnumerateArray());

        // Auditors read the audit log only; staff do not read the audit log.
        using (var concerns = await users.GetAsync(Auditor, $"/api/concerns/{Guid.NewGuid()}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, concerns.StatusCode);
        }

        using (var staff = await users.GetAsync("school.staff@alvby.demo", "/api/audit/entries"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, staff.StatusCode);
        }

        using var badFilter = await users.GetAsync(Auditor, "/api/audit/entries?action=Everything&from=yesterday");
        var problem = await ApiUsers.JsonAsync(badFilter, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("action", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("from", out _));
    }

    private static async Task SignInSeveralAsync(ApiUsers users)
    {
        foreach (var user in new[] { "school.staff@alvby.demo", "police.staff@alvby.demo", "social.staff@alvby.demo", "leisure.staff@alvby.demo" })
        {
            await users.TokenAsync(user);
        }
    }

    private static async Task DropAppendOnlyTriggersAsync(Workflows.Persistence.CoordinationDbContext db)
    {
        // Someone with direct access to the database can remove the triggers; the chain still tells.
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "TR_AuditEntries_AppendOnly" ON "AuditEntries" """);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "TR_AuditEntries_NoUpdate" """);
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "TR_AuditEntries_NoDelete" """);
        }
    }
}
