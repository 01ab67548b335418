using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RetentionAndBackups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BackupRotationPolicies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SystemId = table.Column<int>(type: "int", nullable: false),
                    EveryHours = table.Column<int>(type: "int", nullable: false),
                    KeepDays = table.Column<int>(type: "int", nullable: false),
                    Location = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    StartsAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    GeneratedUntilUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
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
                name: "LegalHolds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Scope = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    SystemId = table.Column<int>(type: "int", nullable: true),
                    CategoryKey = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: true),
                    OwnerId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ReviewByUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReviewRaisedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ReleasedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReleasedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ReleaseNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
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
                name: "RetentionRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SystemId = table.Column<int>(type: "int", nullable: false),
                    Table = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Period = table.Column<int>(type: "int", nullable: false),
                    Unit = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Basis = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    BasisNote = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    DryRunAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DryRunExpired = table.Column<long>(type: "bigint", nullable: true),
                    DryRunHeld = table.Column<long>(type: "bigint", nullable: true),
                    DryRunOldestKeptUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ClaimedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SystemId = table.Column<int>(type: "int", nullable: false),
                    TakenAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Location = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    PolicyId = table.Column<long>(type: "bigint", nullable: true),
                    RotatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
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
                name: "LegalHoldSubjects",
                columns: table => new
                {
                    HoldId = table.Column<long>(type: "bigint", nullable: false),
                    SubjectId = table.Column<long>(type: "bigint", nullable: false)
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
                name: "PurgeRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RuleId = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    CutoffUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiredAtStart = table.Column<long>(type: "bigint", nullable: false),
                    RowsDeleted = table.Column<long>(type: "bigint", nullable: false),
                    Batches = table.Column<int>(type: "int", nullable: false),
                    HeldRows = table.Column<long>(type: "bigint", nullable: false),
                    HoldIds = table.Column<string>(type: "varchar(500)", unicode: false, maxLength: 500, nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    EvidenceNote = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    CompletedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    BackupSetId = table.Column<long>(type: "bigint", nullable: false),
                    SystemId = table.Column<int>(type: "int", nullable: false),
                    RestoredAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RecordedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Erasures = table.Column<int>(type: "int", nullable: false),
                    Reapplied = table.Column<int>(type: "int", nullable: false),
                    TasksCreated = table.Column<int>(type: "int", nullable: false),
                    Failed = table.Column<int>(type: "int", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
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
                name: "LegalHoldSubjects");

            migrationBuilder.DropTable(
                name: "PurgeRuns");

            migrationBuilder.DropTable(
                name: "BackupSets");

            migrationBuilder.DropTable(
                name: "LegalHolds");

            migrationBuilder.DropTable(
                name: "RetentionRules");

            migrationBuilder.DropTable(
                name: "BackupRotationPolicies");
        }
    }
}
