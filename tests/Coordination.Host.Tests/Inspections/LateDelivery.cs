using Coordination.Testing;
using Coordination.Workflows.Runtime.Incidents;
using Coordination.Workflows.Runtime.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Host.Tests.Inspections;

/// <summary>
/// An event delivered late, as the relay delivers one whose timer overtook it, or an incident's
/// retry delivers it again: published straight to the bus, then waited for until a workflow
/// consumed it (its id in the inbox) or failed it after every retry (an incident).
/// </summary>
internal static class LateDelivery
{
    /// <param name="schedulingToken">For a timer's message: the token its timer was set with, as the scheduler sends it.</param>
    /// <returns>The incident the message became, or null when it was consumed.</returns>
    public static async Task<Incident?> DeliverAsync<T>(InspectionScenario scenario, T message, Guid? schedulingToken = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var messageId = NewId.NextGuid();
        await scenario.Host.Services.GetRequiredService<IBus>().Publish(message, send =>
        {
            send.MessageId = messageId;
            if (schedulingToken is { } token)
            {
                send.Headers.Set(MessageHeaders.SchedulingTokenId, token.ToString("D"));
            }
        });
        var (_, incident) = await Poll.UntilAsync(
            () => scenario.Host.WithDatabaseAsync(async db => (
                Consumed: await db.Set<InboxState>().AnyAsync(i => i.MessageId == messageId),
                Incident: await db.Set<Incident>().AsNoTracking().FirstOrDefaultAsync(i => i.MessageId == messageId))),
            seen => seen.Consumed || seen.Incident is not null,
            InspectionScenario.WorkflowWait,
            $"{typeof(T).Name} consumed or failed");
        return incident;
    }

    /// <summary>Fails with the incident's exception when the late event was not consumed.</summary>
    public static void AssertConsumed(Incident? incident) =>
        Assert.True(incident is null, incident is null ? null : $"The late event became an incident: {incident.ExceptionType}: {incident.ExceptionMessage}");

    /// <summary>The workflow's state of the instance, or null once it has ended.</summary>
    public static Task<string?> StateAsync<TSaga>(InspectionScenario scenario, Guid correlationId)
        where TSaga : class, SagaStateMachineInstance, ISagaVersion
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Host.WithDatabaseAsync(db => db.Set<TSaga>().AsNoTracking()
            .Where(s => s.CorrelationId == correlationId)
            .Select(s => EF.Property<string>(s, "CurrentState"))
            .FirstOrDefaultAsync());
    }
}
