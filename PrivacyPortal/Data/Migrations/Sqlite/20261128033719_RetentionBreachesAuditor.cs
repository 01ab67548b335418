using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PrivacyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RetentionBreachesAuditor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_CorrelationId",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_SubjectId",
                table: "AuditEvents");

            migrationBuilder.CreateTable(
                name: "BackupRotationPolicies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    EveryHours = table.Column<int>(type: "INTEGER", nullable: false),
                    KeepDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GeneratedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackupRotationPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BackupRotationPolicies_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BreachGradingThresholds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Larger = table.Column<long>(type: "INTEGER", nullable: false),
                    Major = table.Column<long>(type: "INTEGER", nullable: false),
                    Critical = table.Column<long>(type: "INTEGER", nullable: false),
                    SensitiveRaiseFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachGradingThresholds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BreachIncidents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WhatHappened = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DiscoveredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DiscoveredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OccurredFromUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OccurredToUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HowDiscovered = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    InitialCause = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ConfirmedCause = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Measures = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    EuResidents = table.Column<bool>(type: "INTEGER", nullable: false),
                    CriticalInfrastructure = table.Column<bool>(type: "INTEGER", nullable: false),
                    EstimatedAffected = table.Column<long>(type: "INTEGER", nullable: true),
                    AffectedCount = table.Column<long>(type: "INTEGER", nullable: false),
                    UnmatchedCount = table.Column<long>(type: "INTEGER", nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    GradeReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    GradedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    GradedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    HandlingEndedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachIncidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LegalHolds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: true),
                    CategoryKey = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ReviewByUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewRaisedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReleasedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReleasedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReleaseNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalHolds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LegalHolds_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PolicyVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FullText = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Table = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BasisNote = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DryRunAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DryRunExpired = table.Column<long>(type: "INTEGER", nullable: true),
                    DryRunHeld = table.Column<long>(type: "INTEGER", nullable: true),
                    DryRunOldestKeptUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RetentionRules_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BackupSets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    TakenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PolicyId = table.Column<long>(type: "INTEGER", nullable: true),
                    RotatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackupSets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BackupSets_BackupRotationPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "BackupRotationPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_BackupSets_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BreachAffectedPeople",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ValueProtected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Masked = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachAffectedPeople", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BreachAffectedPeople_BreachIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "BreachIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BreachEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BreachEvents_BreachIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "BreachIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BreachIncidentCategories",
                columns: table => new
                {
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachIncidentCategories", x => new { x.IncidentId, x.CategoryId });
                    table.ForeignKey(
                        name: "FK_BreachIncidentCategories_BreachIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "BreachIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BreachIncidentCategories_DataCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "DataCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BreachIncidentSystems",
                columns: table => new
                {
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachIncidentSystems", x => new { x.IncidentId, x.SystemId });
                    table.ForeignKey(
                        name: "FK_BreachIncidentSystems_BreachIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "BreachIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BreachIncidentSystems_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BreachReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Authority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SectionsJson = table.Column<string>(type: "TEXT", maxLength: 32000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedTo = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Late = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BreachReports_BreachIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "BreachIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LegalHoldSubjects",
                columns: table => new
                {
                    HoldId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalHoldSubjects", x => new { x.HoldId, x.SubjectId });
                    table.ForeignKey(
                        name: "FK_LegalHoldSubjects_DataSubjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "DataSubjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LegalHoldSubjects_LegalHolds_HoldId",
                        column: x => x.HoldId,
                        principalTable: "LegalHolds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotificationCampaigns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: true),
                    PolicyVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Channels = table.Column<int>(type: "INTEGER", nullable: false),
                    ValuesZhJson = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    ValuesEnJson = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DraftedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    TestSentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ApprovedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FannedOutAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Cursor = table.Column<long>(type: "INTEGER", nullable: false),
                    CohortSize = table.Column<long>(type: "INTEGER", nullable: false),
                    Reached = table.Column<long>(type: "INTEGER", nullable: false),
                    Queued = table.Column<long>(type: "INTEGER", nullable: false),
                    NoAddress = table.Column<long>(type: "INTEGER", nullable: false),
                    AnnouncementQueued = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationCampaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NotificationCampaigns_BreachIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "BreachIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NotificationCampaigns_PolicyVersions_PolicyVersionId",
                        column: x => x.PolicyVersionId,
                        principalTable: "PolicyVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PurgeRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CutoffUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiredAtStart = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsDeleted = table.Column<long>(type: "INTEGER", nullable: false),
                    Batches = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldRows = table.Column<long>(type: "INTEGER", nullable: false),
                    HoldIds = table.Column<string>(type: "TEXT", unicode: false, maxLength: 500, nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EvidenceNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CompletedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PurgeRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PurgeRuns_RetentionRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "RetentionRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BackupRestores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BackupSetId = table.Column<long>(type: "INTEGER", nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    RestoredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Erasures = table.Column<int>(type: "INTEGER", nullable: false),
                    Reapplied = table.Column<int>(type: "INTEGER", nullable: false),
                    TasksCreated = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackupRestores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BackupRestores_BackupSets_BackupSetId",
                        column: x => x.BackupSetId,
                        principalTable: "BackupSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "BreachGradingThresholds",
                columns: new[] { "Id", "Critical", "Larger", "Major", "SensitiveRaiseFrom", "Version" },
                values: new object[] { 1, 100000000L, 1000000L, 10000000L, 100000L, 1 });

            migrationBuilder.InsertData(
                table: "PolicyVersions",
                columns: new[] { "Id", "CreatedAtUtc", "EffectiveDate", "FullText", "Number", "Summary", "Version" },
                values: new object[,]
                {
                    { 1, new DateTime(2025, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new DateOnly(2025, 1, 1), "（2025.1 版隐私政策全文）", "2025.1", "首次发布。", 1 },
                    { 2, new DateTime(2025, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), new DateOnly(2026, 1, 1), "（2026.1 版隐私政策全文）", "2026.1", "网络日志保存期限依据更新为《网络安全法》第二十三条第三项（2026年1月1日起施行）。", 1 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_CorrelationId_Status",
                table: "OutboxMessages",
                columns: new[] { "CorrelationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_OccurredAtUtc",
                table: "AuditEvents",
                columns: new[] { "Action", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ClientIp_OccurredAtUtc",
                table: "AuditEvents",
                columns: new[] { "ClientIp", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Outcome_OccurredAtUtc",
                table: "AuditEvents",
                columns: new[] { "Outcome", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_SubjectId_OccurredAtUtc",
                table: "AuditEvents",
                columns: new[] { "SubjectId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TargetId_OccurredAtUtc",
                table: "AuditEvents",
                columns: new[] { "TargetId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BackupRestores_BackupSetId",
                table: "BackupRestores",
                column: "BackupSetId");

            migrationBuilder.CreateIndex(
                name: "IX_BackupRotationPolicies_SystemId",
                table: "BackupRotationPolicies",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_BackupSets_ExpiresAtUtc",
                table: "BackupSets",
                column: "ExpiresAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_BackupSets_PolicyId",
                table: "BackupSets",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_BackupSets_SystemId_TakenAtUtc_Location",
                table: "BackupSets",
                columns: new[] { "SystemId", "TakenAtUtc", "Location" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BreachAffectedPeople_IncidentId_Key",
                table: "BreachAffectedPeople",
                columns: new[] { "IncidentId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BreachAffectedPeople_IncidentId_SubjectId",
                table: "BreachAffectedPeople",
                columns: new[] { "IncidentId", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_BreachEvents_IncidentId_AtUtc",
                table: "BreachEvents",
                columns: new[] { "IncidentId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BreachIncidentCategories_CategoryId",
                table: "BreachIncidentCategories",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_BreachIncidents_Reference",
                table: "BreachIncidents",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BreachIncidents_Status_DiscoveredAtUtc",
                table: "BreachIncidents",
                columns: new[] { "Status", "DiscoveredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BreachIncidentSystems_SystemId",
                table: "BreachIncidentSystems",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_BreachReports_IncidentId",
                table: "BreachReports",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_ReleasedAtUtc_ReviewByUtc",
                table: "LegalHolds",
                columns: new[] { "ReleasedAtUtc", "ReviewByUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_SystemId",
                table: "LegalHolds",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_LegalHoldSubjects_SubjectId",
                table: "LegalHoldSubjects",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationCampaigns_IncidentId",
                table: "NotificationCampaigns",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationCampaigns_PolicyVersionId",
                table: "NotificationCampaigns",
                column: "PolicyVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationCampaigns_Status_IncidentId",
                table: "NotificationCampaigns",
                columns: new[] { "Status", "IncidentId" });

            migrationBuilder.CreateIndex(
                name: "IX_PolicyVersions_Number",
                table: "PolicyVersions",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PurgeRuns_RuleId_Status",
                table: "PurgeRuns",
                columns: new[] { "RuleId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRules_Status",
                table: "RetentionRules",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRules_SystemId_Table",
                table: "RetentionRules",
                columns: new[] { "SystemId", "Table" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BackupRestores");

            migrationBuilder.DropTable(
                name: "BreachAffectedPeople");

            migrationBuilder.DropTable(
                name: "BreachEvents");

            migrationBuilder.DropTable(
                name: "BreachGradingThresholds");

            migrationBuilder.DropTable(
                name: "BreachIncidentCategories");

            migrationBuilder.DropTable(
                name: "BreachIncidentSystems");

            migrationBuilder.DropTable(
                name: "BreachReports");

            migrationBuilder.DropTable(
                name: "LegalHoldSubjects");

            migrationBuilder.DropTable(
                name: "NotificationCampaigns");

            migrationBuilder.DropTable(
                name: "PurgeRuns");

            migrationBuilder.DropTable(
                name: "BackupSets");

            migrationBuilder.DropTable(
                name: "LegalHolds");

            migrationBuilder.DropTable(
                name: "BreachIncidents");

            migrationBuilder.DropTable(
                name: "PolicyVersions");

            migrationBuilder.DropTable(
                name: "RetentionRules");

            migrationBuilder.DropTable(
                name: "BackupRotationPolicies");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_CorrelationId_Status",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Action_OccurredAtUtc",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_ClientIp_OccurredAtUtc",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Outcome_OccurredAtUtc",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_SubjectId_OccurredAtUtc",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_TargetId_OccurredAtUtc",
                table: "AuditEvents");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_CorrelationId",
                table: "OutboxMessages",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_SubjectId",
                table: "AuditEvents",
                column: "SubjectId");
        }
    }
}
