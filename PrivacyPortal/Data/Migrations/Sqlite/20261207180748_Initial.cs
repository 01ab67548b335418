using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PrivacyPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TwoFactorDueUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSignInUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TargetType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TargetId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SubjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ClientIp = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PreviousHash = table.Column<byte[]>(type: "BLOB", fixedLength: true, maxLength: 32, nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", fixedLength: true, maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Sequence);
                });

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

            migrationBuilder.CreateTable(
                name: "BreachGradingThresholds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Larger = table.Column<long>(type: "INTEGER", nullable: false),
                    Major = table.Column<long>(type: "INTEGER", nullable: false),
                    Critical = table.Column<long>(type: "INTEGER", nullable: false),
                    SensitiveRaiseFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachGradingThresholds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BreachIncidents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WhatHappened = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DiscoveredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DiscoveredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OccurredFromUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OccurredToUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HowDiscovered = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    InitialCause = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ConfirmedCause = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Measures = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    EuResidents = table.Column<bool>(type: "INTEGER", nullable: false),
                    CriticalInfrastructure = table.Column<bool>(type: "INTEGER", nullable: false),
                    EstimatedAffected = table.Column<long>(type: "INTEGER", nullable: true),
                    AffectedCount = table.Column<long>(type: "INTEGER", nullable: false),
                    UnmatchedCount = table.Column<long>(type: "INTEGER", nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    GradeReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    GradedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    GradedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    HandlingEndedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachIncidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CalendarDays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClockPresets",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    Jurisdiction = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    MaxExtension = table.Column<int>(type: "INTEGER", nullable: false),
                    ExtensionUnit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DueSoonHours = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClockPresets", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Clocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PresetKey = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    RuleKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RuleSource = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    MaxExtension = table.Column<int>(type: "INTEGER", nullable: false),
                    ExtensionUnit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DueSoonHours = table.Column<int>(type: "INTEGER", nullable: false),
                    CalendarRegion = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    DueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Uncertain = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PausedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MetAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Extended = table.Column<int>(type: "INTEGER", nullable: false),
                    RemindedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BreachedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Clocks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DescriptionZh = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DescriptionEn = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    IsSensitive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataCategories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataSubjects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSubjects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataSystems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OwnerTeam = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OwnerEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    StorageRegion = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    RetentionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConnectorKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DatabaseProvider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    SecretProtected = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    MappingJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    ManualChecklist = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSystems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ErasureLedger",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    OperationId = table.Column<long>(type: "INTEGER", nullable: false),
                    IdentifierHashes = table.Column<string>(type: "TEXT", unicode: false, maxLength: 2000, nullable: false),
                    SystemIds = table.Column<string>(type: "TEXT", unicode: false, maxLength: 1000, nullable: false),
                    ErasedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasureLedger", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobRunClaims",
                columns: table => new
                {
                    JobName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PeriodKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ClaimedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRunClaims", x => new { x.JobName, x.PeriodKey });
                });

            migrationBuilder.CreateTable(
                name: "NotificationTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    RecipientProtected = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    RecipientMasked = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    CorrelationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimToken = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastAttemptUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PolicyVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FullText = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublicNotices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OutboxMessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Purposes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DescriptionZh = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DescriptionEn = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    IsEssential = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Purposes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Recipients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DeletionContact = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    AgreementReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recipients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VerificationChallenges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IntakeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IdentifierId = table.Column<long>(type: "INTEGER", nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    PassedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationChallenges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BreachAffectedPeople",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ValueProtected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Masked = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachAffectedPeople", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BreachAffectedPeople_BreachIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "BreachIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BreachEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BreachEvents_BreachIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "BreachIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BreachReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Authority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SectionsJson = table.Column<string>(type: "TEXT", maxLength: 32000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedTo = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Late = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BreachReports_BreachIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "BreachIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClockEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClockId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PreviousDueUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NewDueUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClockEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClockEntries_Clocks_ClockId",
                        column: x => x.ClockId,
                        principalTable: "Clocks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BreachIncidentCategories",
                columns: table => new
                {
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachIncidentCategories", x => new { x.IncidentId, x.CategoryId });
                    table.ForeignKey(
                        name: "FK_BreachIncidentCategories_BreachIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "BreachIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BreachIncidentCategories_DataCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "DataCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DataSubjectRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Jurisdiction = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    IntakeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OnBehalf = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorityNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AssigneeId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ClockId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeadlineUncertain = table.Column<bool>(type: "INTEGER", nullable: false),
                    VerificationMethod = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    VerificationResult = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    VerificationNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    VerifiedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    VerifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    RefusalReasonKeys = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DecisionExplanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OperationId = table.Column<long>(type: "INTEGER", nullable: true),
                    DuplicateOfId = table.Column<long>(type: "INTEGER", nullable: true),
                    FeeStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    FeeAmount = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: true),
                    FeeBasis = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FeeAssessedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    FeeAssessedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FeeSettledById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    FeeSettledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FeeSettlementNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedOnTime = table.Column<bool>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSubjectRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataSubjectRequests_DataSubjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "DataSubjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SubjectIdentifiers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ValueProtected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    LookupHash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    Masked = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IsVerified = table.Column<bool>(type: "INTEGER", nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: true),
                    RequestedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                name: "BackupRotationPolicies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    EveryHours = table.Column<int>(type: "INTEGER", nullable: false),
                    KeepDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GeneratedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackupRotationPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BackupRotationPolicies_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BreachIncidentSystems",
                columns: table => new
                {
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachIncidentSystems", x => new { x.IncidentId, x.SystemId });
                    table.ForeignKey(
                        name: "FK_BreachIncidentSystems_BreachIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "BreachIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BreachIncidentSystems_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConnectorTasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    OperationStepId = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Checklist = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    EvidenceNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Rows = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    CategoriesId = table.Column<int>(type: "INTEGER", nullable: false),
                    DataSystemId = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "LegalHolds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: true),
                    CategoryKey = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ReviewByUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewRaisedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReleasedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReleasedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReleaseNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalHolds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LegalHolds_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Table = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Anchor = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BasisNote = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DryRunAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DryRunExpired = table.Column<long>(type: "INTEGER", nullable: true),
                    DryRunHeld = table.Column<long>(type: "INTEGER", nullable: true),
                    DryRunOldestKeptUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RetentionRules_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SubjectDiscoveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CountsJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                name: "BackupDeletionFollowUps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LedgerEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    BackupSetId = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpectedByUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackupDeletionFollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BackupDeletionFollowUps_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BackupDeletionFollowUps_ErasureLedger_LedgerEntryId",
                        column: x => x.LedgerEntryId,
                        principalTable: "ErasureLedger",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotificationCampaigns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IncidentId = table.Column<long>(type: "INTEGER", nullable: true),
                    PolicyVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Channels = table.Column<int>(type: "INTEGER", nullable: false),
                    ValuesZhJson = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    ValuesEnJson = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DraftedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    TestSentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ApprovedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FannedOutAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Cursor = table.Column<long>(type: "INTEGER", nullable: false),
                    CohortSize = table.Column<long>(type: "INTEGER", nullable: false),
                    Reached = table.Column<long>(type: "INTEGER", nullable: false),
                    Queued = table.Column<long>(type: "INTEGER", nullable: false),
                    NoAddress = table.Column<long>(type: "INTEGER", nullable: false),
                    AnnouncementQueued = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationCampaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NotificationCampaigns_BreachIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "BreachIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NotificationCampaigns_PolicyVersions_PolicyVersionId",
                        column: x => x.PolicyVersionId,
                        principalTable: "PolicyVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    PurposeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Given = table.Column<bool>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PolicyVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: true)
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
                    CategoriesId = table.Column<int>(type: "INTEGER", nullable: false),
                    PurposeId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Purpose1Id = table.Column<int>(type: "INTEGER", nullable: false),
                    SystemsId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    RecipientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestingBody = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecipientId = table.Column<int>(type: "INTEGER", nullable: true),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    DisclosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    InformNotBeforeUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    InformedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    InformedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    CategoriesId = table.Column<int>(type: "INTEGER", nullable: false),
                    RecipientId = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "AccessDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    PackageId = table.Column<long>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    DownloadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessDeliveries_DataSubjectRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DataSubjectRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RecipientDeletionNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    RecipientId = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClockId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConfirmedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ConfirmationNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecipientDeletionNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecipientDeletionNotices_DataSubjectRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DataSubjectRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RecipientDeletionNotices_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RequestComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestComments_DataSubjectRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DataSubjectRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExportPackages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OperationId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Rows = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OperationId = table.Column<long>(type: "INTEGER", nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Rows = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TaskId = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                name: "BackupSets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    TakenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PolicyId = table.Column<long>(type: "INTEGER", nullable: true),
                    RotatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackupSets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BackupSets_BackupRotationPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "BackupRotationPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_BackupSets_DataSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DataSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LegalHoldSubjects",
                columns: table => new
                {
                    HoldId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalHoldSubjects", x => new { x.HoldId, x.SubjectId });
                    table.ForeignKey(
                        name: "FK_LegalHoldSubjects_DataSubjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "DataSubjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LegalHoldSubjects_LegalHolds_HoldId",
                        column: x => x.HoldId,
                        principalTable: "LegalHolds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PurgeRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CutoffUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiredAtStart = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsDeleted = table.Column<long>(type: "INTEGER", nullable: false),
                    Batches = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldRows = table.Column<long>(type: "INTEGER", nullable: false),
                    HoldIds = table.Column<string>(type: "TEXT", unicode: false, maxLength: 500, nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EvidenceNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CompletedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PurgeRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PurgeRuns_RetentionRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "RetentionRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DisclosureCategories",
                columns: table => new
                {
                    CategoriesId = table.Column<int>(type: "INTEGER", nullable: false),
                    DisclosureId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    DisclosureId = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "BackupRestores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BackupSetId = table.Column<long>(type: "INTEGER", nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    RestoredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Erasures = table.Column<int>(type: "INTEGER", nullable: false),
                    Reapplied = table.Column<int>(type: "INTEGER", nullable: false),
                    TasksCreated = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackupRestores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BackupRestores_BackupSets_BackupSetId",
                        column: x => x.BackupSetId,
                        principalTable: "BackupSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "BreachGradingThresholds",
                columns: new[] { "Id", "Critical", "Larger", "Major", "SensitiveRaiseFrom", "Version" },
                values: new object[] { 1, 100000000L, 1000000L, 10000000L, 100000L, 1 });

            migrationBuilder.InsertData(
                table: "CalendarDays",
                columns: new[] { "Id", "Date", "Kind", "Name", "Region", "Source", "Version" },
                values: new object[,]
                {
                    { 1, new DateOnly(2025, 1, 1), "Holiday", "元旦", "CN", "国办发明电〔2024〕12号", 0 },
                    { 2, new DateOnly(2025, 1, 26), "AdjustedWorkday", "春节调休", "CN", "国办发明电〔2024〕12号", 0 },
                    { 3, new DateOnly(2025, 1, 28), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 4, new DateOnly(2025, 1, 29), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 5, new DateOnly(2025, 1, 30), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 6, new DateOnly(2025, 1, 31), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 7, new DateOnly(2025, 2, 1), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 8, new DateOnly(2025, 2, 2), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 9, new DateOnly(2025, 2, 3), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 10, new DateOnly(2025, 2, 4), "Holiday", "春节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 11, new DateOnly(2025, 2, 8), "AdjustedWorkday", "春节调休", "CN", "国办发明电〔2024〕12号", 0 },
                    { 12, new DateOnly(2025, 4, 4), "Holiday", "清明节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 13, new DateOnly(2025, 4, 5), "Holiday", "清明节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 14, new DateOnly(2025, 4, 6), "Holiday", "清明节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 15, new DateOnly(2025, 4, 27), "AdjustedWorkday", "劳动节调休", "CN", "国办发明电〔2024〕12号", 0 },
                    { 16, new DateOnly(2025, 5, 1), "Holiday", "劳动节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 17, new DateOnly(2025, 5, 2), "Holiday", "劳动节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 18, new DateOnly(2025, 5, 3), "Holiday", "劳动节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 19, new DateOnly(2025, 5, 4), "Holiday", "劳动节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 20, new DateOnly(2025, 5, 5), "Holiday", "劳动节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 21, new DateOnly(2025, 5, 31), "Holiday", "端午节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 22, new DateOnly(2025, 6, 1), "Holiday", "端午节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 23, new DateOnly(2025, 6, 2), "Holiday", "端午节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 24, new DateOnly(2025, 9, 28), "AdjustedWorkday", "国庆节调休", "CN", "国办发明电〔2024〕12号", 0 },
                    { 25, new DateOnly(2025, 10, 1), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 26, new DateOnly(2025, 10, 2), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 27, new DateOnly(2025, 10, 3), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 28, new DateOnly(2025, 10, 4), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 29, new DateOnly(2025, 10, 5), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 30, new DateOnly(2025, 10, 6), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 31, new DateOnly(2025, 10, 7), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 32, new DateOnly(2025, 10, 8), "Holiday", "国庆节、中秋节", "CN", "国办发明电〔2024〕12号", 0 },
                    { 33, new DateOnly(2025, 10, 11), "AdjustedWorkday", "国庆节调休", "CN", "国办发明电〔2024〕12号", 0 },
                    { 34, new DateOnly(2026, 1, 1), "Holiday", "元旦", "CN", "国办发明电〔2025〕7号", 0 },
                    { 35, new DateOnly(2026, 1, 2), "Holiday", "元旦", "CN", "国办发明电〔2025〕7号", 0 },
                    { 36, new DateOnly(2026, 1, 3), "Holiday", "元旦", "CN", "国办发明电〔2025〕7号", 0 },
                    { 37, new DateOnly(2026, 1, 4), "AdjustedWorkday", "元旦调休", "CN", "国办发明电〔2025〕7号", 0 },
                    { 38, new DateOnly(2026, 2, 14), "AdjustedWorkday", "春节调休", "CN", "国办发明电〔2025〕7号", 0 },
                    { 39, new DateOnly(2026, 2, 15), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 40, new DateOnly(2026, 2, 16), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 41, new DateOnly(2026, 2, 17), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 42, new DateOnly(2026, 2, 18), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 43, new DateOnly(2026, 2, 19), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 44, new DateOnly(2026, 2, 20), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 45, new DateOnly(2026, 2, 21), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 46, new DateOnly(2026, 2, 22), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 47, new DateOnly(2026, 2, 23), "Holiday", "春节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 48, new DateOnly(2026, 2, 28), "AdjustedWorkday", "春节调休", "CN", "国办发明电〔2025〕7号", 0 },
                    { 49, new DateOnly(2026, 4, 4), "Holiday", "清明节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 50, new DateOnly(2026, 4, 5), "Holiday", "清明节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 51, new DateOnly(2026, 4, 6), "Holiday", "清明节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 52, new DateOnly(2026, 5, 1), "Holiday", "劳动节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 53, new DateOnly(2026, 5, 2), "Holiday", "劳动节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 54, new DateOnly(2026, 5, 3), "Holiday", "劳动节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 55, new DateOnly(2026, 5, 4), "Holiday", "劳动节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 56, new DateOnly(2026, 5, 5), "Holiday", "劳动节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 57, new DateOnly(2026, 5, 9), "AdjustedWorkday", "劳动节调休", "CN", "国办发明电〔2025〕7号", 0 },
                    { 58, new DateOnly(2026, 6, 19), "Holiday", "端午节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 59, new DateOnly(2026, 6, 20), "Holiday", "端午节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 60, new DateOnly(2026, 6, 21), "Holiday", "端午节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 61, new DateOnly(2026, 9, 20), "AdjustedWorkday", "中秋节调休", "CN", "国办发明电〔2025〕7号", 0 },
                    { 62, new DateOnly(2026, 9, 25), "Holiday", "中秋节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 63, new DateOnly(2026, 9, 26), "Holiday", "中秋节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 64, new DateOnly(2026, 9, 27), "Holiday", "中秋节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 65, new DateOnly(2026, 10, 1), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 66, new DateOnly(2026, 10, 2), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 67, new DateOnly(2026, 10, 3), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 68, new DateOnly(2026, 10, 4), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 69, new DateOnly(2026, 10, 5), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 70, new DateOnly(2026, 10, 6), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 71, new DateOnly(2026, 10, 7), "Holiday", "国庆节", "CN", "国办发明电〔2025〕7号", 0 },
                    { 72, new DateOnly(2026, 10, 10), "AdjustedWorkday", "国庆节调休", "CN", "国办发明电〔2025〕7号", 0 }
                });

            migrationBuilder.InsertData(
                table: "ClockPresets",
                columns: new[] { "Key", "Amount", "DueSoonHours", "ExtensionUnit", "Jurisdiction", "Kind", "MaxExtension", "Source", "Unit", "Version" },
                values: new object[,]
                {
                    { "cn.cancellation", 15, 72, "WorkingDays", "CN", "Standard", 0, "GB/T 35273-2020 §8.5", "WorkingDays", 0 },
                    { "cn.incident.cac-report", 4, 1, "WorkingDays", "CN", "Rule", 0, "国家网络安全事件报告管理办法 第四条", "Hours", 0 },
                    { "cn.incident.cac-report-cii", 1, 0, "WorkingDays", "CN", "Rule", 0, "国家网络安全事件报告管理办法 第四条（关键信息基础设施）", "Hours", 0 },
                    { "cn.incident.final-report", 30, 120, "WorkingDays", "CN", "Rule", 0, "国家网络安全事件报告管理办法 第八条", "CalendarDays", 0 },
                    { "cn.incident.individual-notice", 72, 24, "WorkingDays", "CN", "Policy", 0, "PIPL art. 57（公司政策）", "Hours", 0 },
                    { "cn.network-logs", 6, 0, "WorkingDays", "CN", "Law", 0, "网络安全法 第二十三条第三项", "CalendarMonths", 0 },
                    { "cn.recipient-deletion", 15, 72, "WorkingDays", "CN", "Policy", 0, "隐私声明 6.2（公司政策）", "WorkingDays", 0 },
                    { "cn.request.hard-stop", 30, 120, "WorkingDays", "CN", "Standard", 0, "GB/T 35273-2020 §8.5", "CalendarDays", 0 },
                    { "cn.request.target", 15, 72, "WorkingDays", "CN", "Standard", 0, "GB/T 35273-2020 §8.7", "WorkingDays", 0 },
                    { "gdpr.incident.authority", 72, 24, "WorkingDays", "GDPR", "Law", 0, "GDPR art. 33", "Hours", 0 },
                    { "gdpr.request", 1, 120, "CalendarMonths", "GDPR", "Law", 2, "GDPR art. 12(3)", "CalendarMonths", 0 }
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
                table: "PolicyVersions",
                columns: new[] { "Id", "CreatedAtUtc", "EffectiveDate", "FullText", "Number", "Summary", "Version" },
                values: new object[,]
                {
                    { 1, new DateTime(2025, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new DateOnly(2025, 1, 1), "（2025.1 版隐私政策全文）", "2025.1", "首次发布。", 1 },
                    { 2, new DateTime(2025, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), new DateOnly(2026, 1, 1), "（2026.1 版隐私政策全文）", "2026.1", "网络日志保存期限依据更新为《网络安全法》第二十三条第三项（2026年1月1日起施行）。", 1 }
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
                name: "IX_AccessDeliveries_RequestId",
                table: "AccessDeliveries",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessDeliveries_TokenHash",
                table: "AccessDeliveries",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_OccurredAtUtc",
                table: "AuditEvents",
                columns: new[] { "Action", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ActorId_OccurredAtUtc",
                table: "AuditEvents",
                columns: new[] { "ActorId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ClientIp_OccurredAtUtc",
                table: "AuditEvents",
                columns: new[] { "ClientIp", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_OccurredAtUtc",
                table: "AuditEvents",
                column: "OccurredAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Outcome_OccurredAtUtc",
                table: "AuditEvents",
                columns: new[] { "Outcome", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_SubjectId_OccurredAtUtc",
                table: "AuditEvents",
                columns: new[] { "SubjectId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TargetId_OccurredAtUtc",
                table: "AuditEvents",
                columns: new[] { "TargetId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditTrailStarts_Sequence",
                table: "AuditTrailStarts",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BackupDeletionFollowUps_ClosedAtUtc_ExpectedByUtc",
                table: "BackupDeletionFollowUps",
                columns: new[] { "ClosedAtUtc", "ExpectedByUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BackupDeletionFollowUps_LedgerEntryId_SystemId_BackupSetId",
                table: "BackupDeletionFollowUps",
                columns: new[] { "LedgerEntryId", "SystemId", "BackupSetId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BackupDeletionFollowUps_SystemId",
                table: "BackupDeletionFollowUps",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_BackupRestores_BackupSetId",
                table: "BackupRestores",
                column: "BackupSetId");

            migrationBuilder.CreateIndex(
                name: "IX_BackupRotationPolicies_SystemId",
                table: "BackupRotationPolicies",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_BackupSets_ExpiresAtUtc",
                table: "BackupSets",
                column: "ExpiresAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_BackupSets_PolicyId",
                table: "BackupSets",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_BackupSets_SystemId_TakenAtUtc_Location",
                table: "BackupSets",
                columns: new[] { "SystemId", "TakenAtUtc", "Location" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BreachAffectedPeople_IncidentId_Key",
                table: "BreachAffectedPeople",
                columns: new[] { "IncidentId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BreachAffectedPeople_IncidentId_SubjectId",
                table: "BreachAffectedPeople",
                columns: new[] { "IncidentId", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_BreachEvents_IncidentId_AtUtc",
                table: "BreachEvents",
                columns: new[] { "IncidentId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BreachIncidentCategories_CategoryId",
                table: "BreachIncidentCategories",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_BreachIncidents_Reference",
                table: "BreachIncidents",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BreachIncidents_Status_DiscoveredAtUtc",
                table: "BreachIncidents",
                columns: new[] { "Status", "DiscoveredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BreachIncidentSystems_SystemId",
                table: "BreachIncidentSystems",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_BreachReports_IncidentId",
                table: "BreachReports",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarDays_Region_Date",
                table: "CalendarDays",
                columns: new[] { "Region", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClockEntries_ClockId",
                table: "ClockEntries",
                column: "ClockId");

            migrationBuilder.CreateIndex(
                name: "IX_Clocks_OwnerType_OwnerId",
                table: "Clocks",
                columns: new[] { "OwnerType", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Clocks_State_DueUtc",
                table: "Clocks",
                columns: new[] { "State", "DueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ConnectorTasks_OperationStepId",
                table: "ConnectorTasks",
                column: "OperationStepId",
                unique: true);

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
                name: "IX_DataSubjectRequests_AssigneeId_Status_DueAtUtc",
                table: "DataSubjectRequests",
                columns: new[] { "AssigneeId", "Status", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectRequests_CaseNumber",
                table: "DataSubjectRequests",
                column: "CaseNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectRequests_CreatedAtUtc",
                table: "DataSubjectRequests",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectRequests_IntakeId",
                table: "DataSubjectRequests",
                column: "IntakeId");

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectRequests_Status_DueAtUtc",
                table: "DataSubjectRequests",
                columns: new[] { "Status", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectRequests_SubjectId_Type_Status",
                table: "DataSubjectRequests",
                columns: new[] { "SubjectId", "Type", "Status" });

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
                name: "IX_ErasureLedger_RequestId",
                table: "ErasureLedger",
                column: "RequestId",
                unique: true);

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
                name: "IX_LegalHolds_ReleasedAtUtc_ReviewByUtc",
                table: "LegalHolds",
                columns: new[] { "ReleasedAtUtc", "ReviewByUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_SystemId",
                table: "LegalHolds",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_LegalHoldSubjects_SubjectId",
                table: "LegalHoldSubjects",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationCampaigns_IncidentId",
                table: "NotificationCampaigns",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationCampaigns_PolicyVersionId",
                table: "NotificationCampaigns",
                column: "PolicyVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationCampaigns_Status_IncidentId",
                table: "NotificationCampaigns",
                columns: new[] { "Status", "IncidentId" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationTemplates_Purpose_Language",
                table: "NotificationTemplates",
                columns: new[] { "Purpose", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ClaimToken",
                table: "OutboxMessages",
                column: "ClaimToken");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_CorrelationId_Status",
                table: "OutboxMessages",
                columns: new[] { "CorrelationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_CreatedAtUtc",
                table: "OutboxMessages",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_NextAttemptUtc",
                table: "OutboxMessages",
                columns: new[] { "Status", "NextAttemptUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PolicyVersions_Number",
                table: "PolicyVersions",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublicNotices_Language_PublishedAtUtc",
                table: "PublicNotices",
                columns: new[] { "Language", "PublishedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PublicNotices_OutboxMessageId",
                table: "PublicNotices",
                column: "OutboxMessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PurgeRuns_RuleId_Status",
                table: "PurgeRuns",
                columns: new[] { "RuleId", "Status" });

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
                name: "IX_RecipientDeletionNotices_ConfirmedAtUtc",
                table: "RecipientDeletionNotices",
                column: "ConfirmedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_RecipientDeletionNotices_RecipientId",
                table: "RecipientDeletionNotices",
                column: "RecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_RecipientDeletionNotices_RequestId_RecipientId",
                table: "RecipientDeletionNotices",
                columns: new[] { "RequestId", "RecipientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recipients_Name",
                table: "Recipients",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RequestComments_RequestId_AtUtc",
                table: "RequestComments",
                columns: new[] { "RequestId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRules_Status",
                table: "RetentionRules",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRules_SystemId_Table",
                table: "RetentionRules",
                columns: new[] { "SystemId", "Table" },
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

            migrationBuilder.CreateIndex(
                name: "IX_VerificationChallenges_IntakeId_CreatedAtUtc",
                table: "VerificationChallenges",
                columns: new[] { "IntakeId", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessDeliveries");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEvents");

            migrationBuilder.DropTable(
                name: "AuditTrailStarts");

            migrationBuilder.DropTable(
                name: "BackupDeletionFollowUps");

            migrationBuilder.DropTable(
                name: "BackupRestores");

            migrationBuilder.DropTable(
                name: "BreachAffectedPeople");

            migrationBuilder.DropTable(
                name: "BreachEvents");

            migrationBuilder.DropTable(
                name: "BreachGradingThresholds");

            migrationBuilder.DropTable(
                name: "BreachIncidentCategories");

            migrationBuilder.DropTable(
                name: "BreachIncidentSystems");

            migrationBuilder.DropTable(
                name: "BreachReports");

            migrationBuilder.DropTable(
                name: "CalendarDays");

            migrationBuilder.DropTable(
                name: "ClockEntries");

            migrationBuilder.DropTable(
                name: "ClockPresets");

            migrationBuilder.DropTable(
                name: "ConnectorTasks");

            migrationBuilder.DropTable(
                name: "ConsentRecords");

            migrationBuilder.DropTable(
                name: "DataFlows");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DataSystemCategories");

            migrationBuilder.DropTable(
                name: "DisclosureCategories");

            migrationBuilder.DropTable(
                name: "DisclosureSubjects");

            migrationBuilder.DropTable(
                name: "ExportPackages");

            migrationBuilder.DropTable(
                name: "JobRunClaims");

            migrationBuilder.DropTable(
                name: "LegalHoldSubjects");

            migrationBuilder.DropTable(
                name: "NotificationCampaigns");

            migrationBuilder.DropTable(
                name: "NotificationTemplates");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "PublicNotices");

            migrationBuilder.DropTable(
                name: "PurgeRuns");

            migrationBuilder.DropTable(
                name: "PurposeCategories");

            migrationBuilder.DropTable(
                name: "PurposeSystems");

            migrationBuilder.DropTable(
                name: "RecipientCategories");

            migrationBuilder.DropTable(
                name: "RecipientDeletionNotices");

            migrationBuilder.DropTable(
                name: "RequestComments");

            migrationBuilder.DropTable(
                name: "SubjectDiscoveries");

            migrationBuilder.DropTable(
                name: "SubjectIdentifiers");

            migrationBuilder.DropTable(
                name: "SubjectOperationSteps");

            migrationBuilder.DropTable(
                name: "VerificationChallenges");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "ErasureLedger");

            migrationBuilder.DropTable(
                name: "BackupSets");

            migrationBuilder.DropTable(
                name: "Clocks");

            migrationBuilder.DropTable(
                name: "Disclosures");

            migrationBuilder.DropTable(
                name: "LegalHolds");

            migrationBuilder.DropTable(
                name: "BreachIncidents");

            migrationBuilder.DropTable(
                name: "PolicyVersions");

            migrationBuilder.DropTable(
                name: "RetentionRules");

            migrationBuilder.DropTable(
                name: "Purposes");

            migrationBuilder.DropTable(
                name: "DataCategories");

            migrationBuilder.DropTable(
                name: "DataSubjectRequests");

            migrationBuilder.DropTable(
                name: "SubjectOperations");

            migrationBuilder.DropTable(
                name: "BackupRotationPolicies");

            migrationBuilder.DropTable(
                name: "Recipients");

            migrationBuilder.DropTable(
                name: "DataSubjects");

            migrationBuilder.DropTable(
                name: "DataSystems");
        }
    }
}
