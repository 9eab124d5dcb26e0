using Coordination.Workflows.Runtime.Journal;
using Coordination.Workflows.Tests.Runtime.Counter;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>The journal of transitions, on both stacks.</summary>
public abstract class JournalTests
{
    protected abstract Task<RuntimeBackend> CreateBackendAsync();

    [Fact]
    public async Task A_transition_is_journalled_with_its_event_states_message_and_the_user_who_caused_it()
    {
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend);
        var id = Guid.NewGuid();
        var messageId = NewId.NextGuid();

        await host.Send(new StartCounter(id, Guid.NewGuid()), messageId, userId: "user-42");
        await host.Recorder.WaitFor<CounterStarted>(m => m.CounterId == id);

        var journal = await host.Query(db => db.Set<WorkflowTransition>().AsNoTracking().Where(t => t.InstanceId == id).ToListAsync());
        var transition = Assert.Single(journal);
        Assert.Equal(nameof(CounterStateMachine), transition.Workflow);
        Assert.Equal(nameof(CounterStateMachine.Started), transition.Event);
        Assert.Equal("Initial", transition.FromState);
        Assert.Equal(nameof(CounterStateMachine.Counting), transition.ToState);
        Assert.Equal(messageId, transition.MessageId);
        Assert.Equal("user-42", transition.Cause);
    }

    [Fact]
    public async Task A_message_sent_in_a_users_request_journals_that_user_as_the_cause()
    {
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend);
        var id = Guid.NewGuid();

        await host.SendInRequest(new StartCounter(id, Guid.NewGuid()), userId: "user-9");

        await host.Recorder.WaitFor<CounterStarted>(m => m.CounterId == id);
        var journal = await host.Query(db => db.Set<WorkflowTransition>().AsNoTracking().Where(t => t.InstanceId == id).ToListAsync());
        Assert.Equal("user-9", Assert.Single(journal).Cause);
    }

    [Fact]
    public async Task A_transition_without_a_user_is_caused_by_the_system()
    {
        await using var backend = await CreateBackendAsync();
        await using var host = await RuntimeTestHost.StartAsync(backend);

        var id = await host.StartCounter();

        var journal = await host.Query(db => db.Set<WorkflowTransition>().AsNoTracking().Where(t => t.InstanceId == id).ToListAsync());
        Assert.Equal(WorkflowHeaders.SystemCause, Assert.Single(journal).Cause);
    }
}

public sealed class SqliteInMemoryJournalTests : JournalTests
{
    protected override Task<RuntimeBackend> CreateBackendAsync() => SqliteInMemoryBackend.CreateAsync();
}

public sealed class PostgresRabbitMqJournalTests : JournalTests
{
    protected override Task<RuntimeBackend> CreateBackendAsync() => PostgresRabbitMqBackend.CreateAsync();
}
