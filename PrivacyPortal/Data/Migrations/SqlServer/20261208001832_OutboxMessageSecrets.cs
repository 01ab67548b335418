using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OutboxMessageSecrets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "SecretsExpireUtc",
                table: "OutboxMessages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SecretsProtected",
                table: "OutboxMessages",
                type: "nvarchar(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_SecretsExpireUtc",
                table: "OutboxMessages",
                column: "SecretsExpireUtc");
            // Codes and links queued before secrets were sealed are in the bodies in clear: the bodies go, and what
            // was still waiting is not sent (the caller asks for a new code, the officer sends a new link).
            migrationBuilder.Sql("UPDATE OutboxMessages SET Status = 3, LeaseUntilUtc = NULL, LastError = 'Not sent: its code or link was stored in clear' WHERE Purpose IN ('VerificationCode', 'AccessDelivery') AND Status IN (0, 1)");
            migrationBuilder.Sql("UPDATE OutboxMessages SET Body = '' WHERE Purpose IN ('VerificationCode', 'AccessDelivery')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_SecretsExpireUtc",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "SecretsExpireUtc",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "SecretsProtected",
                table: "OutboxMessages");
        }
    }
}
