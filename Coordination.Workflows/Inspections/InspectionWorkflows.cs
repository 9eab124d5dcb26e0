using Coordination.Workflows.Calendar;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Supervision;
using Coordination.Workflows.Inspections.Visits;
using Coordination.Workflows.Runtime.Sagas;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coordination.Workflows.Inspections;

/// <summary>Wires joint licensing inspections (Workflow B): the calendar their deadlines use and their state machines.</summary>
public static class InspectionWorkflows
{
    /// <summary>Inside <c>AddMassTransit</c>: the participation, protocol and supervision state machines on the service's database.</summary>
    public static IBusRegistrationConfigurator AddInspectionWorkflows(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.TryAddSingleton(_ => new WorkingDayCalendar(new WorkingDayCalendarOptions()));
        bus.TryAddSingleton<InspectionDeadlines>();
        bus.AddSagaStateMachine<ParticipationRequestStateMachine, ParticipationRequestState>().UseCoordinationRepository();
        bus.AddSagaStateMachine<ProtocolStateMachine, ProtocolState>().UseCoordinationRepository();
        bus.AddSagaStateMachine<SupervisionCaseStateMachine, SupervisionCaseState>().UseCoordinationRepository();
        return bus;
    }
}
