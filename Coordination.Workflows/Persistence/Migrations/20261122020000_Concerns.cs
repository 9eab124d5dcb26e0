using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coordination.Workflows.Persistence.Migrations;

/// <summary>Concerns, their legal bases for sharing, routing rules, plans, chronology, and the concern, task and review workflows.</summary>
[DbContext(typeof(CoordinationDbContext))]
[Migration("20261122020000_Concerns")]
public sealed class Concerns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "Concerns",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                PersonalIdentityNumber = table.Column<string>(maxLength: 13, nullable: true),
                YoungPersonName = table.Column<string>(maxLength: 200, nullable: true),
                BirthDate = table.Column<DateOnly>(nullable: false),
                HasProtectedIdentity = table.Column<bool>(nullable: false),
                School = table.Column<string>(maxLength: 200, nullable: false),
                Categories = table.Column<string>(maxLength: 400, nullable: false),
                Urgency = table.Column<string>(maxLength: 40, nullable: false),
                Description = table.Column<string>(maxLength: 4000, nullable: false),
                GuardianKnowledge = table.Column<string>(maxLength: 2000, nullable: false),
                ReporterUserId = table.Column<Guid>(nullable: false),
                ReporterAgencyId = table.Column<Guid>(nullable: false),
                RaisedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Concerns", x => x.Id));
        migrationBuilder.CreateIndex("IX_Concerns_MunicipalityId_RaisedAt", "Concerns", ["MunicipalityId", "RaisedAt"]);

        migrationBuilder.CreateTable(
            name: "SharingBases",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ConcernId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 40, nullable: false),
                GivenBy = table.Column<string>(maxLength: 40, nullable: true),
                GivenOn = table.Column<DateOnly>(nullable: true),
                DocumentReference = table.Column<string>(maxLength: 200, nullable: true),
                Provision = table.Column<string>(maxLength: 200, nullable: true),
                WeighedBy = table.Column<string>(maxLength: 200, nullable: true),
                AgencyIds = table.Column<string>(maxLength: 1000, nullable: false),
                RecordedByUserId = table.Column<Guid>(nullable: false),
                RecordedAt = table.Column<DateTime>(nullable: false),
                WithdrawnAt = table.Column<DateTime>(nullable: true),
                WithdrawnByUserId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SharingBases", x => x.Id);
                table.ForeignKey("FK_SharingBases_Concerns_ConcernId", x => x.ConcernId, "Concerns", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_SharingBases_ConcernId", "SharingBases", "ConcernId");

        migrationBuilder.CreateTable(
            name: "RoutingRuleSets",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                Rules = table.Column<string>(nullable: false),
                ChangedByUserId = table.Column<Guid>(nullable: false),
                ChangedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_RoutingRuleSets", x => x.Id));
        migrationBuilder.CreateIndex("IX_RoutingRuleSets_MunicipalityId_Version", "RoutingRuleSets", ["MunicipalityId", "Version"], unique: true);

        migrationBuilder.CreateTable(
            name: "CommitmentPlans",
            columns: table => new
            {
                ConcernId = table.Column<Guid>(nullable: false),
                Goals = table.Column<string>(maxLength: 4000, nullable: false),
                AgreedAt = table.Column<DateTime>(nullable: false),
                AgreedByUserId = table.Column<Guid>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_CommitmentPlans", x => x.ConcernId));

        migrationBuilder.CreateTable(
            name: "PlanActions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ConcernId = table.Column<Guid>(nullable: false),
                What = table.Column<string>(maxLength: 1000, nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                OwnerUserId = table.Column<Guid>(nullable: true),
                ByDate = table.Column<DateOnly>(nullable: false),
                TaskId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PlanActions", x => x.Id);
                table.ForeignKey("FK_PlanActions_CommitmentPlans_ConcernId", x => x.ConcernId, "CommitmentPlans", "ConcernId", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_PlanActions_ConcernId", "PlanActions", "ConcernId");

        migrationBuilder.CreateTable(
            name: "CaseEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ConcernId = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Kind = table.Column<string>(maxLength: 60, nullable: false),
                ActorUserId = table.Column<Guid>(nullable: true),
                AgencyId = table.Column<Guid>(nullable: true),
                Audience = table.Column<string>(maxLength: 40, nullable: false),
                Text = table.Column<string>(maxLength: 1000, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_CaseEvents", x => x.Id));
        migrationBuilder.CreateIndex("IX_CaseEvents_ConcernId_At", "CaseEvents", ["ConcernId", "At"]);

        migrationBuilder.CreateTable(
            name: "ConcernStates",
            columns: table => new
            {
                CorrelationId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                CurrentState = table.Column<string>(maxLength: 64, nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                RaisedAt = table.Column<DateTime>(nullable: false),
                ProtectiveAssessmentDue = table.Column<DateTime>(nullable: false),
                ProtectiveAssessmentDoneAt = table.Column<DateTime>(nullable: true),
                PreliminaryAssessmentDue = table.Column<DateTime>(nullable: false),
                PreliminaryDecision = table.Column<string>(maxLength: 40, nullable: true),
                DecidedAt = table.Column<DateTime>(nullable: true),
                InvestigationDue = table.Column<DateTime>(nullable: true),
                InvestigationExtensionReason = table.Column<string>(maxLength: 1000, nullable: true),
                FeedbackGiven = table.Column<string>(maxLength: 40, nullable: true),
                FeedbackGivenAt = table.Column<DateTime>(nullable: true),
                Shared = table.Column<bool>(nullable: false),
                PlanAgreedAt = table.Column<DateTime>(nullable: true),
                ClosedAt = table.Column<DateTime>(nullable: true),
                Outcome = table.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ConcernStates", x => x.CorrelationId));
        migrationBuilder.CreateIndex("IX_ConcernStates_MunicipalityId", "ConcernStates", "MunicipalityId");

        migrationBuilder.CreateTable(
            name: "AgencyTaskStates",
            columns: table => new
            {
                CorrelationId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                CurrentState = table.Column<string>(maxLength: 64, nullable: false),
                ConcernId = table.Column<Guid>(nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 40, nullable: false),
                Title = table.Column<string>(maxLength: 300, nullable: false),
                OfferedAt = table.Column<DateTime>(nullable: false),
                DueAt = table.Column<DateTime>(nullable: false),
                ReminderInterval = table.Column<TimeSpan>(nullable: false),
                EscalationAfterDue = table.Column<TimeSpan>(nullable: false),
                EndsWithSharing = table.Column<bool>(nullable: false),
                OwnerUserId = table.Column<Guid>(nullable: true),
                DeclineReason = table.Column<string>(maxLength: 1000, nullable: true),
                Reminders = table.Column<int>(nullable: false),
                EscalatedAt = table.Column<DateTime>(nullable: true),
                AnsweredAt = table.Column<DateTime>(nullable: true),
                CompletedAt = table.Column<DateTime>(nullable: true),
                CancelledAt = table.Column<DateTime>(nullable: true),
                CancelReason = table.Column<string>(maxLength: 300, nullable: true),
                NextTimerAt = table.Column<DateTime>(nullable: true),
                TimerTokenId = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AgencyTaskStates", x => x.CorrelationId));
        migrationBuilder.CreateIndex("IX_AgencyTaskStates_ConcernId", "AgencyTaskStates", "ConcernId");
        migrationBuilder.CreateIndex("IX_AgencyTaskStates_AgencyId_CurrentState", "AgencyTaskStates", ["AgencyId", "CurrentState"]);

        migrationBuilder.CreateTable(
            name: "AgencyTaskAnswers",
            columns: table => new
            {
                TaskId = table.Column<Guid>(nullable: false),
                Accepted = table.Column<bool>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                AnsweredAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AgencyTaskAnswers", x => x.TaskId));

        migrationBuilder.CreateTable(
            name: "ReviewStates",
            columns: table => new
            {
                CorrelationId = table.Column<Guid>(nullable: false),
                Version = table.Column<int>(nullable: false),
                CurrentState = table.Column<string>(maxLength: 64, nullable: false),
                ConcernId = table.Column<Guid>(nullable: false),
                MunicipalityId = table.Column<Guid>(nullable: false),
                AgencyId = table.Column<Guid>(nullable: false),
                Number = table.Column<int>(nullable: false),
                DueAt = table.Column<DateTime>(nullable: false),
                RemindAt = table.Column<DateTime>(nullable: false),
                ReminderTokenId = table.Column<Guid>(nullable: true),
                DeadlineTokenId = table.Column<Guid>(nullable: true),
                Outcome = table.Column<string>(maxLength: 40, nullable: true),
                CompletedByUserId = table.Column<Guid>(nullable: true),
                CompletedAt = table.Column<DateTime>(nullable: true),
                CancelledAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ReviewStates", x => x.CorrelationId));
        migrationBuilder.CreateIndex("IX_ReviewStates_ConcernId", "ReviewStates", "ConcernId");
        migrationBuilder.CreateIndex("IX_ReviewStates_AgencyId_CurrentState", "ReviewStates", ["AgencyId", "CurrentState"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("ReviewStates");
        migrationBuilder.DropTable("AgencyTaskAnswers");
        migrationBuilder.DropTable("AgencyTaskStates");
        migrationBuilder.DropTable("ConcernStates");
        migrationBuilder.DropTable("CaseEvents");
        migrationBuilder.DropTable("PlanActions");
        migrationBuilder.DropTable("CommitmentPlans");
        migrationBuilder.DropTable("RoutingRuleSets");
        migrationBuilder.DropTable("SharingBases");
        migrationBuilder.DropTable("Concerns");
    }
}
