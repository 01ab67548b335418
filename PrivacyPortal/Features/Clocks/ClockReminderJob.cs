using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Features.Audit;
using PrivacyPortal.Jobs;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Features.Clocks;

/// <summary>
/// Every quarter hour: reminds once when a running clock enters its due-soon window, marks it breached once it is
/// overdue, and (from November) warns once a day that next year's calendar is missing. Each clock is claimed with
/// a conditional update, so two instances or a rerun after a crash never remind or escalate twice.
/// </summary>
public sealed class ClockReminderJob(
    IDbContextFactory<PortalDbContext> contexts,
    CalendarService calendar,
    AuditTrail audit,
    JobClaims claims,
    PortalTime time,
    ILogger<ClockReminderJob> logger)
{
    private const int Batch = 500;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var overdue = await db.Set<Clock>().Where(c => c.State == ClockState.Running && c.DueUtc < now)
            .OrderBy(c => c.DueUtc).Select(c => c.Id).Take(Batch).ToListAsync(cancellationToken);
        foreach (var id in overdue)
        {
            var claimed = await db.Set<Clock>().Where(c => c.Id == id && c.State == ClockState.Running && c.DueUtc < now)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ClockState.Breached).SetProperty(c => c.BreachedAtUtc, now).SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            if (claimed == 1)
            {
                await RecordAsync(db, id, ClockEntryKind.Breached, now, "clock.breached", cancellationToken);
            }
        }

        var candidates = await db.Set<Clock>().Where(c => c.State == ClockState.Running && c.RemindedAtUtc == null && c.DueUtc >= now)
            .OrderBy(c => c.DueUtc).Select(c => new { c.Id, c.DueUtc, c.DueSoonHours }).Take(Batch * 4).ToListAsync(cancellationToken);
        foreach (var clock in candidates.Where(c => c.DueUtc <= now.AddHours(c.DueSoonHours)))
        {
            var claimed = await db.Set<Clock>().Where(c => c.Id == clock.Id && c.State == ClockState.Running && c.RemindedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.RemindedAtUtc, now), cancellationToken);
            if (claimed == 1)
            {
                await RecordAsync(db, clock.Id, ClockEntryKind.Reminded, now, "clock.reminded", cancellationToken);
            }
        }

        if (await calendar.MissingNextYearAsync(CalendarRegions.MainlandChina, cancellationToken) is { } missingYear)
        {
            var today = time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await claims.RunOnceAsync("calendar-check", today, TimeSpan.FromHours(1), async ct =>
            {
                logger.LogWarning("The official holiday calendar for {Year} is not loaded: deadlines running into it are counted on weekdays alone", missingYear);
                await audit.RecordAsync("calendar.missing-year", AuditOutcome.Failure, "calendar-year", $"{CalendarRegions.MainlandChina}-{missingYear}",
                    actorId: AuditActors.System, cancellationToken: ct);
            }, cancellationToken);
        }
    }

    private async Task RecordAsync(PortalDbContext db, Guid clockId, ClockEntryKind kind, DateTime now, string action, CancellationToken cancellationToken)
    {
        var clock = await db.Set<Clock>().AsNoTracking().SingleAsync(c => c.Id == clockId, cancellationToken);
        db.Add(new ClockEntry { ClockId = clockId, Kind = kind, AtUtc = now, ActorId = AuditActors.System, PreviousDueUtc = clock.DueUtc, NewDueUtc = clock.DueUtc });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(action, AuditOutcome.Success, "clock", clockId.ToString(),
            detail: new { clock.OwnerType, clock.OwnerId, clock.PresetKey, due = clock.DueUtc }, actorId: AuditActors.System, cancellationToken: cancellationToken);
    }
}

public static class ClocksServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalClocks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CalendarCache>();
        builder.Services.AddScoped<CalendarService>();
        builder.Services.AddScoped<ClockService>();
        builder.Services.AddScoped<ClockPresetService>();
        builder.Services.AddScoped<ClockReminderJob>();
        builder.Services.AddScoped<PrivacyPortal.Features.Setup.IDemoDataContributor, ClockDemoData>();
        return builder;
    }
}
