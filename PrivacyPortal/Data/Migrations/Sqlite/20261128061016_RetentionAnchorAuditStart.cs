using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "RecordTime");

            migrationBuilder.CreateTable(
                name: "AuditTrailStarts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    Signature = table.Column<string>(type: "TEXT", unicode: false, maxLength: 200, nullable: false),
                    CheckpointFile = table.Column<string>(type: "TEXT", unicode: false, maxLength: 100, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
