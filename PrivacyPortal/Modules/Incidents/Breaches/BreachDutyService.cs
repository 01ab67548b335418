using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Resources;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Incidents.Breaches;

public enum DutyChange
{
    Done,
    NotFound,
    Conflict,
    Invalid,
    /// <summary>The duty is not open, or the decision does not apply to it (e.g. below threshold on a graded 较大 incident).</summary>
    NotAllowed,
    /// <summary>The officer who proposed a decision cannot approve it.</summary>
    SamePerson,
}

/// <summary>
/// Starts the duties an incident carries and ends them by recorded decisions: "below the reporting threshold" (one
/// officer, with a reason, after grading 一般), "notice not needed" (PIPL art. 57 ¶2: proposed by one officer, approved
/// by a second), and the regulator's view on it (which may require notice after all).
/// </summary>
public sealed class BreachDutyService(
    IDbContextFactory<PortalDbContext> contexts, ClockService clocks, AuditTrail audit, CurrentActor actor, AccessGuard access,
    IStringLocalizer<SharedResource> localizer, TimeProvider time)
{
    public const int MinReason = 10;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<BreachDutyDecision>> DecisionsAsync(long incidentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<BreachDutyDecision>().AsNoTracking().Where(d => d.IncidentId == incidentId).OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Adds to <paramref name="db"/> a clock for every duty the incident now carries and has never had; the caller saves.
    /// Returns the open clocks of duties it no longer carries (EU residents or a suspected crime untied, critical
    /// infrastructure changed), which <see cref="DischargeObsoleteAsync"/> then ends with a reason.
    /// </summary>
    public async Task<IReadOnlyList<Clock>> StartRequiredAsync(PortalDbContext db, BreachIncident incident, string actorId, CancellationToken cancellationToken)
    {
        var owner = BreachService.Owner(incident.Id);
        var existing = await db.Set<Clock>().AsNoTracking().Where(c => c.OwnerType == BreachClocks.OwnerType && c.OwnerId == owner).ToListAsync(cancellationToken);
        var required = BreachDuties.Required(incident);
        foreach (var preset in required.Where(p => existing.All(c => c.PresetKey != p)))
        {
            await clocks.AddAsync(db, BreachClocks.OwnerType, owner, preset, BreachDuties.StartOf(preset, incident, Now), actorId, cancellationToken);
            db.Add(new BreachEvent { IncidentId = incident.Id, Kind = BreachEventKind.ClockStarted, AtUtc = Now, ActorId = actorId, Note = preset });
        }
        string[] conditional = [ClockPresets.CacReport, ClockPresets.CacReportCii, ClockPresets.GdprAuthority, ClockPresets.PoliceReport];
        return [.. existing.Where(c => !c.IsClosed && conditional.Contains(c.PresetKey) && !required.Contains(c.PresetKey))];
    }

    public async Task DischargeObsoleteAsync(long incidentId, IReadOnlyList<Clock> obsolete, CancellationToken cancellationToken)
    {
        foreach (var clock in obsolete)
        {
            var reason = localizer.In("zh-CN", "Breaches.Duty.NoLongerApplies");
            if (await clocks.DischargeAsync(clock.Id, clock.Version, reason, cancellationToken) == ClockChange.Done)
            {
                await AddEventAsync(incidentId, BreachEventKind.DutyDischarged, $"{clock.PresetKey}|{reason}", cancellationToken);
            }
        }
    }

    /// <summary>Graded 一般: an officer records that the CAC report is not required, with the reason; the duty stops and the timeline says why.</summary>
    public async Task<(FieldErrors Errors, DutyChange Outcome)> RecordBelowThresholdAsync(long incidentId, string? reason, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "breach-duties.below-threshold");
        var (errors, text) = Reason(reason);
        if (!errors.IsValid)
        {
            return (errors, DutyChange.Invalid);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<BreachIncident>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
        if (incident is null)
        {
            return (errors, DutyChange.NotFound);
        }
        if (incident.Status == BreachStatus.Closed || incident.Grade != BreachGrade.General)
        {
            errors["Reason"] = "Breaches.Duty.GradeFirst";
            return (errors, DutyChange.NotAllowed);
        }
        var clock = await OpenDutyAsync(db, incidentId, [ClockPresets.CacReport, ClockPresets.CacReportCii], cancellationToken);
        if (clock is null)
        {
            return (errors, DutyChange.NotAllowed);
        }
        var actorId = await actor.GetActorIdAsync();
        var change = await clocks.DischargeAsync(clock.Id, clock.Version, text, cancellationToken);
        if (change != ClockChange.Done)
        {
            return (errors, change == ClockChange.Conflict ? DutyChange.Conflict : DutyChange.NotAllowed);
        }
        var decision = new BreachDutyDecision
        {
            IncidentId = incidentId, ClockId = clock.Id, Kind = DutyDecisionKind.BelowReportingThreshold, Status = DutyDecisionStatus.Approved, Reason = text,
            ProposedBy = actorId, ProposedAtUtc = Now, DecidedBy = actorId, DecidedAtUtc = Now, Version = 1,
        };
        db.Add(decision);
        db.Add(new BreachEvent { IncidentId = incidentId, Kind = BreachEventKind.DutyDischarged, AtUtc = Now, ActorId = actorId, Note = $"{clock.PresetKey}|{text}" });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(BreachActions.DutyDecided, targetType: "incident", targetId: incident.Reference,
            detail: new { kind = decision.Kind.ToString(), duty = clock.PresetKey, status = decision.Status.ToString(), reason = text }, cancellationToken: cancellationToken);
        return (errors, DutyChange.Done);
    }

    /// <summary>PIPL art. 57 ¶2: the measures taken effectively avoid harm, so notice is not needed. Only a proposal until a second officer approves.</summary>
    public async Task<(FieldErrors Errors, DutyChange Outcome)> ProposeNoNoticeAsync(long incidentId, string? reason, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "breach-duties.propose");
        var (errors, text) = Reason(reason);
        if (!errors.IsValid)
        {
            return (errors, DutyChange.Invalid);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<BreachIncident>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
        if (incident is null)
        {
            return (errors, DutyChange.NotFound);
        }
        var clock = await OpenDutyAsync(db, incidentId, [ClockPresets.IndividualNotice], cancellationToken);
        if (incident.Status == BreachStatus.Closed || clock is null
            || await db.Set<BreachDutyDecision>().AnyAsync(d => d.ClockId == clock.Id && d.Status == DutyDecisionStatus.Proposed, cancellationToken))
        {
            return (errors, DutyChange.NotAllowed);
        }
        var actorId = await actor.GetActorIdAsync();
        db.Add(new BreachDutyDecision
        {
            IncidentId = incidentId, ClockId = clock.Id, Kind = DutyDecisionKind.NoticeNotNeeded, Status = DutyDecisionStatus.Proposed, Reason = text,
            ProposedBy = actorId, ProposedAtUtc = Now, Version = 1,
        });
        db.Add(new BreachEvent { IncidentId = incidentId, Kind = BreachEventKind.DecisionProposed, AtUtc = Now, ActorId = actorId, Note = $"{clock.PresetKey}|{text}" });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(BreachActions.DutyDecided, targetType: "incident", targetId: incident.Reference,
            detail: new { kind = nameof(DutyDecisionKind.NoticeNotNeeded), duty = clock.PresetKey, status = nameof(DutyDecisionStatus.Proposed), reason = text }, cancellationToken: cancellationToken);
        return (errors, DutyChange.Done);
    }

    /// <summary>A second compliance officer approves (the notice duty is discharged) or rejects (it stays open) a proposal.</summary>
    public async Task<(FieldErrors Errors, DutyChange Outcome)> DecideAsync(long decisionId, int version, bool approve, string? note, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "breach-duties.decide");
        var errors = new FieldErrors();
        note = note?.Trim();
        if (!approve && (note?.Length ?? 0) < MinReason)
        {
            errors["Note"] = "Breaches.Duty.ReasonRequired";
            return (errors, DutyChange.Invalid);
        }
        if (note?.Length > 1000)
        {
            errors["Note"] = "Validation.TooLong";
            return (errors, DutyChange.Invalid);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var decision = await db.Set<BreachDutyDecision>().SingleOrDefaultAsync(d => d.Id == decisionId, cancellationToken);
        if (decision is null)
        {
            return (errors, DutyChange.NotFound);
        }
        if (decision.Status != DutyDecisionStatus.Proposed)
        {
            return (errors, DutyChange.NotAllowed);
        }
        var actorId = await actor.GetActorIdAsync();
        var incident = await db.Set<BreachIncident>().AsNoTracking().SingleAsync(i => i.Id == decision.IncidentId, cancellationToken);
        if (actorId == decision.ProposedBy)
        {
            await audit.RecordAsync(BreachActions.DutyDecided, targetType: "incident", targetId: incident.Reference, detail: new { refused = "same-person", decision = decisionId }, cancellationToken: cancellationToken);
            return (errors, DutyChange.SamePerson);
        }
        if (!db.TryClaim(decision, version))
        {
            return (errors, DutyChange.Conflict);
        }
        if (approve)
        {
            var clock = await db.Set<Clock>().AsNoTracking().SingleAsync(c => c.Id == decision.ClockId, cancellationToken);
            var change = await clocks.DischargeAsync(clock.Id, clock.Version, decision.Reason, cancellationToken);
            if (change != ClockChange.Done)
            {
                return (errors, change == ClockChange.Conflict ? DutyChange.Conflict : DutyChange.NotAllowed);
            }
        }
        decision.Status = approve ? DutyDecisionStatus.Approved : DutyDecisionStatus.Rejected;
        decision.DecidedBy = actorId;
        decision.DecidedAtUtc = Now;
        decision.DecisionNote = string.IsNullOrEmpty(note) ? null : note;
        db.Add(new BreachEvent
        {
            IncidentId = decision.IncidentId, Kind = approve ? BreachEventKind.DutyDischarged : BreachEventKind.DecisionRejected, AtUtc = Now, ActorId = actorId,
            Note = $"{ClockPresets.IndividualNotice}|{(approve ? decision.Reason : note)}",
        });
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, DutyChange.Conflict);
        }
        await audit.RecordAsync(BreachActions.DutyDecided, targetType: "incident", targetId: incident.Reference,
            detail: new { decision = decisionId, kind = decision.Kind.ToString(), status = decision.Status.ToString(), note }, cancellationToken: cancellationToken);
        return (errors, DutyChange.Done);
    }

    /// <summary>
    /// What the regulator said about an approved "notice not needed". If it requires notice, the decision is withdrawn
    /// and a new individual-notice duty starts now.
    /// </summary>
    public async Task<(FieldErrors Errors, DutyChange Outcome)> RecordRegulatorViewAsync(long decisionId, int version, string? view, bool requiresNotice, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "breach-duties.regulator-view");
        var (errors, text) = Reason(view, "View");
        if (!errors.IsValid)
        {
            return (errors, DutyChange.Invalid);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var decision = await db.Set<BreachDutyDecision>().SingleOrDefaultAsync(d => d.Id == decisionId, cancellationToken);
        if (decision is null)
        {
            return (errors, DutyChange.NotFound);
        }
        var incident = await db.Set<BreachIncident>().AsNoTracking().SingleAsync(i => i.Id == decision.IncidentId, cancellationToken);
        if (decision.Kind != DutyDecisionKind.NoticeNotNeeded || decision.Status != DutyDecisionStatus.Approved || incident.Status == BreachStatus.Closed)
        {
            return (errors, DutyChange.NotAllowed);
        }
        if (!db.TryClaim(decision, version))
        {
            return (errors, DutyChange.Conflict);
        }
        var actorId = await actor.GetActorIdAsync();
        decision.RegulatorView = text;
        decision.RegulatorRequiresNotice = requiresNotice;
        decision.RegulatorViewAtUtc = Now;
        db.Add(new BreachEvent { IncidentId = decision.IncidentId, Kind = BreachEventKind.RegulatorView, AtUtc = Now, ActorId = actorId, Note = $"{ClockPresets.IndividualNotice}|{text}" });
        if (requiresNotice)
        {
            decision.Status = DutyDecisionStatus.Withdrawn;
            await clocks.AddAsync(db, BreachClocks.OwnerType, BreachService.Owner(decision.IncidentId), ClockPresets.IndividualNotice, Now, actorId, cancellationToken);
            db.Add(new BreachEvent { IncidentId = decision.IncidentId, Kind = BreachEventKind.ClockStarted, AtUtc = Now, ActorId = actorId, Note = ClockPresets.IndividualNotice });
        }
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, DutyChange.Conflict);
        }
        await audit.RecordAsync(BreachActions.DutyDecided, targetType: "incident", targetId: incident.Reference,
            detail: new { decision = decisionId, regulatorView = text, requiresNotice }, cancellationToken: cancellationToken);
        return (errors, DutyChange.Done);
    }

    /// <summary>
    /// A grade of 较大 or above overrides an earlier "below the reporting threshold": that decision is withdrawn and the
    /// CAC report duty runs again from discovery (so it is late if discovery was more than 4 h ago, as it should be).
    /// </summary>
    internal async Task ReinstateCacReportAsync(PortalDbContext db, BreachIncident incident, string actorId, CancellationToken cancellationToken)
    {
        var owner = BreachService.Owner(incident.Id);
        var open = await db.Set<Clock>().AnyAsync(c => c.OwnerType == BreachClocks.OwnerType && c.OwnerId == owner
            && (c.PresetKey == ClockPresets.CacReport || c.PresetKey == ClockPresets.CacReportCii) && c.State != ClockState.Discharged, cancellationToken);
        var below = await db.Set<BreachDutyDecision>()
            .Where(d => d.IncidentId == incident.Id && d.Kind == DutyDecisionKind.BelowReportingThreshold && d.Status == DutyDecisionStatus.Approved).ToListAsync(cancellationToken);
        if (open || below.Count == 0)
        {
            return;
        }
        foreach (var decision in below)
        {
            decision.Status = DutyDecisionStatus.Withdrawn;
            decision.Version++;
        }
        var preset = incident.CriticalInfrastructure ? ClockPresets.CacReportCii : ClockPresets.CacReport;
        await clocks.AddAsync(db, BreachClocks.OwnerType, owner, preset, incident.DiscoveredAtUtc, actorId, cancellationToken);
        db.Add(new BreachEvent { IncidentId = incident.Id, Kind = BreachEventKind.DecisionWithdrawn, AtUtc = Now, ActorId = actorId, Note = $"{preset}|" });
        db.Add(new BreachEvent { IncidentId = incident.Id, Kind = BreachEventKind.ClockStarted, AtUtc = Now, ActorId = actorId, Note = preset });
    }

    /// <summary>The incident's clock for one of <paramref name="presets"/> that is neither met nor discharged.</summary>
    private static Task<Clock?> OpenDutyAsync(PortalDbContext db, long incidentId, string[] presets, CancellationToken cancellationToken)
    {
        var owner = BreachService.Owner(incidentId);
        return db.Set<Clock>().AsNoTracking()
            .Where(c => c.OwnerType == BreachClocks.OwnerType && c.OwnerId == owner && presets.Contains(c.PresetKey) && c.State != ClockState.Met && c.State != ClockState.Discharged)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static (FieldErrors Errors, string Text) Reason(string? reason, string field = "Reason")
    {
        var errors = new FieldErrors();
        var text = FreeText.Clean(reason);
        if (text.Length < MinReason)
        {
            errors[field] = "Breaches.Duty.ReasonRequired";
        }
        else if (text.Length > 2000)
        {
            errors[field] = "Validation.TooLong";
        }
        return (errors, text);
    }

    private async Task AddEventAsync(long incidentId, BreachEventKind kind, string note, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(new BreachEvent { IncidentId = incidentId, Kind = kind, AtUtc = Now, ActorId = await actor.GetActorIdAsync(), Note = note });
        await db.SaveChangesAsync(cancellationToken);
    }
}
