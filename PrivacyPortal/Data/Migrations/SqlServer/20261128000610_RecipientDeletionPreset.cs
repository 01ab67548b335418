using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RecipientDeletionPreset : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "ClockPresets",
                columns: new[] { "Key", "Amount", "DueSoonHours", "ExtensionUnit", "Jurisdiction", "Kind", "MaxExtension", "Source", "Unit", "Version" },
                values: new object[] { "cn.recipient-deletion", 15, 72, "WorkingDays", "CN", "Policy", 0, "隐私声明 6.2（公司政策）", "WorkingDays", 0 });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "ClockPresets",
                keyColumn: "Key",
                keyValue: "cn.recipient-deletion");
        }
    }
}
