using Coordination.Contracts.Inspections;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Inspections;
using Coordination.Workflows.Inspections.Rounds;
using Coordination.Workflows.Inspections.Settings;
using Coordination.Workflows.Inspections.Tasks;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Inspections.Rounds;

/// <summary>Asks each participant of a round to take part: a task, and the workflow that reminds and escalates it.</summary>
internal static class RoundParticipation
{
    public static async Task RequestAsync(
        InspectionRound round, CoordinationDbContext db, IPublishEndpoint publish, DateTimeOffset now)
    {
        var settings = await db.InspectionSettingsForAsync(round.MunicipalityId);
        var (remindAt, dueAt) = InspectionDeadlines.Participation(await InspectionDeadlines.CalendarAsync(db, round.MunicipalityId), now, settings);
        if (dueAt > round.StartsAt)
        {
            // The answer is needed before the evening itself.
            dueAt = round.StartsAt;
            remindAt = now + ((dueAt - now) / 2);
        }

        foreach (var agency in round.Participants)
        {
            var task = InspectionTask.Create(
                round.MunicipalityId,
                agency,
                InspectionTaskKind.TakePartInRound,
                $"Take part in the inspection round on {round.Date:yyyy-MM-dd} {round.EveningStart:HH\\:mm}–{round.EveningEnd:HH\\:mm}",
                now,
                dueAt);
            task.RoundId = round.Id;
            db.Add(task);
            await publish.Publish(new ParticipationRequested(task.Id, round.Id, round.MunicipalityId, agency.ToString(), remindAt, dueAt));
        }
    }

    /// <summary>
    /// Applies the licensing unit's decision about a round to the round and its tasks, and saves it.
    /// The round's workflows change its tasks on their own (a late answer cancels a task to plan
    /// again; their reminders and escalations leave the version as it was,
    /// <see cref="Workflows.Persistence.UnversionedAttribute"/>): such a change between the reading
    /// and the saving is no reason to refuse the officer, so the tasks are read again and the
    /// decision applied again, at most three times. A change of the round itself (the police
    /// accepting, another officer deciding at the same moment) is not read over: it stays the 409
    /// of a concurrent change.
    /// </summary>
    public static async Task<InspectionRound> DecideAsync(CoordinationDbContext db, InspectionRound round, Func<InspectionRound, List<InspectionTask>, Task> decide)
    {
        var version = round.Version;
        for (var attempt = 1; ; attempt++)
        {
            var tasks = await db.Set<InspectionTask>().Where(k => k.RoundId == round.Id).ToListAsync();
            await decide(round, tasks);
            try
            {
                await db.SaveChangesAsync();
                return round;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                var id = round.Id;
                db.ChangeTracker.Clear();
                round = await db.Set<InspectionRound>().SingleAsync(r => r.Id == id);
                if (round.Version != version)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>Cancels the open tasks of a round that is planned again: its unanswered requests and the task to plan it again.</summary>
    public static async Task CancelOpenAsync(IEnumerable<InspectionTask> tasks, IPublishEndpoint publish, DateTimeOffset now)
    {
        foreach (var task in tasks.Where(t => t.IsOpen))
        {
            task.Complete(InspectionTaskStatus.Cancelled, now);
            if (task.Kind == InspectionTaskKind.TakePartInRound)
            {
                await publish.Publish(new ParticipationAnswered(task.Id, task.RoundId!.Value, task.MunicipalityId, nameof(InspectionTaskStatus.Cancelled), null, null));
            }

            await publish.EndedAsync(task);
        }
    }

    public static bool IsParticipant(AgencyKind kind) => kind is AgencyKind.Police or AgencyKind.RescueService or AgencyKind.TaxAgency;
}
