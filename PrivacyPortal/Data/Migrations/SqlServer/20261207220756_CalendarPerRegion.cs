using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PrivacyPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CalendarPerRegion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CalendarRegion",
                table: "ClockPresets",
                type: "varchar(8)",
                unicode: false,
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.InsertData(
                table: "CalendarDays",
                columns: new[] { "Id", "Date", "Kind", "Name", "Region", "Source", "Version" },
                values: new object[,]
                {
                    { 1001, new DateOnly(2026, 1, 1), "Holiday", "New Year's Day", "IE", "Organisation of Working Time Act 1997, Sch. 2", 0 },
                    { 1002, new DateOnly(2026, 2, 2), "Holiday", "St Brigid's Day", "IE", "Organisation of Working Time Act 1997, Sch. 2", 0 },
                    { 1003, new DateOnly(2026, 3, 17), "Holiday", "St Patrick's Day", "IE", "Organisation of Working Time Act 1997, Sch. 2", 0 },
                    { 1004, new DateOnly(2026, 4, 6), "Holiday", "Easter Monday", "IE", "Organisation of Working Time Act 1997, Sch. 2", 0 },
                    { 1005, new DateOnly(2026, 5, 4), "Holiday", "May Day", "IE", "Organisation of Working Time Act 1997, Sch. 2", 0 },
                    { 1006, new DateOnly(2026, 6, 1), "Holiday", "June Bank Holiday", "IE", "Organisation of Working Time Act 1997, Sch. 2", 0 },
                    { 1007, new DateOnly(2026, 8, 3), "Holiday", "August Bank Holiday", "IE", "Organisation of Working Time Act 1997, Sch. 2", 0 },
                    { 1008, new DateOnly(2026, 10, 26), "Holiday", "October Bank Holiday", "IE", "Organisation of Working Time Act 1997, Sch. 2", 0 },
                    { 1009, new DateOnly(2026, 12, 25), "Holiday", "Christmas Day", "IE", "Organisation of Working Time Act 1997, Sch. 2", 0 },
                    { 1010, new DateOnly(2026, 12, 26), "Holiday", "St Stephen's Day", "IE", "Organisation of Working Time Act 1997, Sch. 2", 0 }
                });

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.cancellation",
                column: "CalendarRegion",
                value: "CN");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.incident.cac-report",
                column: "CalendarRegion",
                value: "CN");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.incident.cac-report-cii",
                column: "CalendarRegion",
                value: "CN");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.incident.final-report",
                column: "CalendarRegion",
                value: "CN");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.incident.individual-notice",
                column: "CalendarRegion",
                value: "CN");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.network-logs",
                column: "CalendarRegion",
                value: "CN");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.recipient-deletion",
                column: "CalendarRegion",
                value: "CN");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.request.hard-stop",
                column: "CalendarRegion",
                value: "CN");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.request.target",
                column: "CalendarRegion",
                value: "CN");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "gdpr.incident.authority",
                column: "CalendarRegion",
                value: "IE");

            migrationBuilder.UpdateData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "gdpr.request",
                column: "CalendarRegion",
                value: "IE");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "CalendarDays",
                keyColumn: "Id",
                keyValue: 1001);

            migrationBuilder.DeleteData(
                table: "CalendarDays",
                keyColumn: "Id",
                keyValue: 1002);

            migrationBuilder.DeleteData(
                table: "CalendarDays",
                keyColumn: "Id",
                keyValue: 1003);

            migrationBuilder.DeleteData(
                table: "CalendarDays",
                keyColumn: "Id",
                keyValue: 1004);

            migrationBuilder.DeleteData(
                table: "CalendarDays",
                keyColumn: "Id",
                keyValue: 1005);

            migrationBuilder.DeleteData(
                table: "CalendarDays",
                keyColumn: "Id",
                keyValue: 1006);

            migrationBuilder.DeleteData(
                table: "CalendarDays",
                keyColumn: "Id",
                keyValue: 1007);

            migrationBuilder.DeleteData(
                table: "CalendarDays",
                keyColumn: "Id",
                keyValue: 1008);

            migrationBuilder.DeleteData(
                table: "CalendarDays",
                keyColumn: "Id",
                keyValue: 1009);

            migrationBuilder.DeleteData(
                table: "CalendarDays",
                keyColumn: "Id",
                keyValue: 1010);

            migrationBuilder.DropColumn(
                name: "CalendarRegion",
                table: "ClockPresets");
        }
    }
}
