namespace Coordination.Workflows.Runtime.Diagrams;

/// <summary>One edge of a workflow diagram: in state <paramref name="From"/>, <paramref name="Event"/> leads to <paramref name="To"/>.</summary>
public sealed record WorkflowDiagramTransition(string From, string Event, string To);
