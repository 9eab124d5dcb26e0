using Coordination.Testing;

namespace Coordination.Workflows.Tests.Runtime.Crash;

/// <summary>
/// Issue 3, "Crash": the host process is killed with SIGKILL while a thousand concern-shaped
/// workflows are in flight; started again on the same database (and virtual host), it finishes
/// every one, with no task recorded twice and no message lost, as counted in the database.
/// The workflows run in <c>Coordination.CrashHost</c>, a child process wired as the service is.
/// </summary>
[Collection(SerialCrashTests.Name)]
public abstract class CrashTests
{
    private const int Workflows = 1000;
    private const string HostAssembly = "Coordination.CrashHost.dll";
    private const string Ready = "Crash host is running";

    // Per workflow: OpenCase and 3 TaskAccepted (case), 3 AssignTask and 3 AcceptTask (task),
    // 3 TaskAssigned (agency), 1 CaseClosed (reporter).
    private const int InboxRowsPerWorkflow = 14;

    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan BeforeKillBound = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan AfterRestartBound = TimeSpan.FromSeconds(150);

    protected abstract Task<CrashBackend> CreateBackendAsync();

    [Fact]
    public async Task A_host_killed_with_a_thousand_workflows_in_flight_finishes_every_one_after_restart_without_duplicates_or_losses()
    {
        await using var backend = await CreateBackendAsync();

        CrashCounts atKill;
        await using (var first = HostProcess.StartAssembly(HostAssembly, backend.HostSettings(raise: Workflows)))
        {
            await first.WaitForOutputAsync(Ready, StartBound);
            await WaitAsync(backend, first, c => c.CasesClosed >= Workflows / 10, BeforeKillBound, "a tenth of the workflows to close before the kill");
            await first.KillAsync();
            atKill = await CrashCounts.ReadAsync(backend);
        }

        Assert.True(atKill.CasesClosed < Workflows, $"Every workflow had finished before the kill, so nothing was in flight: {atKill}");

        await using var second = HostProcess.StartAssembly(HostAssembly, backend.HostSettings(raise: 0));
        await second.WaitForOutputAsync(Ready, StartBound);
        var after = await WaitAsync(backend, second, Settled, AfterRestartBound, $"every workflow to finish after the restart (at the kill: {atKill})");
        await second.StopAsync();

        Assert.Equal(Workflows, after.Cases);
        Assert.Equal(Workflows, after.CasesClosed);
        Assert.Equal(0, after.CasesWithOpenTasksLeft);
        Assert.Equal(3 * Workflows, after.Tasks);
        Assert.Equal(3 * Workflows, after.TasksDone);

        // No duplicate tasks: the agency recorded each task once, three per case.
        Assert.Equal(3 * Workflows, after.AgencyTaskRecords);
        Assert.Equal(3 * Workflows, after.TasksRecordedByAgency);
        Assert.Equal(0, after.CasesWithoutExactlyThreeAgencyTasks);
        Assert.Equal(Workflows, after.ClosureNotices);
        Assert.Equal(Workflows, after.CasesNotified);

        // No lost messages: every expected message consumed once, nothing left to relay, no timer left.
        Assert.Equal(InboxRowsPerWorkflow * Workflows, after.InboxRows);
        Assert.Equal([Workflows, 3 * Workflows, 4 * Workflows, 6 * Workflows], after.InboxByConsumer.Values.Order());
        Assert.Equal(0, after.UndeliveredOutboxRows);
        Assert.Equal(0, after.TimersLeft);
    }

    private static bool Settled(CrashCounts c) =>
        c.ClosureNotices >= Workflows && c.InboxRows >= InboxRowsPerWorkflow * Workflows && c.UndeliveredOutboxRows == 0 && c.TimersLeft == 0;

    private static async Task<CrashCounts> WaitAsync(CrashBackend backend, HostProcess host, Func<CrashCounts, bool> done, TimeSpan bound, string what)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var counts = await CrashCounts.ReadAsync(backend);
            if (done(counts))
            {
                return counts;
            }

            if (host.HasExited || DateTime.UtcNow >= deadline)
            {
                var why = host.HasExited ? "the host exited" : $"waited {bound.TotalSeconds} s";
                throw new TimeoutException($"Crash test: {why} for {what}. Now: {counts}.{Environment.NewLine}Host output:{Environment.NewLine}{Tail(host.Output)}");
            }

            await Task.Delay(500);
        }
    }

    private static string Tail(string output) => output.Length <= 4000 ? output : output[^4000..];
}

public sealed class SqliteInMemoryCrashTests : CrashTests
{
    protected override Task<CrashBackend> CreateBackendAsync() => CrashBackend.SqliteInMemoryAsync();
}

public sealed class PostgresRabbitMqCrashTests : CrashTests
{
    protected override Task<CrashBackend> CreateBackendAsync() => CrashBackend.PostgresRabbitMqAsync();
}
