using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClockEntryAmount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Amount",
                table: "ClockEntries",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Amount",
                table: "ClockEntries");
        }
    }
}
