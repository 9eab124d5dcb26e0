using System.Runtime.CompilerServices;
using Coordination.Workflows.Concerns.Tasks;
using MassTransit;

namespace Coordination.Host.Concerns.Live;

/// <summary>
/// Wires the live inbox to the bus: the observer on the agency-task state machine, and the push
/// consumer on an endpoint of each host instance's own (temporary), since every instance has
/// its own browser connections to tell.
/// </summary>
internal static class LiveInboxRegistration
{
    // The state machine is one per container; tests build several containers per process.
    private static readonly ConditionalWeakTable<object, object> Connected = [];

    public static IBusRegistrationConfigurator AddLiveTaskInbox(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<TaskInboxPush>().Endpoint(e =>
        {
            e.InstanceId = Guid.NewGuid().ToString("N");
            e.Temporary = true;
        });
        bus.AddConfigureEndpointsCallback((context, _, _) =>
        {
            var stateMachine = context.GetRequiredService<AgencyTaskStateMachine>();
            if (Connected.TryAdd(stateMachine, stateMachine))
            {
                stateMachine.ConnectStateObserver(new TaskOpenedObserver());
            }
        });
        return bus;
    }
}
