using Coordination.Workflows.Runtime.Diagrams;
using Coordination.Workflows.Tests.Runtime.Counter;
using Coordination.Workflows.Tests.Runtime.Reminders;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Workflows.Tests.Runtime;

public sealed class WorkflowDiagramTests
{
    [Fact]
    public void The_diagram_shows_every_state_and_each_transition_labelled_with_its_event()
    {
        var machine = new CounterStateMachine();

        var mermaid = WorkflowDiagram.Of(machine).ToMermaid();

        Assert.StartsWith("stateDiagram-v2", mermaid, StringComparison.Ordinal);
        foreach (var state in machine.States)
        {
            Assert.Contains($"state \"{state.Name}\" as {state.Name}", mermaid, StringComparison.Ordinal);
        }

        Assert.Contains("[*] --> Initial", mermaid, StringComparison.Ordinal);
        Assert.Contains("Initial --> Counting : Started", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_lists_the_registered_state_machines_by_name()
    {
        var services = new ServiceCollection();
        services.AddMassTransit(bus =>
        {
            bus.AddSagaStateMachine<CounterStateMachine, CounterState>();
            bus.AddSagaStateMachine<ReminderStateMachine, ReminderState>();
        });
        services.AddSingleton(provider => new WorkflowCatalog(services, provider));
        using var provider = services.BuildServiceProvider();

        var catalog = provider.GetRequiredService<WorkflowCatalog>();

        Assert.Equal([nameof(CounterStateMachine), nameof(ReminderStateMachine)], catalog.Names);
        Assert.IsType<CounterStateMachine>(catalog.Find("counterstatemachine"));
    }
}
