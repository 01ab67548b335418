using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PrivacyPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class BreachDutiesAndOuterLimit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "HardStopClockId",
                table: "DataSubjectRequests",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OuterDueAtUtc",
                table: "DataSubjectRequests",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HonouredPauses",
                table: "Clocks",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "IdentityProof, Fee, Other");

            migrationBuilder.AddColumn<string>(
                name: "HonouredPauses",
                table: "ClockPresets",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<string>(
                name: "Authority",
                table: "BreachReports",
                type: "nvarchar(24)",
                maxLength: 24,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(16)",
                oldMaxLength: 16);

            migrationBuilder.AddColumn<bool>(
                name: "SuspectedCrime",
                table: "BreachIncidents",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "BreachDutyDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    IncidentId = table.Column<long>(type: "bigint", nullable: false),
                    ClockId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    ProposedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ProposedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DecisionNote = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    RegulatorView = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    RegulatorRequiresNotice = table.Column<bool>(type: "bit", nullable: false),
                    RegulatorViewAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachDutyDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BreachDutyDecisions_BreachIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "BreachIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BreachReportRoutes",
                columns: table => new
                {
                    PresetKey = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    Authority = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachReportRoutes", x => new { x.PresetKey, x.Authority });
                });

            migrationBuilder.InsertData(
                table: "BreachReportRoutes",
                columns: new[] { "Authority", "PresetKey" },
                values: new object[,]
                {
                    { "Cac", "cn.incident.cac-report" },
                    { "ProtectionDepartment", "cn.incident.cac-report-cii" },
                    { "PublicSecurity", "cn.incident.cac-report-cii" },
                    { "PublicSecurity", "cn.incident.police-report" },
                    { "GdprAuthority", "gdpr.incident.authority" }
                });

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.cancellation",
                column: "HonouredPauses",
                value: "IdentityProof, Fee, Other");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.incident.cac-report",
                column: "HonouredPauses",
                value: "Other");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.incident.cac-report-cii",
                column: "HonouredPauses",
                value: "Other");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.incident.final-report",
                columns: new[] { "HonouredPauses", "Source" },
                values: new object[] { "Other", "国家网络安全事件报告管理办法 第七条" });

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.incident.individual-notice",
                column: "HonouredPauses",
                value: "Other");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.network-logs",
                column: "HonouredPauses",
                value: "Other");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.recipient-deletion",
                column: "HonouredPauses",
                value: "Other");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.request.hard-stop",
                columns: new[] { "HonouredPauses", "Source" },
                values: new object[] { "IdentityProof, Fee", "GB/T 35273-2020 §8.7" });

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.request.target",
                columns: new[] { "HonouredPauses", "Kind", "Source" },
                values: new object[] { "IdentityProof, Fee, Other", "Policy", "公司政策（参照 GB/T 35273-2020 §8.5 的15个工作日）" });

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "gdpr.incident.authority",
                column: "HonouredPauses",
                value: "Other");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "gdpr.request",
                column: "HonouredPauses",
                value: "IdentityProof, Fee, Other");

            migrationBuilder.InsertData(
                table: "ClockPresets",
                columns: new[] { "Key", "Amount", "CalendarRegion", "DueSoonHours", "ExtensionUnit", "HonouredPauses", "Jurisdiction", "Kind", "MaxExtension", "Source", "Unit", "Version" },
                values: new object[] { "cn.incident.police-report", 24, "CN", 6, "WorkingDays", "Other", "CN", "Policy", 0, "国家网络安全事件报告管理办法（及时报案；24小时为公司政策）", "Hours", 0 });

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectRequests_Status_OuterDueAtUtc",
                table: "DataSubjectRequests",
                columns: new[] { "Status", "OuterDueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BreachDutyDecisions_IncidentId",
                table: "BreachDutyDecisions",
                column: "IncidentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BreachDutyDecisions");

            migrationBuilder.DropTable(
                name: "BreachReportRoutes");

            migrationBuilder.DropIndex(
                name: "IX_DataSubjectRequests_Status_OuterDueAtUtc",
                table: "DataSubjectRequests");

            migrationBuilder.DeleteData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.incident.police-report");

            migrationBuilder.DropColumn(
                name: "HardStopClockId",
                table: "DataSubjectRequests");

            migrationBuilder.DropColumn(
                name: "OuterDueAtUtc",
                table: "DataSubjectRequests");

            migrationBuilder.DropColumn(
                name: "HonouredPauses",
                table: "Clocks");

            migrationBuilder.DropColumn(
                name: "HonouredPauses",
                table: "ClockPresets");

            migrationBuilder.DropColumn(
                name: "SuspectedCrime",
                table: "BreachIncidents");

            migrationBuilder.AlterColumn<string>(
                name: "Authority",
                table: "BreachReports",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(24)",
                oldMaxLength: 24);

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.incident.final-report",
                column: "Source",
                value: "国家网络安全事件报告管理办法 第八条");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.request.hard-stop",
                column: "Source",
                value: "GB/T 35273-2020 §8.5");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.request.target",
                columns: new[] { "Kind", "Source" },
                values: new object[] { "Standard", "GB/T 35273-2020 §8.7" });
        }
    }
}
