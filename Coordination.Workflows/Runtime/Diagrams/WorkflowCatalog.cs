using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Workflows.Runtime.Diagrams;

/// <summary>The state machines registered in the container, by type name (e.g. <c>ConcernStateMachine</c>).</summary>
public sealed class WorkflowCatalog
{
    private readonly Dictionary<string, StateMachine> machines;

    /// <param name="services">
    /// Read when the catalog is first resolved, after every <c>AddSagaStateMachine</c> has run,
    /// whatever the order of registration.
    /// </param>
    /// <param name="provider">Resolves each machine (a singleton) once.</param>
    public WorkflowCatalog(IServiceCollection services, IServiceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(provider);
        machines = services
            .Select(d => d.ServiceType)
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(StateMachine).IsAssignableFrom(t))
            .Distinct()
            .ToDictionary(t => t.Name, t => (StateMachine)provider.GetRequiredService(t), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<string> Names => machines.Keys.Order(StringComparer.Ordinal).ToList();

    public StateMachine? Find(string name) => machines.GetValueOrDefault(name);
}
