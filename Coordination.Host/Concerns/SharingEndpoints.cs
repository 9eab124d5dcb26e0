using Coordination.Host.Security.Audit;
using Coordination.Workflows.Audit;
using Coordination.Contracts.Concerns;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Plans;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Concerns.Sharing;
using Coordination.Workflows.Concerns.Tasks;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Concerns;

/// <summary>
/// Recording consent or another legal basis, which routes the concern to the parties' task
/// queues, and withdrawing consent, which stops sharing at once and cancels their open tasks.
/// </summary>
internal static class SharingEndpoints
{
    public static RouteGroupBuilder MapSharing(this RouteGroupBuilder concerns)
    {
        concerns.MapPost("/{id:guid}/legal-bases", RecordAsync);
        concerns.MapPost("/{id:guid}/legal-bases/{basisId:guid}/withdrawal", WithdrawAsync);
        return concerns;
    }

    internal static async Task<IResult> RecordAsync(
        Guid id, LegalBasisRequest request, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, http.User.Viewer(), clock, cancellationToken);
        if (file is null)
        {
            return refusal!.ToProblem();
        }

        var now = clock.GetUtcNow();
        var (_, rules) = await db.CurrentAsync(file.Concern.MunicipalityId, cancellationToken);
        var today = rules.Calendar().LocalDate(now);
        var agencies = await db.ByKindAsync(file.Concern.MunicipalityId, cancellationToken);
        var errors = new ValidationErrors();
        var basis = new SharingBasis { Id = Guid.NewGuid(), ConcernId = id, RecordedByUserId = file.Viewer.UserId, RecordedAt = now };
        basis.AgencyIds = Parties(request.Parties, agencies, errors);
        var kind = errors.Name<SharingBasisKind>("kind", request.Kind);
        if (kind == SharingBasisKind.Consent)
        {
            basis.GivenBy = errors.Name<ConsentGiver>("givenBy", request.GivenBy);
            basis.GivenOn = errors.Date("givenOn", request.GivenOn);
            basis.DocumentReference = errors.Text("documentReference", request.DocumentReference, 200, "The consent document's reference");
            basis.Scope = errors.Text("scope", request.Scope, SharingBasis.ScopeMaxLength, "What the consent covers");
            var dated = basis.GivenOn;
            if (basis.GivenOn > today)
            {
                errors.Add("givenOn", "A consent cannot be dated in the future.");
                dated = null;
            }
            else if (basis.GivenOn < file.Concern.BirthDate)
            {
                errors.Add("givenOn", "A consent cannot be dated before the young person's birth date.");
                dated = null;
            }

            basis.ValidUntil = errors.OptionalDate("validUntil", request.ValidUntil);
            if (basis.ValidUntil is { } until)
            {
                // A consent is given by today (givenOn above), so one valid from today on ends after it was given.
                if (until < today)
                {
                    errors.Add("validUntil", "A consent valid only until a past day no longer allows sharing: record it only if it is still valid.");
                }
                else if (CaseDates.NotTooFarAhead(errors, "validUntil", until, today))
                {
                    basis.EndsAt = rules.Calendar().StartOfDay(until.AddDays(1));
                }
            }

            // Who must consent follows the age on the consent's date; without a usable date, the
            // age today, so that a wrong date never lets a consent past the rule unnoticed.
            if (basis.GivenBy is { } givenBy)
            {
                var age = Age(file.Concern.BirthDate, dated ?? today);
                if (!ConsentRule.IsValid(givenBy, age))
                {
                    errors.Add("givenBy", ConsentRule.Explain(age));
                }
            }
        }
        else if (kind == SharingBasisKind.Provision)
        {
            basis.Provision = errors.Text("provision", request.Provision, 200, "The cited provision");
            basis.WeighedBy = errors.Text("weighedBy", request.WeighedBy, 200, "The official who weighed the disclosure");
            if (!string.IsNullOrWhiteSpace(request.ValidUntil))
            {
                errors.Add("validUntil", "Only a consent is valid until a date; a provision applies until the basis is withdrawn.");
            }
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.Errors);
        }

        basis.Kind = kind!.Value;
        if (file.IsClosed)
        {
            return Problems.Conflict("Concern closed", "A closed concern is no longer shared.");
        }

        var ageNow = Age(file.Concern.BirthDate, today);
        if (ageNow < rules.AgeBandFrom || ageNow > rules.AgeBandTo)
        {
            return Problems.Conflict("Outside the age band", $"Joint work in this municipality covers ages {rules.AgeBandFrom}–{rules.AgeBandTo}; the young person is {ageNow}.");
        }

        // Which agencies are shared with before this basis, as the bases read say; every one of
        // them is saved anew, so a withdrawal committed meanwhile makes this save conflict (409).
        var sharedBefore = ConcernAccess.SharedAgencies(file.Bases);
        SharingBasis.ChangeSharing(db, file.Concern, file.Bases);
        db.Add(basis);
        var named = agencies.Where(a => basis.AgencyIds.Contains(a.Value)).ToList();
        var names = named.Select(a => a.Key.ToString());
        db.Add(CaseEvent.Of(id, now, "LegalBasisRecorded", CaseEventAudience.SocialServices,
            basis.Kind == SharingBasisKind.Consent ? $"Consent ({basis.GivenBy}) recorded; shared with {string.Join(", ", names)}." : $"Disclosure under {basis.Provision}, weighed by {basis.WeighedBy}; shared with {string.Join(", ", names)}.",
            file.Viewer.UserId));
        db.Add(CaseEvent.Of(id, now, "ConcernShared", CaseEventAudience.SharedAgencies, "The concern was shared with the agencies taking part.", file.Viewer.UserId));
        await bus.Publish(new SharingBasisRecorded(id, basis.Id, basis.AgencyIds, now), cancellationToken);
        if (basis.EndsAt is { } endsAt)
        {
            await bus.Publish(new ConsentEndSet(basis.Id, id, endsAt), cancellationToken);
        }

        // Route: each party the basis names gets one joint-work task, also one the routing rules do
        // not name for these categories (they suggest the parties): a party shared with and given
        // no task would see the concern without anyone there being told of it.
        var routed = named.OrderBy(a => a.Key).Select(a => (Kind: a.Key, Id: a.Value)).ToList();
        // A party's open task counts only while a basis in force shares the concern with it: one
        // whose sharing was withdrawn is being cancelled (the withdrawal's message says so), even
        // if its workflow has not consumed that yet, so the party gets a new one. An offer of a
        // basis in force whose task does not exist yet counts too: it is on its way.
        var alreadyOffered = (await db.Open().Where(t => t.ConcernId == id && t.Kind == AgencyTaskKind.JointWork).Select(t => t.AgencyId).ToListAsync(cancellationToken))
            .Where(sharedBefore.Contains)
            .Concat(SharingBasis.PendingOffers(file.Bases, await CreatedAsync(db, file.Bases, cancellationToken)))
            .ToList();
        var due = rules.TaskAnswerDue(now);
        var offeredTo = new List<string>();
        foreach (var (agencyKind, agencyId) in routed.Where(a => !alreadyOffered.Contains(a.Id)))
        {
            var offer = TaskOffers.Offer(rules, id, file.Concern.MunicipalityId, agencyId, AgencyTaskKind.JointWork,
                "Joint work on a concern (SSPF): accept or decline", now, due, endsWithSharing: true);
            basis.OfferedTasks.Add(new SharingOffer(agencyId, offer.TaskId));
            await bus.Publish(offer, cancellationToken);
            offeredTo.Add(agencyKind.ToString());
        }

        var planActionsOffered = await OfferPlanActionsAgainAsync(db, bus, file, rules, named.Select(a => a.Value).ToList(), sharedBefore, now, due, cancellationToken);

        // The basis and each disclosure it allows are audited in the same transaction.
        var why = CaseReadAudit.Describe(basis);
        audit.Record(http.User.Audit(AuditAction.LegalBasisRecorded, "Concern", id, file.Concern.MunicipalityId, why, $"parties: {string.Join(", ", names)}"));
        foreach (var party in named)
        {
            audit.Record(http.User.Audit(AuditAction.Disclosure, "Concern", id, file.Concern.MunicipalityId, why, $"disclosed to {party.Key} ({party.Value}): shared minimum fields"));
        }

        await audit.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/concerns/{id}/legal-bases/{basis.Id}", new { id = basis.Id, offeredTo, taskDue = due, planActionsOffered });
    }

    /// <summary>
    /// A plan action of a party whose sharing ended was cancelled with it, and a plan is agreed
    /// once: without this, a consent that lapsed and was given again left the party's actions
    /// cancelled for good, the plan's promise kept by nobody. So a basis that names the party
    /// again offers each such action anew, as a new task the action now points to: one whose task
    /// was cancelled for the sharing, or is still open while no basis in force named the party
    /// (its cancellation is on its way). Done and declined actions stay as they are. The new task
    /// is due by the action's date, or, if that has passed, by the time to answer a new task;
    /// its owner keeps it while still working on the agency's cases. Returns the new task ids.
    /// </summary>
    private static async Task<List<Guid>> OfferPlanActionsAgainAsync(
        CoordinationDbContext db, IPublishEndpoint bus, CaseFile file, RoutingRules rules, List<Guid> named, IReadOnlyCollection<Guid> sharedBefore,
        DateTimeOffset now, DateTimeOffset answerDue, CancellationToken cancellationToken)
    {
        var id = file.Concern.Id;
        var actions = await db.Set<PlanAction>().Where(a => a.ConcernId == id && named.Contains(a.AgencyId)).ToListAsync(cancellationToken);
        if (actions.Count == 0)
        {
            return [];
        }

        var taskIds = actions.Select(a => a.TaskId).ToList();
        var tasks = await db.Set<AgencyTaskState>().AsNoTracking()
            .Where(t => taskIds.Contains(t.CorrelationId) && t.EndsWithSharing)
            .ToDictionaryAsync(t => t.CorrelationId, cancellationToken);
        var open = OpenTasks.States;
        var lost = actions.Where(a => tasks.TryGetValue(a.TaskId, out var task)
                && (task.CurrentState == nameof(AgencyTaskStateMachine.Cancelled) || (open.Contains(task.CurrentState) && !sharedBefore.Contains(a.AgencyId))))
            .ToList();
        if (lost.Count == 0)
        {
            return [];
        }

        var owners = lost.Where(a => a.OwnerUserId is not null).Select(a => a.OwnerUserId!.Value).ToList();
        var members = await AgencyDirectory.CaseMemberships(db, lost.Select(a => a.AgencyId).Distinct().ToList())
            .Where(m => owners.Contains(m.UserId)).Select(m => new { m.AgencyId, m.UserId }).ToListAsync(cancellationToken);
        var calendar = rules.Calendar();
        var offered = new List<Guid>();
        foreach (var action in lost)
        {
            var byDate = calendar.EndOfWorkingDay(action.ByDate);
            var owner = members.Any(m => m.AgencyId == action.AgencyId && m.UserId == action.OwnerUserId) ? action.OwnerUserId : null;
            var offer = TaskOffers.Offer(rules, id, file.Concern.MunicipalityId, action.AgencyId, AgencyTaskKind.PlanAction, action.What, now,
                byDate > answerDue ? byDate : answerDue, endsWithSharing: true, owner);
            action.TaskId = offer.TaskId;
            await bus.Publish(offer, cancellationToken);
            offered.Add(offer.TaskId);
        }

        db.Add(CaseEvent.Of(id, now, "PlanActionsOfferedAgain", CaseEventAudience.SharedAgencies,
            $"Sharing resumed: {lost.Count} plan action(s) cancelled when sharing ended offered again.", file.Viewer.UserId));
        return offered;
    }

    internal static async Task<IResult> WithdrawAsync(
        Guid id, Guid basisId, HttpContext http, CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (file, refusal) = await CaseFile.ForSocialServicesAsync(db, id, http.User.Viewer(), clock, cancellationToken);
        if (file is null)
        {
            return refusal!.ToProblem();
        }

        var basis = file.Bases.FirstOrDefault(b => b.Id == basisId);
        if (basis is null)
        {
            return Problems.NotFound("Legal basis");
        }

        if (!basis.InForce)
        {
            return Problems.Conflict("Already withdrawn", "This consent was already withdrawn or ended.");
        }

        var now = clock.GetUtcNow();
        SharingBasis.ChangeSharing(db, file.Concern, file.Bases);
        basis.WithdrawnAt = now;
        basis.WithdrawnByUserId = file.Viewer.UserId;

        // Whose tasks end follows from the bases read; another change of them committed meanwhile
        // makes this save conflict (409), so two withdrawals at once cannot each leave the other's
        // agencies shared.
        var stillShared = ConcernAccess.SharedAgencies(file.Bases);
        db.Add(CaseEvent.Of(id, now, "LegalBasisWithdrawn", CaseEventAudience.SocialServices, $"{basis.Kind} withdrawn: sharing under it stopped.", file.Viewer.UserId));
        await bus.Publish(new SharingBasisWithdrawn(id, basis.Id, stillShared, now), cancellationToken);
        audit.Record(http.User.Audit(AuditAction.LegalBasisWithdrawn, "Concern", id, file.Concern.MunicipalityId, $"{basis.Kind} {basis.Id}", "sharing under it stopped"));
        await audit.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Which of the tasks offered by the bases in force exist, their offers consumed.</summary>
    private static async Task<List<Guid>> CreatedAsync(CoordinationDbContext db, List<SharingBasis> bases, CancellationToken cancellationToken)
    {
        var offered = SharingBasis.OffersInForce(bases).Select(o => o.TaskId).ToList();
        return offered.Count == 0
            ? []
            : await db.Set<AgencyTaskState>().Where(t => offered.Contains(t.CorrelationId)).Select(t => t.CorrelationId).ToListAsync(cancellationToken);
    }

    private static List<Guid> Parties(IReadOnlyList<string>? names, Dictionary<AgencyKind, Guid> agencies, ValidationErrors errors)
    {
        var parties = new List<Guid>();
        if (names is null || names.Count == 0)
        {
            errors.Add("parties", "Name at least one agency the concern may be shared with.");
            return parties;
        }

        for (var i = 0; i < names.Count; i++)
        {
            var kind = errors.Name<AgencyKind>($"parties[{i}]", names[i]);
            if (kind == AgencyKind.SocialServices)
            {
                errors.Add($"parties[{i}]", "Social services hold the concern; name the other agencies.");
            }
            else if (kind is { } inspecting && !ConcernAgencies.Includes(inspecting))
            {
                // The licensing unit, the rescue service and the tax agency take part in inspections
                // only (DOMAIN.md): no legal basis shares a concern about a young person with them.
                errors.Add($"parties[{i}]", $"{inspecting} takes part in inspections, not in the joint work on concerns; name the school, the police or leisure.");
            }
            else if (kind is { } k && !agencies.ContainsKey(k))
            {
                errors.Add($"parties[{i}]", $"The municipality has no {k} agency.");
            }
            else if (kind is { } known && !parties.Contains(agencies[known]))
            {
                parties.Add(agencies[known]);
            }
        }

        return parties;
    }

    private static int Age(DateOnly birthDate, DateOnly on)
    {
        var age = on.Year - birthDate.Year;
        return on < birthDate.AddYears(age) ? age - 1 : age;
    }
}
