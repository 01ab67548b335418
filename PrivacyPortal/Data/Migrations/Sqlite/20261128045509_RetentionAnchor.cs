using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RetentionAnchor : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Anchor",
                table: "RetentionRules");
        }
    }
}
