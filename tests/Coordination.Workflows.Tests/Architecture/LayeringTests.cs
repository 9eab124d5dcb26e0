using System.Reflection;
using Coordination.Workflows.Persistence;

namespace Coordination.Workflows.Tests.Architecture;

/// <summary>Contracts depend on nothing of ours; the domain never reaches into the host.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Workflows = typeof(CoordinationDbContext).Assembly;
    private static readonly Assembly Contracts = typeof(Coordination.Contracts.Operations.HostProbe).Assembly;

    [Fact]
    public void Contracts_reference_no_project_of_ours()
    {
        var ours = Contracts.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("Coordination", StringComparison.Ordinal));

        Assert.Empty(ours);
    }

    [Fact]
    public void Contracts_reference_nothing_but_the_runtime()
    {
        var references = Contracts.GetReferencedAssemblies().Select(a => a.Name!).Where(n => !n.StartsWith("System", StringComparison.Ordinal));

        Assert.Empty(references);
    }

    [Fact]
    public void Workflows_never_reference_the_host()
    {
        var references = Workflows.GetReferencedAssemblies().Select(a => a.Name);

        Assert.DoesNotContain("Coordination.Host", references);
    }

    [Fact]
    public void Contracts_are_records_without_behaviour()
    {
        var withMethods = Contracts.GetExportedTypes()
            .Where(t => t.IsClass)
            .Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Any(m => !m.IsSpecialName && m.Name is not ("ToString" or "Equals" or "GetHashCode" or "Deconstruct" or "<Clone>$" or "PrintMembers")))
            .Select(t => t.FullName);

        Assert.Empty(withMethods);
    }
}
