using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TwoFactorEnrolmentCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EnrolmentAllowedUntilUtc",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EnrolmentCodeExpiresUtc",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EnrolmentCodeHash",
                table: "AspNetUsers",
                type: "TEXT",
                unicode: false,
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EnrolmentAllowedUntilUtc",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "EnrolmentCodeExpiresUtc",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "EnrolmentCodeHash",
                table: "AspNetUsers");
        }
    }
}
