namespace Coordination.Workflows.Concerns.Sharing;

/// <summary>
/// A recorded legal basis for disclosing a concern to other agencies: a consent (who gave it,
/// when, the document) or a cited provision with the official who weighed it. Every
/// disclosure is tied to one; withdrawal stops sharing at once. Recording or withdrawing a
/// basis, or a consent's end, raises the version of every basis of the concern in force, so that two changes of a
/// concern's sharing at the same moment cannot both be saved: each decides who is still shared
/// with (and whose tasks end) from the bases it read.
/// </summary>
public sealed class SharingBasis : Persistence.IVersionedRecord
{
    public Guid Id { get; set; }

    public Guid ConcernId { get; set; }

    public SharingBasisKind Kind { get; set; }

    public ConsentGiver? GivenBy { get; set; }

    public DateOnly? GivenOn { get; set; }

    public string? DocumentReference { get; set; }

    /// <summary>What the consent covers, as the consent names it (DOMAIN: consent names the parties and the scope); null on consents recorded before it was asked.</summary>
    public string? Scope { get; set; }

    public const int ScopeMaxLength = 500;

    /// <summary>The last day a consent is valid, when the consent names one; null: until withdrawn.</summary>
    public DateOnly? ValidUntil { get; set; }

    /// <summary>When a consent valid until a date ends: the start of the day after, in the municipality's time zone.</summary>
    public DateTimeOffset? EndsAt { get; set; }

    /// <summary>The cited paragraph, e.g. <c>OSL 10 kap. 18 a §</c>.</summary>
    public string? Provision { get; set; }

    /// <summary>The official who weighed the disclosure under the provision.</summary>
    public string? WeighedBy { get; set; }

    /// <summary>The agencies the concern may be shared with (the consent's scope of parties).</summary>
    public List<Guid> AgencyIds { get; set; } = [];

    /// <summary>
    /// The joint-work tasks this basis offered, recorded with it: a task's row is created only
    /// when its workflow consumes the offer, so a basis recorded before that (the offer still on
    /// its way) learns from here that the party has been offered one (<see cref="PendingOffers"/>).
    /// </summary>
    public List<SharingOffer> OfferedTasks { get; set; } = [];

    public Guid RecordedByUserId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    public Guid? WithdrawnByUserId { get; set; }

    /// <summary>Not ended by a record: not withdrawn, and a consent's end not yet carried out (<see cref="ConsentEnd"/>).</summary>
    public bool InForce => WithdrawnAt is null;

    /// <summary>
    /// Whether the basis allows sharing at <paramref name="at"/>: in force and, for a consent valid
    /// until a date, before its end. A consent past its end allows nothing even while its end is
    /// still to be carried out (its timer's message not yet consumed), so an access decision asks this.
    /// </summary>
    public bool AllowsSharingAt(DateTimeOffset at) => InForce && (EndsAt is null || at < EndsAt);

    /// <summary>Ended because its validity ran out, not withdrawn by someone (<see cref="ConsentEnd"/>).</summary>
    public bool Expired => WithdrawnAt is not null && WithdrawnByUserId is null && WithdrawnAt == EndsAt;

    /// <summary>
    /// Saves the concern and every basis of it in force as a new version: recording, withdrawing
    /// and a consent's end decide from the bases they read, so two such changes at the same moment
    /// must not both be saved. The concern's version covers the first basis, when there is none in
    /// force to conflict on.
    /// </summary>
    public static void ChangeSharing(Persistence.CoordinationDbContext db, Concern concern, IEnumerable<SharingBasis> bases)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(bases);
        db.Entry(concern).Property(c => c.Version).IsModified = true;
        foreach (var inForce in bases.Where(b => b.InForce))
        {
            db.Entry(inForce).Property(b => b.Version).IsModified = true;
        }
    }

    /// <summary>
    /// The agencies offered a task by a basis in force whose task does not exist yet (its offer not
    /// yet consumed): the offer stands, since the agency is still shared with, so a new basis must
    /// not offer it another. <paramref name="createdTaskIds"/> are those of the offered tasks that exist.
    /// </summary>
    public static IEnumerable<Guid> PendingOffers(IEnumerable<SharingBasis> bases, IReadOnlyCollection<Guid> createdTaskIds) =>
        OffersInForce(bases).Where(o => !createdTaskIds.Contains(o.TaskId)).Select(o => o.AgencyId).Distinct();

    /// <summary>The tasks offered by the bases in force.</summary>
    public static IEnumerable<SharingOffer> OffersInForce(IEnumerable<SharingBasis> bases) =>
        bases.Where(b => b.InForce).SelectMany(b => b.OfferedTasks);

    public int Version { get; set; }
}
