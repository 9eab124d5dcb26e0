using Coordination.Workflows.Calendar;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Runtime.Sagas;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Coordination.Workflows.Inspections;

/// <summary>Wires joint licensing inspections (Workflow B): the calendar their deadlines use and their state machines.</summary>
public static class InspectionWorkflows
{
    /// <summary>
    /// Inside <c>AddMassTransit</c>: the participation, protocol, re-inspection and supervision state
    /// machines, the due-time escalation of the other inspection tasks, and the start-up repair that
    /// gives open tasks without one their escalation, on the service's database. Each machine keeps
    /// at most one timer pending and touches at most one per message: on SQLite, Quartz's scheduler
    /// thread holds its in-process lock while it waits for the database, so a second timer written
    /// in the same transaction would wait for the scheduler while the scheduler waits for that transaction.
    /// </summary>
    public static IBusRegistrationConfigurator AddInspectionWorkflows(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddSagaStateMachine<ParticipationRequestStateMachine, ParticipationRequestState>().UseCoordinationRepository();
        bus.AddSagaStateMachine<ProtocolStateMachine, ProtocolState>().UseCoordinationRepository();
        bus.AddSagaStateMachine<ReInspectionStateMachine, ReInspectionState>().UseCoordinationRepository();
        bus.AddSagaStateMachine<SupervisionCaseStateMachine, SupervisionCaseState>().UseCoordinationRepository();
        bus.AddSagaStateMachine<InspectionTaskDeadlineStateMachine, InspectionTaskDeadlineState>().UseCoordinationRepository();
        bus.TryAddSingleton<InspectionTaskDeadlineRepair>();
        bus.AddHostedService(sp => sp.GetRequiredService<InspectionTaskDeadlineRepair>());
        return bus;
    }
}
