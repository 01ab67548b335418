using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.SqlServer
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
                type: "bit",
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
