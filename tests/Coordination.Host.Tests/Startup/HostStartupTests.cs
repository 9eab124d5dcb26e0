using System.Net;
using System.Net.Http.Json;
using Coordination.Host.Tests.Infrastructure;
using Coordination.Testing;

namespace Coordination.Host.Tests.Startup;

public sealed class HostStartupTests
{
    [Fact]
    public async Task Embedded_default_starts_reports_ready_and_reuses_its_data_on_the_second_start()
    {
        using var data = new TemporaryDirectory();
        var settings = HostSettings.EmbeddedDefault(data.Path);

        await using (var first = HostProcess.Start(settings))
        {
            using var client = new HttpClient { BaseAddress = await first.WaitUntilStartedAsync() };
            var ready = await ReadyProbe.WaitForAsync(client, r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
            Assert.Equal(new Dictionary<string, string> { ["bus"] = "Healthy", ["database"] = "Healthy", ["scheduler"] = "Healthy" }, ready.Checks);
            Assert.Contains("Demo users", first.Output, StringComparison.Ordinal);
            Assert.Contains($"Database: SQLite in {data.Path}", first.Output, StringComparison.Ordinal);
            await first.StopAsync();
        }

        Assert.True(File.Exists(Path.Combine(data.Path, "coordination.db")));
        await using var second = HostProcess.Start(settings);
        using var again = new HttpClient { BaseAddress = await second.WaitUntilStartedAsync() };
        await ReadyProbe.WaitForAsync(again, r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("Demo users", second.Output, StringComparison.Ordinal);

        // The demo user created by the first start can still sign in: the data was reused.
        using var token = await again.PostAsJsonAsync("/api/auth/token", new { email = "social.staff@alvby.demo", password = "Demo-Samverkan-2026!" });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Host_starts_on_PostgreSQL_and_RabbitMQ_and_reports_ready()
    {
        await using var database = await PostgresDatabase.CreateAsync("startup");
        await using var vhost = await RabbitMqVirtualHost.CreateAsync("startup");
        await using var host = HostProcess.Start(HostSettings.PostgresAndRabbitMq(database.ConnectionString, vhost));
        using var client = new HttpClient { BaseAddress = await host.WaitUntilStartedAsync() };

        var ready = await ReadyProbe.WaitForAsync(client, r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        Assert.Equal("Healthy", ready.Status);
        Assert.Equal(["bus", "database", "scheduler"], ready.Checks.Keys.Order());
        Assert.Contains("Database: PostgreSQL", host.Output, StringComparison.Ordinal);
        Assert.Contains("Messaging: RabbitMq", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liveness_answers_without_signing_in()
    {
        using var data = new TemporaryDirectory();
        await using var host = HostProcess.Start(HostSettings.EmbeddedDefault(data.Path));
        using var client = new HttpClient { BaseAddress = await host.WaitUntilStartedAsync() };

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
