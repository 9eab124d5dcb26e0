using Coordination.Contracts.Concerns;
using Coordination.Host.WebUi;
using Coordination.Workflows.Calendar;
using Coordination.Workflows.Concerns;
using Coordination.Workflows.Concerns.Access;
using Coordination.Workflows.Concerns.Chronology;
using Coordination.Workflows.Concerns.Routing;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using MassTransit;

namespace Coordination.Host.Concerns;

/// <summary>
/// Raising a concern: validated in full before anything is stored; then reception gets its
/// protective-assessment task at once, due by the end of the Stockholm working day. The API
/// and the web form both raise through here.
/// </summary>
public sealed class RaiseConcern(CoordinationDbContext db, IPublishEndpoint bus, TimeProvider clock)
{
    public async Task<Answer<RaisedConcern>> ExecuteAsync(RaiseConcernRequest request, CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(viewer);
        if (!ConcernAgencies.Reporting(viewer.Memberships).Any())
        {
            return Refusal.Forbidden("Concerns are raised by staff of a school, social services, the police or leisure.");
        }

        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        var reporter = ReporterMembership(viewer, request.AgencyId, errors);
        var (identity, name, birthDate) = YoungPerson(request.YoungPerson, now, errors);
        var school = errors.Text("school", request.School, 200, "The school");
        var categories = Categories(request.Categories, errors);
        var urgency = request.Urgency is null ? ConcernUrgency.Normal : errors.Name<ConcernUrgency>("urgency", request.Urgency);
        var description = errors.Text("description", request.Description, 4000, "A description of the concern");
        var guardians = errors.Text("guardianKnowledge", request.GuardianKnowledge, 2000, "What the guardians know (or that they do not know)");
        if (errors.Any)
        {
            return Refusal.Invalid(errors.Errors);
        }

        var municipalityId = reporter!.MunicipalityId;
        var agencies = await db.ByKindAsync(municipalityId, cancellationToken);
        if (!agencies.TryGetValue(AgencyKind.SocialServices, out var socialServices))
        {
            return Refusal.Conflict("No social services", "The municipality has no social services agency to receive the concern.");
        }

        var (_, rules) = await db.CurrentAsync(municipalityId, cancellationToken);
        var calendar = rules.Calendar();
        var concern = new Concern
        {
            Id = Guid.NewGuid(),
            MunicipalityId = municipalityId,
            PersonalIdentityNumber = identity,
            YoungPersonName = name,
            BirthDate = birthDate!.Value,
            HasProtectedIdentity = request.YoungPerson!.ProtectedIdentity,
            School = school!,
            Categories = categories!,
            Urgency = urgency!.Value,
            Description = description!,
            GuardianKnowledge = guardians!,
            ReporterUserId = viewer.UserId,
            ReporterAgencyId = reporter.AgencyId,
            RaisedAt = now,
        };
        var (protectiveDue, preliminaryDue) = DeadlinesFor(calendar, now);

        db.Add(concern);
        db.Add(CaseEvent.Of(concern.Id, now, "ConcernRaised", CaseEventAudience.Reporter, "Concern raised.", viewer.UserId, reporter.AgencyId));
        await bus.Publish(new ConcernRaised(concern.Id, municipalityId, reporter.AgencyId, now, protectiveDue, preliminaryDue), cancellationToken);
        await bus.Publish(TaskOffers.Offer(rules, concern.Id, municipalityId, socialServices, AgencyTaskKind.ProtectiveAssessment,
            "Protective assessment (skyddsbedömning)", now, protectiveDue, endsWithSharing: false), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        return Answers.Of(new RaisedConcern(concern.Id, protectiveDue, preliminaryDue));
    }

    private static MembershipClaim? ReporterMembership(CaseViewer viewer, Guid? agencyId, ValidationErrors errors)
    {
        var candidates = ConcernAgencies.Reporting(viewer.Memberships)
            .Where(m => agencyId is null || m.AgencyId == agencyId)
            .DistinctBy(m => m.AgencyId)
            .ToList();
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        errors.Add("agencyId", candidates.Count == 0
            ? "You can raise a concern only for an agency you work in."
            : "You work in several agencies: say which one you report from.");
        return null;
    }

    private static (string? Identity, string? Name, DateOnly? BirthDate) YoungPerson(YoungPersonRequest? person, DateTimeOffset now, ValidationErrors errors)
    {
        if (person is null)
        {
            errors.Add("youngPerson", "Say who the concern is about: a personnummer, or name and birth date.");
            return (null, null, null);
        }

        var today = StockholmTime.Today(now);
        var name = string.IsNullOrWhiteSpace(person.Name) ? null : person.Name.Trim();
        if (name?.Length > 200)
        {
            errors.Add("youngPerson.name", "At most 200 characters.");
        }

        if (!string.IsNullOrWhiteSpace(person.PersonalIdentityNumber))
        {
            if (!PersonalIdentityNumber.TryParse(person.PersonalIdentityNumber, today, out var number, out var error))
            {
                errors.Add("youngPerson.personalIdentityNumber", error);
                return (null, null, null);
            }

            return (number.ToString(), name, number.BirthDate);
        }

        if (name is null)
        {
            errors.Add("youngPerson.name", "Without a personnummer the name is required.");
        }

        var birthDate = errors.Date("youngPerson.birthDate", person.BirthDate);
        if (birthDate > today)
        {
            errors.Add("youngPerson.birthDate", "The birth date is in the future.");
        }

        return (null, name, birthDate);
    }

    private static List<ConcernCategory>? Categories(IReadOnlyList<string>? names, ValidationErrors errors)
    {
        if (names is null || names.Count == 0)
        {
            errors.Add("categories", "At least one category is required.");
            return null;
        }

        var categories = new List<ConcernCategory>();
        for (var i = 0; i < names.Count; i++)
        {
            if (errors.Name<ConcernCategory>($"categories[{i}]", names[i]) is { } category && !categories.Contains(category))
            {
                categories.Add(category);
            }
        }

        return categories;
    }

    /// <summary>
    /// The protective assessment (same working day, or the next if raised after office hours) and
    /// the preliminary assessment (14 days, moved off a holiday) of a concern raised at <paramref name="raisedAt"/>.
    /// </summary>
    internal static (DateTimeOffset Protective, DateTimeOffset Preliminary) DeadlinesFor(WorkingDayCalendar calendar, DateTimeOffset raisedAt) =>
        (calendar.ProtectiveAssessmentDeadline(raisedAt), calendar.CalendarDeadline(raisedAt, CalendarPeriod.OfDays(14)));
}
