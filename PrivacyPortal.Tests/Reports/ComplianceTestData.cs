using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;
using PrivacyPortal.Modules.Cases.Backups;

namespace PrivacyPortal.Tests.Reports;

/// <summary>Generated cases, incidents, purges and backup follow-ups for the dashboard and report tests.</summary>
public sealed class ComplianceTestData(ServiceHarness harness)
{
    // Mon 16 Nov 2026, 10:00 in Shanghai.
    public static readonly DateTime Now = new(2026, 11, 16, 2, 0, 0, DateTimeKind.Utc);

    private long subjectId;
    private int systemId;
    private int counter;

    public async Task InitializeAsync()
    {
        await using var db = harness.Database.CreateDbContext();
        var subject = new DataSubject { CreatedAtUtc = Now };
        var system = new DataSystem { Name = "会员中心（测试）", OwnerTeam = "平台部", OwnerEmail = "owner@example.com", Purpose = "测试", ConnectorKind = ConnectorKind.Manual, ManualChecklist = "x" };
        db.AddRange(subject, system);
        await db.SaveChangesAsync();
        subjectId = subject.Id;
        systemId = system.Id;
    }

    public async Task<long> RequestAsync(RequestType type, RequestStatus status, DateTime created, DateTime? closed = null, bool? onTime = null, double dueInHours = 300,
        RequestOutcome? outcome = null, string? reasons = null)
    {
        await using var db = harness.Database.CreateDbContext();
        var request = new DataSubjectRequest
        {
            SubjectId = subjectId, Type = type, Status = status, Channel = RequestChannel.Hotline400, Summary = "测试", IntakeId = Guid.NewGuid(),
            DueAtUtc = Now.AddHours(dueInHours), CreatedAtUtc = created, CreatedById = "agent", Version = 1, CaseNumber = $"PR-T-{++counter:D6}",
            Outcome = closed is null ? null : outcome ?? RequestOutcome.Fulfilled, ClosedAtUtc = closed, ClosedOnTime = onTime, RefusalReasonKeys = reasons,
        };
        db.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    public async Task IncidentAsync(BreachGrade? grade, DateTime discovered, BreachStatus status = BreachStatus.Open, params (DateTime? Submitted, bool Late)[] reports)
    {
        await using var db = harness.Database.CreateDbContext();
        var incident = new BreachIncident
        {
            Reference = $"BR-2026-{++counter:D4}", Title = "测试事件", WhatHappened = "测试", DiscoveredAtUtc = discovered, DiscoveredBy = "安全运营", Grade = grade,
            Status = status, CreatedAtUtc = discovered, CreatedBy = "officer",
        };
        db.Add(incident);
        await db.SaveChangesAsync();
        foreach (var (submitted, late) in reports)
        {
            db.Add(new BreachReport { IncidentId = incident.Id, Kind = BreachReportKind.Initial, CreatedAtUtc = discovered.AddHours(1), CreatedBy = "officer", SubmittedAtUtc = submitted, Late = late });
        }
        await db.SaveChangesAsync();
    }

    public async Task PurgeAsync(DateTime started, long deleted, PurgeRunStatus status = PurgeRunStatus.Completed, long held = 0)
    {
        await using var db = harness.Database.CreateDbContext();
        var rule = new RetentionRule { SystemId = systemId, Table = $"t{++counter}", Period = 6, Basis = RetentionBasis.Law, BasisNote = "测试", CreatedAtUtc = started };
        db.Add(rule);
        await db.SaveChangesAsync();
        db.Add(new PurgeRun { RuleId = rule.Id, Status = status, CutoffUtc = started.AddMonths(-6), RowsDeleted = deleted, HeldRows = held, StartedAtUtc = started, FinishedAtUtc = started.AddMinutes(5) });
        await db.SaveChangesAsync();
    }

    public async Task FollowUpAsync(DateTime expected, DateTime? closed = null)
    {
        await using var db = harness.Database.CreateDbContext();
        var ledger = new ErasureLedgerEntry { RequestId = 900_000 + ++counter, OperationId = counter, ErasedAtUtc = expected.AddDays(-30) };
        db.Add(ledger);
        await db.SaveChangesAsync();
        db.Add(new BackupDeletionFollowUp { LedgerEntryId = ledger.Id, SystemId = systemId, ExpectedByUtc = expected, ClosedAtUtc = closed });
        await db.SaveChangesAsync();
    }
}
