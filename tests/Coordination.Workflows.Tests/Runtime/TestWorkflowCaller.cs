using Coordination.Workflows.Runtime.Journal;

namespace Coordination.Workflows.Tests.Runtime;

/// <summary>Stands in for the host's signed-in user; a test sets it per scope.</summary>
public sealed class TestWorkflowCaller : IWorkflowCaller
{
    public string? UserId { get; set; }
}
