using Coordination.Workflows.Concerns.Reviews;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Runtime.Sagas;
using MassTransit;

namespace Coordination.Workflows.Concerns;

/// <summary>Puts the concern, agency-task, review and consent-end state machines on the bus, their instances in the database.</summary>
public static class ConcernWorkflowRegistration
{
    public static IBusRegistrationConfigurator AddConcernWorkflows(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddSagaStateMachine<ConcernStateMachine, ConcernState>().UseCoordinationRepository();
        bus.AddSagaStateMachine<AgencyTaskStateMachine, AgencyTaskState>().UseCoordinationRepository();
        bus.AddSagaStateMachine<ReviewStateMachine, ReviewState>().UseCoordinationRepository();
        bus.AddSagaStateMachine<ConsentEndStateMachine, ConsentEndState>().UseCoordinationRepository();
        bus.AddConsumer<EscalationRecipientsCheck>();
        return bus;
    }
}
