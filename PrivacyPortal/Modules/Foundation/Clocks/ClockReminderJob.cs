using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Jobs;
using PrivacyPortal.Shared;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Resources;

namespace PrivacyPortal.Modules.Foundation.Clocks;

/// <summary>
/// Every quarter hour: reminds once when a running clock enters its due-soon window, marks it breached once it is
/// overdue, and (from November) warns once a day that next year's calendar is missing. Each clock is claimed with
/// a conditional update, so two instances or a rerun after a crash never remind or escalate twice.
/// </summary>
public sealed class ClockReminderJob(
    IDbContextFactory<PortalDbContext> contexts,
    CalendarService calendar,
    NotificationOutbox outbox,
    IOptions<ClocksOptions> options,
    IStringLocalizer<SharedResource> localizer,
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
            await ClaimAsync(id, ClockEntryKind.Breached, now, cancellationToken, clocks => clocks
                .Where(c => c.Id == id && c.State == ClockState.Running && c.DueUtc < now)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ClockState.Breached).SetProperty(c => c.BreachedAtUtc, now).SetProperty(c => c.Version, c => c.Version + 1), cancellationToken));
        }

        var candidates = await db.Set<Clock>().Where(c => c.State == ClockState.Running && c.RemindedAtUtc == null && c.DueUtc >= now)
            .OrderBy(c => c.DueUtc).Select(c => new { c.Id, c.DueUtc, c.DueSoonHours }).Take(Batch * 4).ToListAsync(cancellationToken);
        foreach (var clock in candidates.Where(c => c.DueUtc <= now.AddHours(c.DueSoonHours)))
        {
            await ClaimAsync(clock.Id, ClockEntryKind.Reminded, now, cancellationToken, clocks => clocks
                .Where(c => c.Id == clock.Id && c.State == ClockState.Running && c.RemindedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.RemindedAtUtc, now), cancellationToken));
        }

        // Every calendar a preset counts on: next year's arrangement should be loaded before deadlines run into it.
        foreach (var region in await db.Set<ClockPreset>().Select(p => p.CalendarRegion).Distinct().ToListAsync(cancellationToken))
        {
            if (await calendar.MissingNextYearAsync(region, cancellationToken) is not { } missingYear)
            {
                continue;
            }
            var today = time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await claims.RunOnceAsync($"calendar-check-{region}", today, TimeSpan.FromHours(1), async ct =>
            {
                logger.LogWarning("The holiday calendar {Region} for {Year} is not loaded: deadlines running into it are counted on weekdays alone", region, missingYear);
                await audit.RecordAsync("calendar.missing-year", AuditOutcome.Failure, "calendar-year", $"{region}-{missingYear}",
                    actorId: AuditActors.System, cancellationToken: ct);
            }, cancellationToken);
        }
    }

    /// <summary>
    /// One transaction per clock: the conditional update that claims the event, the clock's entry and the alerts to
    /// the compliance team. A crash leaves all or nothing; a second run or instance finds the clock already claimed.
    /// </summary>
    private async Task ClaimAsync(Guid clockId, ClockEntryKind kind, DateTime now, CancellationToken cancellationToken, Func<IQueryable<Clock>, Task<int>> claim)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var saved = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await claim(db.Set<Clock>()) != 1)
            {
                return null;
            }
            var clock = await db.Set<Clock>().AsNoTracking().SingleAsync(c => c.Id == clockId, ct);
            db.Add(new ClockEntry { ClockId = clockId, Kind = kind, AtUtc = now, ActorId = AuditActors.System, PreviousDueUtc = clock.DueUtc, NewDueUtc = clock.DueUtc });
            foreach (var recipient in options.Value.AlertRecipients)
            {
                await outbox.AddAsync(db, new NotificationRequest(NotificationChannel.Email, NotificationPurposes.ClockAlert, options.Value.AlertLanguage, recipient,
                    AlertValues(clock, kind), CorrelationId: $"clock:{clockId}"), ct);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return clock;
        }, cancellationToken);
        if (saved is not null)
        {
            await audit.RecordAsync(kind == ClockEntryKind.Breached ? "clock.breached" : "clock.reminded", AuditOutcome.Success, "clock", clockId.ToString(),
                detail: new { saved.OwnerType, saved.OwnerId, saved.PresetKey, due = saved.DueUtc, alerts = options.Value.AlertRecipients.Count },
                actorId: AuditActors.System, cancellationToken: cancellationToken);
        }
    }

    private Dictionary<string, string> AlertValues(Clock clock, ClockEntryKind kind)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(options.Value.AlertLanguage);
        try
        {
            return new Dictionary<string, string>
            {
                ["status"] = localizer[kind == ClockEntryKind.Breached ? "Clocks.Alert.Overdue" : "Clocks.Alert.DueSoon"],
                ["obligation"] = ClockLabels.Preset(localizer, clock.PresetKey),
                ["reference"] = $"{localizer[$"Clocks.OwnerType.{clock.OwnerType}"]} · {clock.OwnerId}",
                ["due"] = time.Format(clock.DueUtc),
                ["source"] = clock.RuleSource,
            };
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

/// <summary>Who hears about deadlines: the compliance team's mailbox(es), in the portal's language.</summary>
public sealed class ClocksOptions
{
    public const string Section = "Clocks";

    public List<string> AlertRecipients { get; set; } = [];

    public string AlertLanguage { get; set; } = "zh-CN";
}
