using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AffectedStaged : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Staged",
                table: "BreachAffectedPeople",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Staged",
                table: "BreachAffectedPeople");
        }
    }
}
