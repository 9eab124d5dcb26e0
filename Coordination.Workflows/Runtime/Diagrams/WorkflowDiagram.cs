using System.Text;
using MassTransit;

namespace Coordination.Workflows.Runtime.Diagrams;

/// <summary>
/// A state machine drawn from the machine itself, so the picture cannot drift from the code:
/// its states and the transitions its behaviours declare.
/// </summary>
public sealed class WorkflowDiagram
{
    private WorkflowDiagram(IReadOnlyList<string> states, IReadOnlyList<WorkflowDiagramTransition> transitions)
    {
        States = states;
        Transitions = transitions;
    }

    public IReadOnlyList<string> States { get; }

    public IReadOnlyList<WorkflowDiagramTransition> Transitions { get; }

    public static WorkflowDiagram Of(StateMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var collect = typeof(WorkflowDiagram).GetMethod(nameof(Collect), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(machine.InstanceType);
        var transitions = (IEnumerable<WorkflowDiagramTransition>)collect.Invoke(null, [machine])!;
        return new WorkflowDiagram(
            machine.States.Select(s => s.Name).ToList(),
            transitions.OrderBy(t => t.From, StringComparer.Ordinal).ThenBy(t => t.Event, StringComparer.Ordinal).ThenBy(t => t.To, StringComparer.Ordinal).ToList());
    }

    /// <summary>Mermaid <c>stateDiagram-v2</c> text: Initial is entered from the start, Final leads to the end.</summary>
    public string ToMermaid()
    {
        var text = new StringBuilder().AppendLine("stateDiagram-v2");
        foreach (var state in States)
        {
            text.Append("    state \"").Append(state).Append("\" as ").AppendLine(Id(state));
        }

        text.Append("    [*] --> ").AppendLine(Id("Initial"));
        foreach (var transition in Transitions)
        {
            text.Append("    ").Append(Id(transition.From)).Append(" --> ").Append(Id(transition.To))
                .Append(" : ").AppendLine(transition.Event);
        }

        if (States.Contains("Final"))
        {
            text.Append("    ").Append(Id("Final")).AppendLine(" --> [*]");
        }

        return text.ToString();
    }

    private static HashSet<WorkflowDiagramTransition> Collect<TSaga>(StateMachine<TSaga> machine)
        where TSaga : class, SagaStateMachineInstance
    {
        var collector = new TransitionCollector<TSaga>();
        machine.Accept(collector);
        return collector.Transitions;
    }

    // Mermaid ids are plain words; state names may carry dots (e.g. a schedule's states).
    private static string Id(string state) =>
        new(state.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
