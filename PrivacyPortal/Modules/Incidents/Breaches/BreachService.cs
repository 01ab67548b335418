using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Incidents.Campaigns;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Incidents.Breaches;

public sealed record BreachInput(
    string? Title, string? WhatHappened, DateTime? DiscoveredAtUtc, string? DiscoveredBy, DateTime? OccurredFromUtc, DateTime? OccurredToUtc,
    string? HowDiscovered, string? InitialCause, string? ConfirmedCause, string? Measures, bool EuResidents, bool CriticalInfrastructure,
    long? EstimatedAffected, IReadOnlyCollection<int> SystemIds, IReadOnlyCollection<int> CategoryIds, bool SuspectedCrime = false);

public sealed record BreachRow(long Id, string Reference, string Title, DateTime DiscoveredAtUtc, BreachGrade? Grade, BreachStatus Status, long People);

public sealed record BreachView(
    BreachIncident Incident, IReadOnlyList<DataSystem> Systems, IReadOnlyList<DataCategory> Categories, IReadOnlyList<BreachEvent> Timeline,
    IReadOnlyList<ClockRow> Clocks, BreachGrade Suggested, BreachGradingThresholds Thresholds, IReadOnlyDictionary<BreachStep, BreachEvent> Steps,
    IReadOnlyDictionary<string, string> Names, IReadOnlyList<BreachDutyDecision> Decisions)
{
    public bool Sensitive => Categories.Any(c => c.IsSensitive);
}

public enum BreachChange
{
    Done,
    NotFound,
    Conflict,
    Invalid,
    Closed,
    /// <summary>A duty, a decision, a campaign or the handling itself is still open: <see cref="BreachCloseResult.Open"/> lists them.</summary>
    DutiesOpen,
}

/// <summary>
/// What closing found. <see cref="Open"/> names what is still owed: a duty's preset key (its clock is neither met nor
/// discharged), or <see cref="BreachService.OpenHandling"/>, <see cref="BreachService.OpenCampaign"/>, <see cref="BreachService.OpenDecision"/>.
/// </summary>
public sealed record BreachCloseResult(BreachChange Outcome, IReadOnlyList<string> Open)
{
    public static implicit operator BreachCloseResult(BreachChange outcome) => new(outcome, []);
}

/// <summary>The incident register: recording, the response checklist, grading and the clocks it starts, closing.</summary>
public sealed class BreachService(IDbContextFactory<PortalDbContext> contexts, ClockService clocks, BreachDutyService duties, AuditTrail audit, CurrentActor actor, TimeProvider time)
{
    public const string OpenHandling = "handling";
    public const string OpenCampaign = "campaign";
    public const string OpenDecision = "decision";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<PagedResult<BreachRow>> ListAsync(bool openOnly, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incidents = db.Set<BreachIncident>().AsNoTracking();
        if (openOnly)
        {
            incidents = incidents.Where(i => i.Status == BreachStatus.Open);
        }
        var total = await incidents.CountAsync(cancellationToken);
        var items = await incidents.OrderByDescending(i => i.DiscoveredAtUtc).ThenByDescending(i => i.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(Math.Clamp(pageSize, 1, 200))
            .Select(i => new BreachRow(i.Id, i.Reference, i.Title, i.DiscoveredAtUtc, i.Grade, i.Status,
                i.AffectedCount > (i.EstimatedAffected ?? 0) ? i.AffectedCount : (i.EstimatedAffected ?? 0)))
            .ToListAsync(cancellationToken);
        return new PagedResult<BreachRow>(items, total);
    }

    public async Task<(FieldErrors Errors, long? Id)> CreateAsync(BreachInput input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = new BreachIncident { Status = BreachStatus.Open, CreatedAtUtc = Now, CreatedBy = await actor.GetActorIdAsync(), Version = 1 };
        await ApplyAsync(db, incident, input, errors, cancellationToken);
        if (!errors.IsValid)
        {
            return (errors, null);
        }
        var year = DateTime.SpecifyKind(incident.DiscoveredAtUtc, DateTimeKind.Utc).Year;
        var prefix = $"BR-{year}-";
        var last = await db.Set<BreachIncident>().Where(i => i.Reference.StartsWith(prefix)).OrderByDescending(i => i.Reference).Select(i => i.Reference).FirstOrDefaultAsync(cancellationToken);
        var next = last is null ? 1 : int.Parse(last[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture) + 1;
        incident.Reference = prefix + next.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        db.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        await SetLinksAsync(db, incident.Id, input, cancellationToken);
        db.Add(new BreachEvent { IncidentId = incident.Id, Kind = BreachEventKind.Recorded, AtUtc = Now, ActorId = incident.CreatedBy });
        // Every duty starts at registration, counted from discovery: no grade is needed for a deadline to run.
        await duties.StartRequiredAsync(db, incident, incident.CreatedBy, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(BreachActions.Recorded, targetType: "incident", targetId: incident.Reference,
            detail: new { systems = input.SystemIds, categories = input.CategoryIds, incident.EuResidents, incident.CriticalInfrastructure, incident.SuspectedCrime, duties = BreachDuties.Required(incident) }, cancellationToken: cancellationToken);
        return (errors, incident.Id);
    }

    public async Task<(FieldErrors Errors, BreachChange Outcome)> UpdateAsync(long id, int version, BreachInput input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<BreachIncident>().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return (errors, BreachChange.NotFound);
        }
        if (incident.Status == BreachStatus.Closed)
        {
            return (errors, BreachChange.Closed);
        }
        await ApplyAsync(db, incident, input, errors, cancellationToken);
        if (!errors.IsValid)
        {
            return (errors, BreachChange.Invalid);
        }
        if (!db.TryClaim(incident, version))
        {
            return (errors, BreachChange.Conflict);
        }
        db.Set<BreachIncidentSystem>().RemoveRange(db.Set<BreachIncidentSystem>().Where(s => s.IncidentId == id));
        db.Set<BreachIncidentCategory>().RemoveRange(db.Set<BreachIncidentCategory>().Where(s => s.IncidentId == id));
        db.Add(new BreachEvent { IncidentId = id, Kind = BreachEventKind.Edited, AtUtc = Now, ActorId = await actor.GetActorIdAsync() });
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, BreachChange.Conflict);
        }
        await SetLinksAsync(db, id, input, cancellationToken);
        var obsolete = await duties.StartRequiredAsync(db, incident, await actor.GetActorIdAsync(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await duties.DischargeObsoleteAsync(id, obsolete, cancellationToken);
        await audit.RecordAsync(BreachActions.Edited, targetType: "incident", targetId: incident.Reference,
            detail: new { incident.EuResidents, incident.CriticalInfrastructure, incident.SuspectedCrime, ended = obsolete.Select(c => c.PresetKey) }, cancellationToken: cancellationToken);
        return (errors, BreachChange.Done);
    }

    public async Task<BreachView?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<BreachIncident>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return null;
        }
        var systems = await db.Set<DataSystem>().AsNoTracking()
            .Where(s => db.Set<BreachIncidentSystem>().Any(l => l.IncidentId == id && l.SystemId == s.Id)).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var categories = await db.Set<DataCategory>().AsNoTracking()
            .Where(c => db.Set<BreachIncidentCategory>().Any(l => l.IncidentId == id && l.CategoryId == c.Id)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var timeline = await db.Set<BreachEvent>().AsNoTracking().Where(e => e.IncidentId == id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var owner = Owner(id);
        var clockRows = await db.Set<Clock>().AsNoTracking().Where(c => c.OwnerType == BreachClocks.OwnerType && c.OwnerId == owner).OrderBy(c => c.DueUtc)
            .Select(c => new ClockRow(c.Id, c.OwnerType, c.OwnerId, c.PresetKey, c.Unit, c.Amount, c.StartUtc, c.DueUtc, c.State, c.Uncertain, c.DueSoonHours, c.MetAtUtc, c.Version, c.RuleSource))
            .ToListAsync(cancellationToken);
        var decisions = await db.Set<BreachDutyDecision>().AsNoTracking().Where(d => d.IncidentId == id).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var thresholds = await ThresholdsAsync(db, cancellationToken);
        var steps = timeline.Where(e => e.Kind == BreachEventKind.StepDone && e.Step is not null)
            .GroupBy(e => e.Step!.Value).ToDictionary(g => g.Key, g => g.Last());
        var actors = timeline.Select(e => e.ActorId).Append(incident.GradedBy ?? "")
            .Concat(decisions.SelectMany(d => new[] { d.ProposedBy, d.DecidedBy ?? "" })).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return new BreachView(incident, systems, categories, timeline, clockRows,
            BreachGrading.Suggest(incident.PeopleForGrading, categories.Any(c => c.IsSensitive), thresholds), thresholds, steps, names, decisions);
    }

    /// <summary>Ticks one step of the response checklist; the note says what was done (never personal values).</summary>
    public async Task<(FieldErrors Errors, BreachChange Outcome)> CompleteStepAsync(long id, BreachStep step, string? note, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var text = InventoryRules.Required(errors, "Note", note, 2000);
        if (!errors.IsValid)
        {
            return (errors, BreachChange.Invalid);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<BreachIncident>().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return (errors, BreachChange.NotFound);
        }
        if (incident.Status == BreachStatus.Closed)
        {
            return (errors, BreachChange.Closed);
        }
        db.Add(new BreachEvent { IncidentId = id, Kind = BreachEventKind.StepDone, Step = step, AtUtc = Now, ActorId = await actor.GetActorIdAsync(), Note = text });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(BreachActions.StepDone, targetType: "incident", targetId: incident.Reference, detail: new { step = step.ToString() }, cancellationToken: cancellationToken);
        return (errors, BreachChange.Done);
    }

    public async Task<BreachGradingThresholds> ThresholdsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ThresholdsAsync(db, cancellationToken);
    }

    public async Task<(FieldErrors Errors, BreachChange Outcome)> SaveThresholdsAsync(BreachGradingThresholds input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (input.Larger <= 0)
        {
            errors[nameof(input.Larger)] = "Breaches.Error.Threshold";
        }
        if (input.Major <= input.Larger)
        {
            errors[nameof(input.Major)] = "Breaches.Error.ThresholdOrder";
        }
        if (input.Critical <= input.Major)
        {
            errors[nameof(input.Critical)] = "Breaches.Error.ThresholdOrder";
        }
        if (input.SensitiveRaiseFrom <= 0)
        {
            errors[nameof(input.SensitiveRaiseFrom)] = "Breaches.Error.Threshold";
        }
        if (!errors.IsValid)
        {
            return (errors, BreachChange.Invalid);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<BreachGradingThresholds>().SingleOrDefaultAsync(t => t.Id == 1, cancellationToken);
        if (row is null)
        {
            row = BreachGradingThresholds.Default();
            db.Add(row);
        }
        else
        {
            if (!db.TryClaim(row, input.Version))
            {
                return (errors, BreachChange.Conflict);
            }
        }
        (row.Larger, row.Major, row.Critical, row.SensitiveRaiseFrom) = (input.Larger, input.Major, input.Critical, input.SensitiveRaiseFrom);
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, BreachChange.Conflict);
        }
        await audit.RecordAsync(BreachActions.ThresholdsSaved, targetType: "breach-thresholds", targetId: "1",
            detail: new { input.Larger, input.Major, input.Critical, input.SensitiveRaiseFrom }, cancellationToken: cancellationToken);
        return (errors, BreachChange.Done);
    }

    /// <summary>
    /// Staff confirm the suggested grade or choose another with a reason. The duties already run from registration:
    /// 较大 or above confirms the CAC report; 一般 lets an officer record that it is below the reporting threshold.
    /// </summary>
    public async Task<(FieldErrors Errors, BreachChange Outcome)> GradeAsync(long id, int version, BreachGrade grade, string? reason, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var view = await GetAsync(id, cancellationToken);
        if (view is null)
        {
            return (errors, BreachChange.NotFound);
        }
        var text = (reason ?? "").Trim();
        if (grade != view.Suggested && text.Length == 0)
        {
            errors["Reason"] = "Breaches.Error.OverrideReason";
        }
        else if (text.Length > 1000)
        {
            errors["Reason"] = "Validation.TooLong";
        }
        if (!errors.IsValid)
        {
            return (errors, BreachChange.Invalid);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<BreachIncident>().SingleAsync(i => i.Id == id, cancellationToken);
        if (incident.Status == BreachStatus.Closed)
        {
            return (errors, BreachChange.Closed);
        }
        var actorId = await actor.GetActorIdAsync();
        if (!db.TryClaim(incident, version))
        {
            return (errors, BreachChange.Conflict);
        }
        incident.Grade = grade;
        incident.GradeReason = text.Length == 0 ? null : text;
        incident.GradedAtUtc = Now;
        incident.GradedBy = actorId;
        db.Add(new BreachEvent { IncidentId = id, Kind = BreachEventKind.Graded, AtUtc = Now, ActorId = actorId, Note = grade.ToString() });

        // The duties started at registration; a grade confirms the CAC report (or reinstates it over an earlier
        // "below the reporting threshold"), and an incident registered before duties started at registration gets them now.
        var obsolete = await duties.StartRequiredAsync(db, incident, actorId, cancellationToken);
        if (grade >= BreachGrade.Larger)
        {
            await duties.ReinstateCacReportAsync(db, incident, actorId, cancellationToken);
        }
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, BreachChange.Conflict);
        }
        await audit.RecordAsync(BreachActions.Graded, targetType: "incident", targetId: incident.Reference,
            detail: new { grade = grade.ToString(), suggested = view.Suggested.ToString(), overridden = grade != view.Suggested }, cancellationToken: cancellationToken);
        await duties.DischargeObsoleteAsync(id, obsolete, cancellationToken);
        return (errors, BreachChange.Done);
    }

    /// <summary>Handling is over: the final summary report is due 30 days later (办法 art. 7).</summary>
    public async Task<BreachChange> EndHandlingAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<BreachIncident>().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return BreachChange.NotFound;
        }
        if (incident.Status == BreachStatus.Closed || incident.HandlingEndedAtUtc is not null)
        {
            return BreachChange.Closed;
        }
        var actorId = await actor.GetActorIdAsync();
        incident.HandlingEndedAtUtc = Now;
        incident.Version++;
        await clocks.AddAsync(db, BreachClocks.OwnerType, Owner(id), ClockPresets.FinalReport, Now, actorId, cancellationToken);
        db.Add(new BreachEvent { IncidentId = id, Kind = BreachEventKind.HandlingEnded, AtUtc = Now, ActorId = actorId });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(BreachActions.HandlingEnded, targetType: "incident", targetId: incident.Reference, cancellationToken: cancellationToken);
        return BreachChange.Done;
    }

    /// <summary>
    /// Refused while anything is still owed: handling not ended (the final report is still to come), a duty whose clock
    /// is neither met nor discharged by a recorded decision, a decision awaiting its second officer, or a campaign still
    /// to run. The refusal lists each.
    /// </summary>
    public async Task<BreachCloseResult> CloseAsync(long id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<BreachIncident>().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return BreachChange.NotFound;
        }
        if (incident.Status == BreachStatus.Closed)
        {
            return BreachChange.Closed;
        }
        var open = await OpenItemsAsync(db, incident, cancellationToken);
        if (open.Count > 0)
        {
            return new BreachCloseResult(BreachChange.DutiesOpen, open);
        }
        var actorId = await actor.GetActorIdAsync();
        if (!db.TryClaim(incident, version))
        {
            return BreachChange.Conflict;
        }
        incident.Status = BreachStatus.Closed;
        incident.ClosedAtUtc = Now;
        db.Add(new BreachEvent { IncidentId = id, Kind = BreachEventKind.Closed, AtUtc = Now, ActorId = actorId });
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return BreachChange.Conflict;
        }
        await audit.RecordAsync(BreachActions.Closed, targetType: "incident", targetId: incident.Reference, cancellationToken: cancellationToken);
        return BreachChange.Done;
    }

    /// <summary>What still stands between the incident and closing, in the order the page lists it.</summary>
    public async Task<IReadOnlyList<string>> OpenItemsAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<BreachIncident>().AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken);
        return await OpenItemsAsync(db, incident, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> OpenItemsAsync(PortalDbContext db, BreachIncident incident, CancellationToken cancellationToken)
    {
        var owner = Owner(incident.Id);
        var open = new List<string>();
        if (incident.HandlingEndedAtUtc is null)
        {
            open.Add(OpenHandling);
        }
        open.AddRange(await db.Set<Clock>().AsNoTracking()
            .Where(c => c.OwnerType == BreachClocks.OwnerType && c.OwnerId == owner && c.State != ClockState.Met && c.State != ClockState.Discharged)
            .OrderBy(c => c.DueUtc).Select(c => c.PresetKey).ToListAsync(cancellationToken));
        if (await db.Set<BreachDutyDecision>().AnyAsync(d => d.IncidentId == incident.Id && d.Status == DutyDecisionStatus.Proposed, cancellationToken))
        {
            open.Add(OpenDecision);
        }
        if (await db.Set<NotificationCampaign>().AnyAsync(c => c.IncidentId == incident.Id && (c.Status == CampaignStatus.Approved || c.Status == CampaignStatus.Running), cancellationToken))
        {
            open.Add(OpenCampaign);
        }
        return open;
    }

    public static string Owner(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static async Task<BreachGradingThresholds> ThresholdsAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await db.Set<BreachGradingThresholds>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == 1, cancellationToken) ?? BreachGradingThresholds.Default();

    private async Task ApplyAsync(PortalDbContext db, BreachIncident incident, BreachInput input, FieldErrors errors, CancellationToken cancellationToken)
    {
        incident.Title = InventoryRules.Required(errors, "Title", input.Title, 200);
        incident.WhatHappened = InventoryRules.Required(errors, "WhatHappened", input.WhatHappened, 4000);
        incident.DiscoveredBy = InventoryRules.Required(errors, "DiscoveredBy", input.DiscoveredBy, 200);
        incident.HowDiscovered = InventoryRules.Optional(errors, "HowDiscovered", input.HowDiscovered, 1000);
        incident.InitialCause = InventoryRules.Optional(errors, "InitialCause", input.InitialCause, 2000);
        incident.ConfirmedCause = InventoryRules.Optional(errors, "ConfirmedCause", input.ConfirmedCause, 2000);
        incident.Measures = InventoryRules.Optional(errors, "Measures", input.Measures, 4000);
        incident.EuResidents = input.EuResidents;
        incident.CriticalInfrastructure = input.CriticalInfrastructure;
        incident.SuspectedCrime = input.SuspectedCrime;
        if (input.DiscoveredAtUtc is not { } discovered)
        {
            errors["DiscoveredAtUtc"] = "Validation.Required";
        }
        else if (discovered > Now.AddMinutes(5))
        {
            errors["DiscoveredAtUtc"] = "Breaches.Error.Future";
        }
        else
        {
            incident.DiscoveredAtUtc = DateTime.SpecifyKind(discovered, DateTimeKind.Utc);
        }
        if (input.OccurredFromUtc is { } from && input.OccurredToUtc is { } to && to < from)
        {
            errors["OccurredToUtc"] = "Breaches.Error.Period";
        }
        if (input.OccurredFromUtc is { } occurred && input.DiscoveredAtUtc is { } found && occurred > found)
        {
            errors["OccurredFromUtc"] = "Breaches.Error.AfterDiscovery";
        }
        incident.OccurredFromUtc = input.OccurredFromUtc;
        incident.OccurredToUtc = input.OccurredToUtc;
        if (input.EstimatedAffected is < 0)
        {
            errors["EstimatedAffected"] = "Breaches.Error.Estimate";
        }
        incident.EstimatedAffected = input.EstimatedAffected;
        var systems = input.SystemIds.Distinct().ToList();
        if (systems.Count == 0)
        {
            errors["SystemIds"] = "Breaches.Error.System";
        }
        else if (await db.Set<DataSystem>().CountAsync(s => systems.Contains(s.Id), cancellationToken) != systems.Count)
        {
            errors["SystemIds"] = "Breaches.Error.System";
        }
        var categories = input.CategoryIds.Distinct().ToList();
        if (await db.Set<DataCategory>().CountAsync(c => categories.Contains(c.Id), cancellationToken) != categories.Count)
        {
            errors["CategoryIds"] = "Breaches.Error.Category";
        }
    }

    private static Task SetLinksAsync(PortalDbContext db, long id, BreachInput input, CancellationToken cancellationToken)
    {
        foreach (var system in input.SystemIds.Distinct())
        {
            db.Add(new BreachIncidentSystem { IncidentId = id, SystemId = system });
        }
        foreach (var category in input.CategoryIds.Distinct())
        {
            db.Add(new BreachIncidentCategory { IncidentId = id, CategoryId = category });
        }
        return Task.CompletedTask;
    }
}
