using System.Globalization;
using Coordination.Contracts.Concerns;
using Coordination.Workflows.Calendar;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Plans;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// Agreeing the commitment plan (åtagandeplan): its actions become tasks of their agencies and the
/// first review is scheduled. The API and the case page agree plans through here.
/// </summary>
public sealed class AgreePlan(CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock)
{
    /// <summary>The goals' column holds 4,000 characters: the goals and the line breaks between them.</summary>
    private const int MaxGoalsLength = 4000;

    public async Task<Answer<AgreedPlan>> ExecuteAsync(Guid id, PlanRequest request, CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, viewer, clock, cancellationToken);
        if (file is null)
        {
            return refusal!;
        }

        var now = clock.GetUtcNow();
        var (_, rules) = await db.CurrentAsync(file.Concern.MunicipalityId, cancellationToken);
        var calendar = rules.Calendar();
        var today = calendar.LocalDate(now);
        var agencies = await db.ByKindAsync(file.Concern.MunicipalityId, cancellationToken);
        // Decided from the clock, as reads are: a consent past its last day shares nothing even
        // before its end is carried out, and a task offered then would outlive that end.
        var shared = ConcernAccess.SharedAgencies(file.Bases.Where(b => b.AllowsSharingAt(now)));
        var errors = new ValidationErrors();
        var goals = (request.Goals ?? []).Select((g, i) => Goal(errors, i, g)).ToList();
        if (goals.Count == 0)
        {
            errors.Add("goals", "A plan has at least one goal.");
        }
        else if (goals.Sum(g => (g?.Length ?? 0) + 1) - 1 > MaxGoalsLength)
        {
            errors.Add("goals", string.Create(CultureInfo.InvariantCulture, $"The goals are at most {MaxGoalsLength} characters in all."));
        }

        var plan = new CommitmentPlan { ConcernId = id, Goals = string.Join('\n', goals), AgreedAt = now, AgreedByUserId = file.Viewer.UserId };
        var actions = request.Actions ?? [];
        if (actions.Count == 0)
        {
            errors.Add("actions", "A plan has at least one action.");
        }

        for (var i = 0; i < actions.Count; i++)
        {
            var field = $"actions[{i}]";
            if (actions[i] is not { } action)
            {
                errors.Add(field, "An action says what is to be done, by which agency and by when.");
                continue;
            }

            var what = errors.Text($"{field}.what", action.What, 1000, "What is to be done");
            var kind = errors.Name<AgencyKind>($"{field}.agency", action.Agency);
            var byDate = errors.Date($"{field}.byDate", action.ByDate);
            if (byDate < today)
            {
                errors.Add($"{field}.byDate", "The date has passed.");
            }
            else if (byDate == today && now >= calendar.EndOfWorkingDay(today))
            {
                // An action is due when office hours end on its date: today's have ended, so it would be overdue at once.
                errors.Add($"{field}.byDate", "Office hours have ended today; choose a later date.");
            }
            else if (byDate is { } day && !CaseDates.NotTooFarAhead(errors, $"{field}.byDate", day, today))
            {
                // The task is due when office hours end on the date and escalates up to 60 days later
                // (routing rules): at the end of the calendar its workflow could not count that, and
                // the agency would never get the task.
                byDate = null;
            }

            Guid agencyId = default;
            if (kind is { } inspecting && !ConcernAgencies.Includes(inspecting))
            {
                // No legal basis can name an agency of inspections only (DOMAIN.md), so asking for one would be advice nobody can follow.
                errors.Add($"{field}.agency", $"{inspecting} takes part in inspections, not in the joint work on concerns; name social services, the school, the police or leisure.");
            }
            else if (kind is { } missing && !agencies.TryGetValue(missing, out agencyId))
            {
                errors.Add($"{field}.agency", $"The municipality has no {missing} agency.");
            }
            else if (kind is { } k && k != AgencyKind.SocialServices && !shared.Contains(agencyId))
            {
                errors.Add($"{field}.agency", $"The concern is not shared with {k}: record a consent or other legal basis naming it first.");
            }

            if (action.OwnerUserId is { } owner && agencyId != default
                && !await AgencyDirectory.CaseMemberships(db, agencyId).AnyAsync(m => m.UserId == owner, cancellationToken))
            {
                errors.Add($"{field}.ownerUserId", "The owner must be a member of the action's agency who works on cases (staff, manager or coordinator).");
            }

            if (what is not null && byDate is not null && agencyId != default)
            {
                plan.Actions.Add(new PlanAction { Id = Guid.NewGuid(), ConcernId = id, What = what, AgencyId = agencyId, OwnerUserId = action.OwnerUserId, ByDate = byDate.Value, TaskId = Guid.NewGuid() });
            }
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors.Errors);
        }

        // A concern has one plan: looked for holding the concern's row, in the transaction that
        // writes it, so of two plans agreed at the same moment (two tabs, two social workers) the
        // second is refused instead of failing on the plan's key.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.TakeConcernRowAsync(id, cancellationToken);
        if (file.IsClosed || await db.Set<CommitmentPlan>().AnyAsync(p => p.ConcernId == id, cancellationToken))
        {
            return Refusal.Conflict("Plan already agreed", "The concern already has a commitment plan, or it is closed.");
        }

        db.Add(plan);
        foreach (var action in plan.Actions)
        {
            await bus.Publish(
                TaskOffers.Offer(rules, id, file.Concern.MunicipalityId, action.AgencyId, AgencyTaskKind.PlanAction, action.What, now,
                    calendar.EndOfWorkingDay(action.ByDate), endsWithSharing: action.AgencyId != agencies[AgencyKind.SocialServices], action.OwnerUserId) with { TaskId = action.TaskId },
                cancellationToken);
        }

        var reviewDue = calendar.CalendarDeadline(now, CalendarPeriod.OfMonths(rules.ReviewIntervalMonths));
        var review = new ReviewScheduled(Guid.NewGuid(), id, file.Concern.MunicipalityId, agencies[AgencyKind.SocialServices], 1, reviewDue, reviewDue.AddDays(-rules.ReviewReminderDaysBefore));
        await bus.Publish(review, cancellationToken);
        await bus.Publish(new CommitmentPlanAgreed(id, now, plan.Actions.Count), cancellationToken);
        db.Add(CaseEvent.Of(id, now, "CommitmentPlanAgreed", CaseEventAudience.SharedAgencies, $"Commitment plan agreed with {plan.Actions.Count} actions.", file.Viewer.UserId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Answers.Of(new AgreedPlan(review.ReviewId, reviewDue, [.. plan.Actions.Select(a => a.TaskId)]));
    }

    /// <summary>
    /// A goal is one line: the goals are stored one a line and the case page takes one a line, so a
    /// line break inside a goal would come back as two goals.
    /// </summary>
    private static string? Goal(ValidationErrors errors, int index, string? value)
    {
        var goal = errors.Text($"goals[{index}]", value, 500, "A goal");
        if (goal is not null && goal.AsSpan().IndexOfAny('\n', '\r') >= 0)
        {
            errors.Add($"goals[{index}]", "A goal is one line: send each goal as an item of its own.");
            return null;
        }

        return goal;
    }
}
