using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DataSubjectRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataSubjectRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CaseNumber = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    SubjectId = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Jurisdiction = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    Summary = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    IntakeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OnBehalf = table.Column<bool>(type: "bit", nullable: false),
                    AuthorityNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    AssigneeId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ClockId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DueAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DeadlineUncertain = table.Column<bool>(type: "bit", nullable: false),
                    VerificationMethod = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    VerificationResult = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    VerificationNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    VerifiedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    VerifiedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Decision = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    RefusalReasonKeys = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    DecisionExplanation = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    DecidedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    OperationId = table.Column<long>(type: "bigint", nullable: true),
                    DuplicateOfId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosedOnTime = table.Column<bool>(type: "bit", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSubjectRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataSubjectRequests_DataSubjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "DataSubjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ErasureLedger",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RequestId = table.Column<long>(type: "bigint", nullable: false),
                    OperationId = table.Column<long>(type: "bigint", nullable: false),
                    IdentifierHashes = table.Column<string>(type: "varchar(2000)", unicode: false, maxLength: 2000, nullable: false),
                    SystemIds = table.Column<string>(type: "varchar(1000)", unicode: false, maxLength: 1000, nullable: false),
                    ErasedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasureLedger", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VerificationChallenges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    IntakeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IdentifierId = table.Column<long>(type: "bigint", nullable: false),
                    CodeHash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    MaxAttempts = table.Column<int>(type: "int", nullable: false),
                    PassedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationChallenges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AccessDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RequestId = table.Column<long>(type: "bigint", nullable: false),
                    PackageId = table.Column<long>(type: "bigint", nullable: false),
                    TokenHash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    CodeHash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    DownloadedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessDeliveries_DataSubjectRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DataSubjectRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RecipientDeletionNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RequestId = table.Column<long>(type: "bigint", nullable: false),
                    RecipientId = table.Column<int>(type: "int", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ClockId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConfirmedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ConfirmationNote = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecipientDeletionNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecipientDeletionNotices_DataSubjectRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DataSubjectRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RecipientDeletionNotices_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RequestComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RequestId = table.Column<long>(type: "bigint", nullable: false),
                    AuthorId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestComments_DataSubjectRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DataSubjectRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BackupDeletionFollowUps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    LedgerEntryId = table.Column<long>(type: "bigint", nullable: false),
                    SystemId = table.Column<int>(type: "int", nullable: false),
                    BackupSetId = table.Column<long>(type: "bigint", nullable: true),
                    ExpectedByUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosedNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackupDeletionFollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BackupDeletionFollowUps_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BackupDeletionFollowUps_ErasureLedger_LedgerEntryId",
                        column: x => x.LedgerEntryId,
                        principalTable: "ErasureLedger",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessDeliveries_RequestId",
                table: "AccessDeliveries",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessDeliveries_TokenHash",
                table: "AccessDeliveries",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BackupDeletionFollowUps_ClosedAtUtc_ExpectedByUtc",
                table: "BackupDeletionFollowUps",
                columns: new[] { "ClosedAtUtc", "ExpectedByUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BackupDeletionFollowUps_LedgerEntryId_SystemId_BackupSetId",
                table: "BackupDeletionFollowUps",
                columns: new[] { "LedgerEntryId", "SystemId", "BackupSetId" },
                unique: true,
                filter: "[BackupSetId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_BackupDeletionFollowUps_SystemId",
                table: "BackupDeletionFollowUps",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectRequests_AssigneeId_Status_DueAtUtc",
                table: "DataSubjectRequests",
                columns: new[] { "AssigneeId", "Status", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectRequests_CaseNumber",
                table: "DataSubjectRequests",
                column: "CaseNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectRequests_CreatedAtUtc",
                table: "DataSubjectRequests",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectRequests_IntakeId",
                table: "DataSubjectRequests",
                column: "IntakeId");

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectRequests_Status_DueAtUtc",
                table: "DataSubjectRequests",
                columns: new[] { "Status", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectRequests_SubjectId_Type_Status",
                table: "DataSubjectRequests",
                columns: new[] { "SubjectId", "Type", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ErasureLedger_RequestId",
                table: "ErasureLedger",
                column: "RequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecipientDeletionNotices_ConfirmedAtUtc",
                table: "RecipientDeletionNotices",
                column: "ConfirmedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_RecipientDeletionNotices_RecipientId",
                table: "RecipientDeletionNotices",
                column: "RecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_RecipientDeletionNotices_RequestId_RecipientId",
                table: "RecipientDeletionNotices",
                columns: new[] { "RequestId", "RecipientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RequestComments_RequestId_AtUtc",
                table: "RequestComments",
                columns: new[] { "RequestId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationChallenges_IntakeId_CreatedAtUtc",
                table: "VerificationChallenges",
                columns: new[] { "IntakeId", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessDeliveries");

            migrationBuilder.DropTable(
                name: "BackupDeletionFollowUps");

            migrationBuilder.DropTable(
                name: "RecipientDeletionNotices");

            migrationBuilder.DropTable(
                name: "RequestComments");

            migrationBuilder.DropTable(
                name: "VerificationChallenges");

            migrationBuilder.DropTable(
                name: "ErasureLedger");

            migrationBuilder.DropTable(
                name: "DataSubjectRequests");
        }
    }
}
