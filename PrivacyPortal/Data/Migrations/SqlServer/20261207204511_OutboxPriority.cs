using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OutboxPriority : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Status_NextAttemptUtc",
                table: "OutboxMessages");

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "OutboxMessages",
                type: "int",
                nullable: false,
                defaultValue: 1);

            // Rows already queued take the priority they would be written with today (see NotificationPurposes.PriorityOf).
            migrationBuilder.Sql("UPDATE OutboxMessages SET Priority = 0 WHERE Purpose IN ('VerificationCode', 'AccessDelivery')");
            migrationBuilder.Sql("UPDATE OutboxMessages SET Priority = 2 WHERE Purpose IN ('ClockAlert', 'Test')");
            migrationBuilder.Sql("UPDATE OutboxMessages SET Priority = 3 WHERE CorrelationId LIKE 'campaign-%'");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_Priority_NextAttemptUtc",
                table: "OutboxMessages",
                columns: new[] { "Status", "Priority", "NextAttemptUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Status_Priority_NextAttemptUtc",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "OutboxMessages");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_NextAttemptUtc",
                table: "OutboxMessages",
                columns: new[] { "Status", "NextAttemptUtc" });
        }
    }
}
