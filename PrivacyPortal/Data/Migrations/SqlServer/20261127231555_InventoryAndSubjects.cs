using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PrivacyPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InventoryAndSubjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Key = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    NameZh = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DescriptionZh = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    DescriptionEn = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    IsSensitive = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataCategories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataSubjects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSubjects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataSystems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    OwnerTeam = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    OwnerEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    StorageRegion = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    RetentionNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    ConnectorKind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    DatabaseProvider = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    SecretProtected = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    BaseUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    MappingJson = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: true),
                    ManualChecklist = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSystems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Purposes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Key = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: false),
                    NameZh = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DescriptionZh = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    DescriptionEn = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    IsEssential = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Purposes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Recipients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Region = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    DeletionContact = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    LegalBasis = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    AgreementReference = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recipients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SubjectIdentifiers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SubjectId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ValueProtected = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    LookupHash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Masked = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    IsVerified = table.Column<bool>(type: "bit", nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectIdentifiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectIdentifiers_DataSubjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "DataSubjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectOperations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SubjectId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    RequestId = table.Column<long>(type: "bigint", nullable: true),
                    RequestedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectOperations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectOperations_DataSubjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "DataSubjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConnectorTasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SystemId = table.Column<int>(type: "int", nullable: false),
                    SubjectId = table.Column<long>(type: "bigint", nullable: false),
                    OperationStepId = table.Column<long>(type: "bigint", nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Checklist = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    EvidenceNote = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Rows = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CompletedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectorTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConnectorTasks_DataSubjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "DataSubjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConnectorTasks_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DataSystemCategories",
                columns: table => new
                {
                    CategoriesId = table.Column<int>(type: "int", nullable: false),
                    DataSystemId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSystemCategories", x => new { x.CategoriesId, x.DataSystemId });
                    table.ForeignKey(
                        name: "FK_DataSystemCategories_DataCategories_CategoriesId",
                        column: x => x.CategoriesId,
                        principalTable: "DataCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DataSystemCategories_DataSystems_DataSystemId",
                        column: x => x.DataSystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectDiscoveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SubjectId = table.Column<long>(type: "bigint", nullable: false),
                    SystemId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    CountsJson = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Error = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectDiscoveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectDiscoveries_DataSubjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "DataSubjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SubjectDiscoveries_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsentRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SubjectId = table.Column<long>(type: "bigint", nullable: false),
                    PurposeId = table.Column<int>(type: "int", nullable: false),
                    Given = table.Column<bool>(type: "bit", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    PolicyVersion = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    RecordedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    RequestId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentRecords_DataSubjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "DataSubjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConsentRecords_Purposes_PurposeId",
                        column: x => x.PurposeId,
                        principalTable: "Purposes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PurposeCategories",
                columns: table => new
                {
                    CategoriesId = table.Column<int>(type: "int", nullable: false),
                    PurposeId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PurposeCategories", x => new { x.CategoriesId, x.PurposeId });
                    table.ForeignKey(
                        name: "FK_PurposeCategories_DataCategories_CategoriesId",
                        column: x => x.CategoriesId,
                        principalTable: "DataCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PurposeCategories_Purposes_PurposeId",
                        column: x => x.PurposeId,
                        principalTable: "Purposes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PurposeSystems",
                columns: table => new
                {
                    Purpose1Id = table.Column<int>(type: "int", nullable: false),
                    SystemsId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PurposeSystems", x => new { x.Purpose1Id, x.SystemsId });
                    table.ForeignKey(
                        name: "FK_PurposeSystems_DataSystems_SystemsId",
                        column: x => x.SystemsId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PurposeSystems_Purposes_Purpose1Id",
                        column: x => x.Purpose1Id,
                        principalTable: "Purposes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DataFlows",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SystemId = table.Column<int>(type: "int", nullable: false),
                    RecipientId = table.Column<int>(type: "int", nullable: false),
                    Description = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataFlows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataFlows_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DataFlows_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Disclosures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Reference = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    RequestingBody = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RecipientId = table.Column<int>(type: "int", nullable: true),
                    Basis = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    DisclosedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Note = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    InformNotBeforeUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    InformedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    InformedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    RecordedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disclosures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Disclosures_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecipientCategories",
                columns: table => new
                {
                    CategoriesId = table.Column<int>(type: "int", nullable: false),
                    RecipientId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecipientCategories", x => new { x.CategoriesId, x.RecipientId });
                    table.ForeignKey(
                        name: "FK_RecipientCategories_DataCategories_CategoriesId",
                        column: x => x.CategoriesId,
                        principalTable: "DataCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RecipientCategories_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExportPackages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OperationId = table.Column<long>(type: "bigint", nullable: false),
                    SubjectId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Rows = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DeletedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExportPackages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExportPackages_SubjectOperations_OperationId",
                        column: x => x.OperationId,
                        principalTable: "SubjectOperations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SubjectOperationSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OperationId = table.Column<long>(type: "bigint", nullable: false),
                    SystemId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Rows = table.Column<long>(type: "bigint", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    TaskId = table.Column<long>(type: "bigint", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectOperationSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectOperationSteps_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SubjectOperationSteps_SubjectOperations_OperationId",
                        column: x => x.OperationId,
                        principalTable: "SubjectOperations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DisclosureCategories",
                columns: table => new
                {
                    CategoriesId = table.Column<int>(type: "int", nullable: false),
                    DisclosureId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisclosureCategories", x => new { x.CategoriesId, x.DisclosureId });
                    table.ForeignKey(
                        name: "FK_DisclosureCategories_DataCategories_CategoriesId",
                        column: x => x.CategoriesId,
                        principalTable: "DataCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DisclosureCategories_Disclosures_DisclosureId",
                        column: x => x.DisclosureId,
                        principalTable: "Disclosures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DisclosureSubjects",
                columns: table => new
                {
                    DisclosureId = table.Column<int>(type: "int", nullable: false),
                    SubjectId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisclosureSubjects", x => new { x.DisclosureId, x.SubjectId });
                    table.ForeignKey(
                        name: "FK_DisclosureSubjects_DataSubjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "DataSubjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DisclosureSubjects_Disclosures_DisclosureId",
                        column: x => x.DisclosureId,
                        principalTable: "Disclosures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "DataCategories",
                columns: new[] { "Id", "DescriptionEn", "DescriptionZh", "IsSensitive", "Key", "NameEn", "NameZh", "Version" },
                values: new object[,]
                {
                    { 1, "Name and contact person needed to register, sign in and manage an account (statement 1.1).", "注册、登录和管理账户所需的名称、联系人（隐私声明 1.1）。", false, "account-identity", "Account identity", "账户身份信息", 0 },
                    { 2, "E-mail address and phone number (statement 1.1).", "电子邮箱、联系电话（隐私声明 1.1）。", false, "contact", "Contact details", "联系方式", 0 },
                    { 3, "IMEI, IP address, browser type, language, access dates and times, device traits and user id (statement 1.2).", "IMEI、IP 地址、浏览器类型、使用的语言、访问日期和时间、软硬件特征信息、用户标识符（隐私声明 1.2）。", false, "device-usage", "Device and usage logs", "设备及使用日志", 0 },
                    { 4, "Pages visited while using the service (statement 1.2).", "使用服务期间的网页浏览记录（隐私声明 1.2）。", false, "browsing", "Browsing records", "网页浏览记录", 0 },
                    { 5, "GPS position; sensitive personal information under PIPL art. 28.", "GPS 精准位置，属于敏感个人信息（《个人信息保护法》第二十八条）。", true, "precise-location", "Precise location", "精准定位信息", 0 },
                    { 6, "Contact person, phone and address given for offline delivery or product trials (statement 1.3).", "申请线下交付或产品测试时提供的联系人、联系方式、地址（隐私声明 1.3）。", false, "delivery", "Offline delivery contact and address", "线下交付联系人及地址", 0 }
                });

            migrationBuilder.InsertData(
                table: "Purposes",
                columns: new[] { "Id", "DescriptionEn", "DescriptionZh", "IsEssential", "Key", "NameEn", "NameZh", "Version" },
                values: new object[,]
                {
                    { 1, "Providing the service you signed up for.", "向您提供服务。", true, "service", "Providing the service", "提供服务", 0 },
                    { 2, "Language and location settings, personalised help and guidance.", "语言设定、位置设定、个性化的帮助服务和指示。", false, "personalisation", "Personalisation", "个性化需求", 0 },
                    { 3, "Improving the service from the information produced while serving you.", "根据系统响应您的需求时产生的信息优化服务。", false, "improvement", "Service improvement", "服务优化和开发", 0 },
                    { 4, "Identity checks, security, complaint handling, dispute resolution and fraud detection.", "身份验证、安全防范、投诉处理、纠纷协调、诈骗监测。", true, "security", "Security and fraud prevention", "安全防范与诈骗监测", 0 },
                    { 5, "Suggesting similar features or services you may be interested in.", "向您提供您可能感兴趣的类似功能或服务。", false, "recommendation", "Recommending related services", "推荐相关服务", 0 },
                    { 6, "Inviting you to surveys about our products and services.", "邀请您参与有关产品和服务的调查。", false, "survey", "Surveys", "产品和服务调查", 0 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConnectorTasks_OperationStepId",
                table: "ConnectorTasks",
                column: "OperationStepId",
                unique: true,
                filter: "[OperationStepId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ConnectorTasks_Status_SystemId",
                table: "ConnectorTasks",
                columns: new[] { "Status", "SystemId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConnectorTasks_SubjectId",
                table: "ConnectorTasks",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ConnectorTasks_SystemId",
                table: "ConnectorTasks",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_PurposeId",
                table: "ConsentRecords",
                column: "PurposeId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_SubjectId_PurposeId_AtUtc",
                table: "ConsentRecords",
                columns: new[] { "SubjectId", "PurposeId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DataCategories_Key",
                table: "DataCategories",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DataFlows_RecipientId",
                table: "DataFlows",
                column: "RecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_DataFlows_SystemId_RecipientId",
                table: "DataFlows",
                columns: new[] { "SystemId", "RecipientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DataSystemCategories_DataSystemId",
                table: "DataSystemCategories",
                column: "DataSystemId");

            migrationBuilder.CreateIndex(
                name: "IX_DataSystems_Name",
                table: "DataSystems",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureCategories_DisclosureId",
                table: "DisclosureCategories",
                column: "DisclosureId");

            migrationBuilder.CreateIndex(
                name: "IX_Disclosures_DisclosedAtUtc",
                table: "Disclosures",
                column: "DisclosedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Disclosures_InformedAtUtc",
                table: "Disclosures",
                column: "InformedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Disclosures_RecipientId",
                table: "Disclosures",
                column: "RecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureSubjects_SubjectId",
                table: "DisclosureSubjects",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ExportPackages_ExpiresAtUtc",
                table: "ExportPackages",
                column: "ExpiresAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ExportPackages_OperationId",
                table: "ExportPackages",
                column: "OperationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExportPackages_SubjectId",
                table: "ExportPackages",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_PurposeCategories_PurposeId",
                table: "PurposeCategories",
                column: "PurposeId");

            migrationBuilder.CreateIndex(
                name: "IX_Purposes_Key",
                table: "Purposes",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PurposeSystems_SystemsId",
                table: "PurposeSystems",
                column: "SystemsId");

            migrationBuilder.CreateIndex(
                name: "IX_RecipientCategories_RecipientId",
                table: "RecipientCategories",
                column: "RecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_Recipients_Name",
                table: "Recipients",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubjectDiscoveries_SubjectId_SystemId",
                table: "SubjectDiscoveries",
                columns: new[] { "SubjectId", "SystemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubjectDiscoveries_SystemId",
                table: "SubjectDiscoveries",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectIdentifiers_LookupHash",
                table: "SubjectIdentifiers",
                column: "LookupHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubjectIdentifiers_SubjectId",
                table: "SubjectIdentifiers",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectOperations_Status",
                table: "SubjectOperations",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectOperations_SubjectId_CreatedAtUtc",
                table: "SubjectOperations",
                columns: new[] { "SubjectId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SubjectOperationSteps_OperationId_SystemId",
                table: "SubjectOperationSteps",
                columns: new[] { "OperationId", "SystemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubjectOperationSteps_SystemId",
                table: "SubjectOperationSteps",
                column: "SystemId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConnectorTasks");

            migrationBuilder.DropTable(
                name: "ConsentRecords");

            migrationBuilder.DropTable(
                name: "DataFlows");

            migrationBuilder.DropTable(
                name: "DataSystemCategories");

            migrationBuilder.DropTable(
                name: "DisclosureCategories");

            migrationBuilder.DropTable(
                name: "DisclosureSubjects");

            migrationBuilder.DropTable(
                name: "ExportPackages");

            migrationBuilder.DropTable(
                name: "PurposeCategories");

            migrationBuilder.DropTable(
                name: "PurposeSystems");

            migrationBuilder.DropTable(
                name: "RecipientCategories");

            migrationBuilder.DropTable(
                name: "SubjectDiscoveries");

            migrationBuilder.DropTable(
                name: "SubjectIdentifiers");

            migrationBuilder.DropTable(
                name: "SubjectOperationSteps");

            migrationBuilder.DropTable(
                name: "Disclosures");

            migrationBuilder.DropTable(
                name: "Purposes");

            migrationBuilder.DropTable(
                name: "DataCategories");

            migrationBuilder.DropTable(
                name: "DataSystems");

            migrationBuilder.DropTable(
                name: "SubjectOperations");

            migrationBuilder.DropTable(
                name: "Recipients");

            migrationBuilder.DropTable(
                name: "DataSubjects");
        }
    }
}
