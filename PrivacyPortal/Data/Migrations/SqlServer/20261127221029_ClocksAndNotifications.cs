using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PrivacyPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ClocksAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CalendarDays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Region = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClockPresets",
                columns: table => new
                {
                    Key = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    Jurisdiction = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Unit = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Amount = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    MaxExtension = table.Column<int>(type: "int", nullable: false),
                    ExtensionUnit = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    DueSoonHours = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClockPresets", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Clocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OwnerType = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    OwnerId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PresetKey = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    StartUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Unit = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Amount = table.Column<int>(type: "int", nullable: false),
                    RuleKind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    RuleSource = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    MaxExtension = table.Column<int>(type: "int", nullable: false),
                    ExtensionUnit = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    DueSoonHours = table.Column<int>(type: "int", nullable: false),
                    CalendarRegion = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    DueUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Uncertain = table.Column<bool>(type: "bit", nullable: false),
                    State = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    PausedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    MetAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Extended = table.Column<int>(type: "int", nullable: false),
                    RemindedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    BreachedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Clocks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NotificationTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Purpose = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Channel = table.Column<int>(type: "int", nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    RecipientProtected = table.Column<string>(type: "nvarchar(1024)", maxLength: 1024, nullable: true),
                    RecipientMasked = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    Subject = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    CorrelationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    NextAttemptUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ClaimToken = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastAttemptUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublicNotices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OutboxMessageId = table.Column<long>(type: "bigint", nullable: false),
                    Language = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClockEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ClockId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ActorId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PreviousDueUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    NewDueUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClockEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClockEntries_Clocks_ClockId",
                        column: x => x.ClockId,
                        principalTable: "Clocks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "CalendarDays",
                columns: new[] { "Id", "Date", "Kind", "Name", "Region", "Source", "Version" },
                values: new object[,]
                {
                    { 1, new DateOnly(2025, 1, 1), "Holiday", "元旦", "CN", "国办发明电〔2024〕12号", 0 },
                    { 2, new DateOnly(2025, 1, 26), "AdjustedWorkday", "春节调休", "CN", "国办发明电〔2024〕12号", 0 },
                    { 3, new DateOnly(2025, 1, 28), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 4, new DateOnly(2025, 1, 29), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 5, new DateOnly(2025, 1, 30), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 6, new DateOnly(2025, 1, 31), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 7, new DateOnly(2025, 2, 1), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 8, new DateOnly(2025, 2, 2), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 9, new DateOnly(2025, 2, 3), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 10, new DateOnly(2025, 2, 4), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 11, new DateOnly(2025, 2, 8), "AdjustedWorkday", "春节调休", "CN", "国办发明电〔2024〕12号", 0 },
                    { 12, new DateOnly(2025, 4, 4), "Holiday", "清明节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 13, new DateOnly(2025, 4, 5), "Holiday", "清明节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 14, new DateOnly(2025, 4, 6), "Holiday", "清明节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 15, new DateOnly(2025, 4, 27), "AdjustedWorkday", "劳动节调休", "CN", "国办发明电〔2024〕12号", 0 },
                    { 16, new DateOnly(2025, 5, 1), "Holiday", "劳动节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 17, new DateOnly(2025, 5, 2), "Holiday", "劳动节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 18, new DateOnly(2025, 5, 3), "Holiday", "劳动节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 19, new DateOnly(2025, 5, 4), "Holiday", "劳动节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 20, new DateOnly(2025, 5, 5), "Holiday", "劳动节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 21, new DateOnly(2025, 5, 31), "Holiday", "端午节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 22, new DateOnly(2025, 6, 1), "Holiday", "端午节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 23, new DateOnly(2025, 6, 2), "Holiday", "端午节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 24, new DateOnly(2025, 9, 28), "AdjustedWorkday", "国庆节调休", "CN", "国办发明电〔2024〕12号", 0 },
                    { 25, new DateOnly(2025, 10, 1), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 26, new DateOnly(2025, 10, 2), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 27, new DateOnly(2025, 10, 3), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 28, new DateOnly(2025, 10, 4), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 29, new DateOnly(2025, 10, 5), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 30, new DateOnly(2025, 10, 6), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 31, new DateOnly(2025, 10, 7), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 32, new DateOnly(2025, 10, 8), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 33, new DateOnly(2025, 10, 11), "AdjustedWorkday", "国庆节调休", "CN", "国办发明电〔2024〕12号", 0 },
                    { 34, new DateOnly(2026, 1, 1), "Holiday", "元旦", "CN", "国办发明电〔2025〕7号", 0 },
                    { 35, new DateOnly(2026, 1, 2), "Holiday", "元旦", "CN", "国办发明电〔2025〕7号", 0 },
                    { 36, new DateOnly(2026, 1, 3), "Holiday", "元旦", "CN", "国办发明电〔2025〕7号", 0 },
                    { 37, new DateOnly(2026, 1, 4), "AdjustedWorkday", "元旦调休", "CN", "国办发明电〔2025〕7号", 0 },
                    { 38, new DateOnly(2026, 2, 14), "AdjustedWorkday", "春节调休", "CN", "国办发明电〔2025〕7号", 0 },
                    { 39, new DateOnly(2026, 2, 15), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 40, new DateOnly(2026, 2, 16), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 41, new DateOnly(2026, 2, 17), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 42, new DateOnly(2026, 2, 18), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 43, new DateOnly(2026, 2, 19), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 44, new DateOnly(2026, 2, 20), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 45, new DateOnly(2026, 2, 21), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 46, new DateOnly(2026, 2, 22), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 47, new DateOnly(2026, 2, 23), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 48, new DateOnly(2026, 2, 28), "AdjustedWorkday", "春节调休", "CN", "国办发明电〔2025〕7号", 0 },
                    { 49, new DateOnly(2026, 4, 4), "Holiday", "清明节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 50, new DateOnly(2026, 4, 5), "Holiday", "清明节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 51, new DateOnly(2026, 4, 6), "Holiday", "清明节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 52, new DateOnly(2026, 5, 1), "Holiday", "劳动节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 53, new DateOnly(2026, 5, 2), "Holiday", "劳动节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 54, new DateOnly(2026, 5, 3), "Holiday", "劳动节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 55, new DateOnly(2026, 5, 4), "Holiday", "劳动节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 56, new DateOnly(2026, 5, 5), "Holiday", "劳动节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 57, new DateOnly(2026, 5, 9), "AdjustedWorkday", "劳动节调休", "CN", "国办发明电〔2025〕7号", 0 },
                    { 58, new DateOnly(2026, 6, 19), "Holiday", "端午节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 59, new DateOnly(2026, 6, 20), "Holiday", "端午节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 60, new DateOnly(2026, 6, 21), "Holiday", "端午节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 61, new DateOnly(2026, 9, 20), "AdjustedWorkday", "中秋节调休", "CN", "国办发明电〔2025〕7号", 0 },
                    { 62, new DateOnly(2026, 9, 25), "Holiday", "中秋节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 63, new DateOnly(2026, 9, 26), "Holiday", "中秋节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 64, new DateOnly(2026, 9, 27), "Holiday", "中秋节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 65, new DateOnly(2026, 10, 1), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 66, new DateOnly(2026, 10, 2), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 67, new DateOnly(2026, 10, 3), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 68, new DateOnly(2026, 10, 4), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 69, new DateOnly(2026, 10, 5), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 70, new DateOnly(2026, 10, 6), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 71, new DateOnly(2026, 10, 7), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 72, new DateOnly(2026, 10, 10), "AdjustedWorkday", "国庆节调休", "CN", "国办发明电〔2025〕7号", 0 }
                });

            migrationBuilder.InsertData(
                table: "ClockPresets",
                columns: new[] { "Key", "Amount", "DueSoonHours", "ExtensionUnit", "Jurisdiction", "Kind", "MaxExtension", "Source", "Unit", "Version" },
                values: new object[,]
                {
                    { "cn.cancellation", 15, 72, "WorkingDays", "CN", "Standard", 0, "GB/T 35273-2020 §8.5", "WorkingDays", 0 },
                    { "cn.incident.cac-report", 4, 1, "WorkingDays", "CN", "Rule", 0, "国家网络安全事件报告管理办法 第四条", "Hours", 0 },
                    { "cn.incident.cac-report-cii", 1, 0, "WorkingDays", "CN", "Rule", 0, "国家网络安全事件报告管理办法 第四条（关键信息基础设施）", "Hours", 0 },
                    { "cn.incident.final-report", 30, 120, "WorkingDays", "CN", "Rule", 0, "国家网络安全事件报告管理办法 第八条", "CalendarDays", 0 },
                    { "cn.incident.individual-notice", 72, 24, "WorkingDays", "CN", "Policy", 0, "PIPL art. 57（公司政策）", "Hours", 0 },
                    { "cn.network-logs", 6, 0, "WorkingDays", "CN", "Law", 0, "网络安全法 第二十三条第三项", "CalendarMonths", 0 },
                    { "cn.request.hard-stop", 30, 120, "WorkingDays", "CN", "Standard", 0, "GB/T 35273-2020 §8.5", "CalendarDays", 0 },
                    { "cn.request.target", 15, 72, "WorkingDays", "CN", "Standard", 0, "GB/T 35273-2020 §8.7", "WorkingDays", 0 },
                    { "gdpr.incident.authority", 72, 24, "WorkingDays", "GDPR", "Law", 0, "GDPR art. 33", "Hours", 0 },
                    { "gdpr.request", 1, 120, "CalendarMonths", "GDPR", "Law", 2, "GDPR art. 12(3)", "CalendarMonths", 0 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarDays_Region_Date",
                table: "CalendarDays",
                columns: new[] { "Region", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClockEntries_ClockId",
                table: "ClockEntries",
                column: "ClockId");

            migrationBuilder.CreateIndex(
                name: "IX_Clocks_OwnerType_OwnerId",
                table: "Clocks",
                columns: new[] { "OwnerType", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Clocks_State_DueUtc",
                table: "Clocks",
                columns: new[] { "State", "DueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationTemplates_Purpose_Language",
                table: "NotificationTemplates",
                columns: new[] { "Purpose", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ClaimToken",
                table: "OutboxMessages",
                column: "ClaimToken");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_CorrelationId",
                table: "OutboxMessages",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_CreatedAtUtc",
                table: "OutboxMessages",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_NextAttemptUtc",
                table: "OutboxMessages",
                columns: new[] { "Status", "NextAttemptUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PublicNotices_Language_PublishedAtUtc",
                table: "PublicNotices",
                columns: new[] { "Language", "PublishedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PublicNotices_OutboxMessageId",
                table: "PublicNotices",
                column: "OutboxMessageId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarDays");

            migrationBuilder.DropTable(
                name: "ClockEntries");

            migrationBuilder.DropTable(
                name: "ClockPresets");

            migrationBuilder.DropTable(
                name: "NotificationTemplates");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "PublicNotices");

            migrationBuilder.DropTable(
                name: "Clocks");
        }
    }
}
