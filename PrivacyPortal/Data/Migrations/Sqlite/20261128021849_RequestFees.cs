using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RequestFees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "FeeAmount",
                table: "DataSubjectRequests",
                type: "TEXT",
                precision: 10,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FeeAssessedAtUtc",
                table: "DataSubjectRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeAssessedById",
                table: "DataSubjectRequests",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeBasis",
                table: "DataSubjectRequests",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FeeSettledAtUtc",
                table: "DataSubjectRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeSettledById",
                table: "DataSubjectRequests",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeSettlementNote",
                table: "DataSubjectRequests",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeStatus",
                table: "DataSubjectRequests",
                type: "TEXT",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FeeAmount",
                table: "DataSubjectRequests");

            migrationBuilder.DropColumn(
                name: "FeeAssessedAtUtc",
                table: "DataSubjectRequests");

            migrationBuilder.DropColumn(
                name: "FeeAssessedById",
                table: "DataSubjectRequests");

            migrationBuilder.DropColumn(
                name: "FeeBasis",
                table: "DataSubjectRequests");

            migrationBuilder.DropColumn(
                name: "FeeSettledAtUtc",
                table: "DataSubjectRequests");

            migrationBuilder.DropColumn(
                name: "FeeSettledById",
                table: "DataSubjectRequests");

            migrationBuilder.DropColumn(
                name: "FeeSettlementNote",
                table: "DataSubjectRequests");

            migrationBuilder.DropColumn(
                name: "FeeStatus",
                table: "DataSubjectRequests");
        }
    }
}
