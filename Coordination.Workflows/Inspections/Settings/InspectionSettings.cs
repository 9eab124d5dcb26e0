namespace Coordination.Workflows.Inspections.Settings;

/// <summary>
/// The rules of joint inspections that differ between municipalities: the weights of the risk
/// factors, deadlines and the yearly promise of joint rounds. A municipality without a stored
/// row uses <see cref="DefaultsFor"/>.
/// </summary>
public sealed class InspectionSettings
{
    public Guid MunicipalityId { get; set; }

    /// <summary>Joint rounds with the police promised per year (medborgarlöfte).</summary>
    public int YearlyJointRoundPromise { get; set; } = 4;

    /// <summary>Working days an agency has to answer a participation request.</summary>
    public int ParticipationAnswerWorkingDays { get; set; } = 3;

    /// <summary>Working days before the answer deadline when the agency is reminded.</summary>
    public int ParticipationReminderWorkingDays { get; set; } = 1;

    /// <summary>Working days to send the protocol to the licensee (practice: about 10).</summary>
    public int ProtocolWorkingDays { get; set; } = 10;

    /// <summary>Working days before the protocol deadline when the officer is reminded.</summary>
    public int ProtocolReminderWorkingDays { get; set; } = 2;

    /// <summary>Calendar days the licensee has to reply to kommunicering (about two weeks).</summary>
    public int KommuniceringReplyDays { get; set; } = 14;

    /// <summary>Calendar days within which a re-inspection takes place after minor remarks or a sanction.</summary>
    public int ReInspectionDays { get; set; } = 60;

    /// <summary>
    /// Calendar days after the appeal window ended during which an appeal received in time may
    /// still be entered on the case (ADR 0019): the time such a letter plausibly takes to reach the
    /// case, by post, through the registry, or forwarded by the court it was sent to.
    /// </summary>
    public int LateAppealEntryDays { get; set; } = 30;

    /// <summary>Months between follow-ups of a venue under supervision.</summary>
    public int SupervisionFollowUpMonths { get; set; } = 6;

    /// <summary>Serving after this local time counts as late hours.</summary>
    public TimeOnly LateHoursFrom { get; set; } = new(1, 0);

    public int DancingWeight { get; set; } = 10;

    public int YoungCrowdWeight { get; set; } = 15;

    public int LateHoursWeight { get; set; } = 15;

    /// <summary>Points per remark in the venue's history.</summary>
    public int EarlierRemarkWeight { get; set; } = 5;

    /// <summary>Points per erinran, varning or återkallelse in the venue's history.</summary>
    public int EarlierSanctionWeight { get; set; } = 20;

    /// <summary>Points per complaint.</summary>
    public int ComplaintWeight { get; set; } = 5;

    /// <summary>Points per full month since the last visit (or since registration), up to 24 months.</summary>
    public int MonthSinceLastVisitWeight { get; set; } = 2;

    /// <summary>Points for a venue under supervision whose follow-up is due: puts it first.</summary>
    public int SupervisionFollowUpWeight { get; set; } = 100;

    public static InspectionSettings DefaultsFor(Guid municipalityId) => new() { MunicipalityId = municipalityId };
}
