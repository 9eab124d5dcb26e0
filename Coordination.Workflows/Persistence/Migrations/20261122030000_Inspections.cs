using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>Joint licensing inspections: venues and their history, settings, rounds, tasks, visits, supervision cases and their workflows.</summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261122030000_Inspections")]
public sealed class Inspections : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "Venues",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                LicenseeName = table.Column<string>(maxLength: 200, nullable: false),
                OrganisationNumber = table.Column<string>(maxLength: 20, nullable: false),
                Address = table.Column<string>(maxLength: 200, nullable: false),
                PostalTown = table.Column<string>(maxLength: 100, nullable: false),
                LicenceKinds = table.Column<string>(maxLength: 200, nullable: false),
                ServingFrom = table.Column<TimeOnly>(nullable: true),
                ServingUntil = table.Column<TimeOnly>(nullable: true),
                ResponsiblePersons = table.Column<string>(maxLength: 2000, nullable: false),
                HasDancing = table.Column<bool>(nullable: false),
                HasYoungCrowd = table.Column<bool>(nullable: false),
                Complaints = table.Column<int>(nullable: false),
                OpenSupervisionCaseId = table.Column<Guid>(nullable: true),
                FollowUpDueAt = table.Column<DateTime>(nullable: true),
                ReInspectionDueAt = table.Column<DateTime>(nullable: true),
                LastVisitedAt = table.Column<DateTime>(nullable: true),
                RegisteredAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Venues", x => x.Id));
        migrationBuilder.CreateIndex("IX_Venues_MunicipalityId", "Venues", "MunicipalityId");

        migrationBuilder.CreateTable(
            name: "VenueHistory",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                VenueId = table.Column<Guid>(nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Kind = table.Column<string>(maxLength: 40, nullable: false),
                Sanction = table.Column<string>(maxLength: 40, nullable: true),
                VisitId = table.Column<Guid>(nullable: true),
                SupervisionCaseId = table.Column<Guid>(nullable: true),
                Text = table.Column<string>(maxLength: 2000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_VenueHistory", x => x.Id);
                table.ForeignKey("FK_VenueHistory_Venues_VenueId", x => x.VenueId, "Venues", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_VenueHistory_VenueId_At", "VenueHistory", ["VenueId", "At"]);

        migrationBuilder.CreateTable(
            name: "InspectionSettings",
            columns: table => new
            {
                MunicipalityId = table.Column<Guid>(nullable: false),
                YearlyJointRoundPromise = table.Column<int>(nullable: false),
                ParticipationAnswerWorkingDays = table.Column<int>(nullable: false),
                ParticipationReminderWorkingDays = table.Column<int>(nullable: false),
                ProtocolWorkingDays = table.Column<int>(nullable: false),
                ProtocolReminderWorkingDays = table.Column<int>(nullable: false),
                KommuniceringReplyDays = table.Column<int>(nullable: false),
                ReInspectionDays = table.Column<int>(nullable: false),
                SupervisionFollowUpMonths = table.Column<int>(nullable: false),
                LateHoursFrom = table.Column<TimeOnly>(nullable: false),
                DancingWeight = table.Column<int>(nullable: false),
                YoungCrowdWeight = table.Column<int>(nullable: false),
                LateHoursWeight = table.Column<int>(nullable: false),
                EarlierRemarkWeight = table.Column<int>(nullable: false),
                EarlierSanctionWeight = table.Column<int>(nullable: false),
                ComplaintWeight = table.Column<int>(nullable: false),
                MonthSinceLastVisitWeight = table.Column<int>(nullable: false),
                SupervisionFollowUpWeight = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_InspectionSettings", x => x.MunicipalityId));

        migrationBuilder.CreateTable(
            name: "InspectionRounds",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                Date = table.Column<DateOnly>(nullable: false),
                EveningStart = table.Column<TimeOnly>(nullable: false),
                EveningEnd = table.Column<TimeOnly>(nullable: false),
                StartsAt = table.Column<DateTime>(nullable: false),
                VenueIds = table.Column<string>(maxLength: 4000, nullable: false),
                Participants = table.Column<string>(maxLength: 200, nullable: false),
                Status = table.Column<string>(maxLength: 40, nullable: false),
                PlannedAt = table.Column<DateTime>(nullable: false),
                PlannedBy = table.Column<Guid>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_InspectionRounds", x => x.Id));
        migrationBuilder.CreateIndex("IX_InspectionRounds_MunicipalityId_Date", "InspectionRounds", ["MunicipalityId", "Date"]);

        migrationBuilder.CreateTable(
            name: "InspectionTasks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                AgencyKind = table.Column<string>(maxLength: 40, nullable: false),
                Kind = table.Column<string>(maxLength: 40, nullable: false),
                Status = table.Column<string>(maxLength: 40, nullable: false),
                Title = table.Column<string>(maxLength: 300, nullable: false),
                RoundId = table.Column<Guid>(nullable: true),
                VenueId = table.Column<Guid>(nullable: true),
                VisitId = table.Column<Guid>(nullable: true),
                SupervisionCaseId = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                DueAt = table.Column<DateTime>(nullable: true),
                Reminders = table.Column<int>(nullable: false),
                LastRemindedAt = table.Column<DateTime>(nullable: true),
                EscalatedAt = table.Column<DateTime>(nullable: true),
                ProposedStart = table.Column<DateTime>(nullable: true),
                Note = table.Column<string>(maxLength: 2000, nullable: true),
                CompletedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_InspectionTasks", x => x.Id));
        migrationBuilder.CreateIndex("IX_InspectionTasks_MunicipalityId_AgencyKind_Status", "InspectionTasks", ["MunicipalityId", "AgencyKind", "Status"]);

        migrationBuilder.CreateTable(
            name: "Visits",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RoundId = table.Column<Guid>(nullable: false),
                VenueId = table.Column<Guid>(nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                EndedAt = table.Column<DateTime>(nullable: false),
                ParticipantsPresent = table.Column<string>(maxLength: 2000, nullable: false),
                ProtocolDueAt = table.Column<DateTime>(nullable: false),
                ProtocolSentAt = table.Column<DateTime>(nullable: true),
                ProtocolTaskId = table.Column<Guid>(nullable: false),
                Outcome = table.Column<string>(maxLength: 40, nullable: true),
                OutcomeAt = table.Column<DateTime>(nullable: true),
                RecordedAt = table.Column<DateTime>(nullable: false),
                RecordedBy = table.Column<Guid>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Visits", x => x.Id));
        migrationBuilder.CreateIndex("IX_Visits_RoundId", "Visits", "RoundId");
        migrationBuilder.CreateIndex("IX_Visits_VenueId", "Visits", "VenueId");

        migrationBuilder.CreateTable(
            name: "VisitChecklistEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                VisitId = table.Column<Guid>(nullable: false),
                Code = table.Column<string>(maxLength: 80, nullable: false),
                Result = table.Column<string>(maxLength: 40, nullable: false),
                Note = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_VisitChecklistEntries", x => x.Id);
                table.ForeignKey("FK_VisitChecklistEntries_Visits_VisitId", x => x.VisitId, "Visits", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_VisitChecklistEntries_VisitId", "VisitChecklistEntries", "VisitId");

        migrationBuilder.CreateTable(
            name: "SupervisionCases",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                VenueId = table.Column<Guid>(nullable: false),
                VisitId = table.Column<Guid>(nullable: false),
                Status = table.Column<string>(maxLength: 40, nullable: false),
                OpenedAt = table.Column<DateTime>(nullable: false),
                ProposedSanction = table.Column<string>(maxLength: 40, nullable: true),
                KommuniceringText = table.Column<string>(maxLength: 4000, nullable: true),
                KommuniceringSentAt = table.Column<DateTime>(nullable: true),
                ReplyDueAt = table.Column<DateTime>(nullable: true),
                Reply = table.Column<string>(maxLength: 4000, nullable: true),
                RepliedAt = table.Column<DateTime>(nullable: true),
                Decision = table.Column<string>(maxLength: 40, nullable: true),
                DecidedAt = table.Column<DateTime>(nullable: true),
                MostSeriousCase = table.Column<bool>(nullable: false),
                Justification = table.Column<string>(maxLength: 4000, nullable: true),
                AppealEndsAt = table.Column<DateTime>(nullable: true),
                AppealLodgedAt = table.Column<DateTime>(nullable: true),
                NextFollowUpAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_SupervisionCases", x => x.Id));
        migrationBuilder.CreateIndex("IX_SupervisionCases_VenueId", "SupervisionCases", "VenueId");

        migrationBuilder.CreateTable(
            name: "ParticipationRequestStates",
            columns: table => new
            {
                CorrelationId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                CurrentState = table.Column<string>(maxLength: 64, nullable: false),
                RoundId = table.Column<Guid>(nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                AgencyKind = table.Column<string>(maxLength: 40, nullable: false),
                DueAt = table.Column<DateTime>(nullable: false),
                ReminderToken = table.Column<Guid>(nullable: true),
                DeadlineToken = table.Column<Guid>(nullable: true),
                ReplanTaskId = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ParticipationRequestStates", x => x.CorrelationId));

        migrationBuilder.CreateTable(
            name: "ProtocolStates",
            columns: table => new
            {
                CorrelationId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                CurrentState = table.Column<string>(maxLength: 64, nullable: false),
                ProtocolTaskId = table.Column<Guid>(nullable: false),
                DueAt = table.Column<DateTime>(nullable: false),
                ReminderToken = table.Column<Guid>(nullable: true),
                DeadlineToken = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ProtocolStates", x => x.CorrelationId));

        migrationBuilder.CreateTable(
            name: "SupervisionCaseStates",
            columns: table => new
            {
                CorrelationId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                CurrentState = table.Column<string>(maxLength: 64, nullable: false),
                VenueId = table.Column<Guid>(nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                FirstFollowUpAt = table.Column<DateTime>(nullable: true),
                ReplyDeadlineToken = table.Column<Guid>(nullable: true),
                AppealWindowToken = table.Column<Guid>(nullable: true),
                FollowUpToken = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_SupervisionCaseStates", x => x.CorrelationId));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("SupervisionCaseStates");
        migrationBuilder.DropTable("ProtocolStates");
        migrationBuilder.DropTable("ParticipationRequestStates");
        migrationBuilder.DropTable("SupervisionCases");
        migrationBuilder.DropTable("VisitChecklistEntries");
        migrationBuilder.DropTable("Visits");
        migrationBuilder.DropTable("InspectionTasks");
        migrationBuilder.DropTable("InspectionRounds");
        migrationBuilder.DropTable("InspectionSettings");
        migrationBuilder.DropTable("VenueHistory");
        migrationBuilder.DropTable("Venues");
    }
}
