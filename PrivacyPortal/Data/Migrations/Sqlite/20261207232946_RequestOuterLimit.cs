using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RequestOuterLimit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "HardStopClockId",
                table: "DataSubjectRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OuterDueAtUtc",
                table: "DataSubjectRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HonouredPauses",
                table: "Clocks",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "IdentityProof, Fee, Other");

            migrationBuilder.AddColumn<string>(
                name: "HonouredPauses",
                table: "ClockPresets",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

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
                column: "HonouredPauses",
                value: "Other");

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

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectRequests_Status_OuterDueAtUtc",
                table: "DataSubjectRequests",
                columns: new[] { "Status", "OuterDueAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DataSubjectRequests_Status_OuterDueAtUtc",
                table: "DataSubjectRequests");

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
