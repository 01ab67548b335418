using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.SqlServer
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
                type: "int",
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
