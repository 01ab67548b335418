using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RetentionAnchorAuditStart : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Anchor",
                table: "RetentionRules",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "RecordTime");

            migrationBuilder.CreateTable(
                name: "AuditTrailStarts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    KeyId = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    Signature = table.Column<string>(type: "varchar(200)", unicode: false, maxLength: 200, nullable: false),
                    CheckpointFile = table.Column<string>(type: "varchar(100)", unicode: false, maxLength: 100, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditTrailStarts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrailStarts_Sequence",
                table: "AuditTrailStarts",
                column: "Sequence",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditTrailStarts");

            migrationBuilder.DropColumn(
                name: "Anchor",
                table: "RetentionRules");
        }
    }
}
