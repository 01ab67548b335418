using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;
using PrivacyPortal.Security;

namespace PrivacyPortal.Modules.Incidents.Campaigns;

public static class CampaignActions
{
    public const string Drafted = "campaign.drafted";
    public const string Edited = "campaign.edited";
    public const string TestSent = "campaign.test-sent";
    public const string Approved = "campaign.approved";
    public const string Started = "campaign.started";
    public const string FannedOut = "campaign.fanned-out";
    public const string Completed = "campaign.completed";
    public const string Cancelled = "campaign.cancelled";
    public const string PolicySaved = "policy-version.saved";

    public static readonly IReadOnlyList<string> All = [Drafted, Edited, TestSent, Approved, Started, FannedOut, Completed, Cancelled, PolicySaved];
}

public sealed record CampaignInput(CampaignKind Kind, string? Title, long? IncidentId, int? PolicyVersionId, CampaignChannels Channels,
    IReadOnlyDictionary<string, string> ValuesZh, IReadOnlyDictionary<string, string> ValuesEn);

public enum CampaignChange
{
    Done,
    NotFound,
    Conflict,
    Invalid,
    /// <summary>Not allowed in the campaign's state (e.g. approve a running campaign).</summary>
    NotAllowed,
    /// <summary>The officer who drafted the campaign cannot approve it.</summary>
    SamePerson,
    /// <summary>Approval needs a test send first.</summary>
    NoTest,
}

/// <summary>Sent, failed and pending messages of a campaign: one grouped query, whatever the campaign's size.</summary>
public sealed record CampaignProgress(long Sent, long Failed, long Pending, long Queued, long Reached, long CohortSize, long NoAddress, CampaignStatus Status, DateTime? FannedOutAtUtc);

public sealed record CampaignPreview(string Language, string? Subject, string? Body, IReadOnlyList<string> Missing);

/// <summary>
/// Notification campaigns: draft, preview, test send to staff, approval by a second compliance officer, then a
/// fan-out into the outbox that can stop anywhere and resume without writing anyone's message twice.
/// </summary>
public sealed class CampaignService(
    IDbContextFactory<PortalDbContext> contexts, NotificationOutbox outbox, TemplateRenderer renderer, IdentifierProtector identifiers,
    ClockService clocks, AuditTrail audit, CurrentActor actor, TimeProvider time, AccessGuard access)
{
    /// <summary>People per fan-out transaction: big enough to amortise the commit, small enough to lose little on a crash.</summary>
    public const int ChunkSize = 10_000;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<NotificationCampaign>> ListAsync(long? incidentId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaigns = db.Set<NotificationCampaign>().AsNoTracking();
        if (incidentId is { } id)
        {
            campaigns = campaigns.Where(c => c.IncidentId == id);
        }
        return await campaigns.OrderByDescending(c => c.Id).Take(200).ToListAsync(cancellationToken);
    }

    public async Task<NotificationCampaign?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<NotificationCampaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>The values a new campaign starts with: for a breach, from the incident; for a policy change, from the register.</summary>
    public async Task<Dictionary<string, string>> SuggestValuesAsync(CampaignKind kind, long? incidentId, int? policyVersionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var purpose = NotificationPurposes.Find(Purpose(kind))!;
        var values = purpose.Placeholders.ToDictionary(p => p.Name, _ => "");
        if (kind == CampaignKind.Breach && incidentId is { } id && await db.Set<BreachIncident>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken) is { } incident)
        {
            var categories = await db.Set<PrivacyPortal.Modules.DataPlane.Inventory.DataCategory>().AsNoTracking()
                .Where(c => db.Set<BreachIncidentCategory>().Any(l => l.IncidentId == id && l.CategoryId == c.Id)).Select(c => c.NameZh).ToListAsync(cancellationToken);
            values["incident_title"] = incident.Title;
            values["what_happened"] = incident.WhatHappened;
            values["data_categories"] = string.Join("、", categories);
            values["cause"] = incident.ConfirmedCause.Length > 0 ? incident.ConfirmedCause : incident.InitialCause;
            values["actions_taken"] = incident.Measures;
        }
        if (kind == CampaignKind.PolicyChange && policyVersionId is { } pv && await db.Set<PolicyVersion>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == pv, cancellationToken) is { } policy)
        {
            FillPolicy(values, policy, NotificationLanguages.Chinese);
        }
        return values;
    }

    public async Task<(FieldErrors Errors, long? Id)> CreateAsync(CampaignInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = new NotificationCampaign { Status = CampaignStatus.Draft, CreatedAtUtc = Now, DraftedBy = await actor.GetActorIdAsync(), Version = 1 };
        var errors = await ApplyAsync(db, campaign, input, cancellationToken);
        if (!errors.IsValid)
        {
            return (errors, null);
        }
        db.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(CampaignActions.Drafted, targetType: "campaign", targetId: Id(campaign.Id),
            detail: new { kind = campaign.Kind.ToString(), campaign.IncidentId, channels = campaign.Channels.ToString(), campaign.CohortSize }, cancellationToken: cancellationToken);
        return (errors, campaign.Id);
    }

    /// <summary>Only a draft is edited; editing clears the test send, so what is approved is what was tested.</summary>
    public async Task<(FieldErrors Errors, CampaignChange Outcome)> UpdateAsync(long id, int version, CampaignInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Set<NotificationCampaign>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return (new FieldErrors(), CampaignChange.NotFound);
        }
        if (campaign.Status != CampaignStatus.Draft)
        {
            return (new FieldErrors(), CampaignChange.NotAllowed);
        }
        var errors = await ApplyAsync(db, campaign, input with { Kind = campaign.Kind, IncidentId = campaign.IncidentId }, cancellationToken);
        if (!errors.IsValid)
        {
            return (errors, CampaignChange.Invalid);
        }
        campaign.TestSentAtUtc = null;
        return (errors, await SaveAsync(db, campaign, version, CampaignActions.Edited, null, cancellationToken));
    }

    public async Task<IReadOnlyList<CampaignPreview>> PreviewAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Set<NotificationCampaign>().AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
        var previews = new List<CampaignPreview>();
        foreach (var (language, values) in Languages(campaign))
        {
            var template = await db.Set<NotificationTemplate>().AsNoTracking().SingleAsync(t => t.Purpose == campaign.Purpose && t.Language == language, cancellationToken);
            var missing = NotificationPurposes.Find(campaign.Purpose)!.Placeholders.Select(p => p.Name).Where(n => !values.TryGetValue(n, out var v) || string.IsNullOrWhiteSpace(v)).ToList();
            previews.Add(new CampaignPreview(language, renderer.Render(template.Subject, values).Text, renderer.Render(template.Body, values).Text, missing));
        }
        return previews;
    }

    /// <summary>The message exactly as people will get it, to a staff address, before anyone approves it.</summary>
    public async Task<(FieldErrors Errors, CampaignChange Outcome)> SendTestAsync(long id, int version, string? staffEmail, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (NotificationOutbox.RecipientError(NotificationChannel.Email, staffEmail) is { } error)
        {
            errors["TestRecipient"] = error;
            return (errors, CampaignChange.Invalid);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Set<NotificationCampaign>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return (errors, CampaignChange.NotFound);
        }
        if (campaign.Status != CampaignStatus.Draft)
        {
            return (errors, CampaignChange.NotAllowed);
        }
        await outbox.AddAsync(db, new NotificationRequest(NotificationChannel.Email, campaign.Purpose, NotificationLanguages.Chinese, staffEmail!.Trim(),
            ValuesFor(campaign, NotificationLanguages.Chinese), campaign.CorrelationId + "-test"), cancellationToken);
        campaign.TestSentAtUtc = Now;
        return (errors, await SaveAsync(db, campaign, version, CampaignActions.TestSent, null, cancellationToken));
    }

    /// <summary>Four eyes: a second compliance officer approves; the drafter is refused.</summary>
    public async Task<CampaignChange> ApproveAsync(long id, int version, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "campaigns.approve");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Set<NotificationCampaign>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return CampaignChange.NotFound;
        }
        if (campaign.Status != CampaignStatus.Draft)
        {
            return CampaignChange.NotAllowed;
        }
        var approver = await actor.GetActorIdAsync();
        if (approver == campaign.DraftedBy)
        {
            await audit.RecordAsync(CampaignActions.Approved, targetType: "campaign", targetId: Id(id), detail: new { refused = "same-person" }, cancellationToken: cancellationToken);
            return CampaignChange.SamePerson;
        }
        if (campaign.TestSentAtUtc is null)
        {
            return CampaignChange.NoTest;
        }
        campaign.Status = CampaignStatus.Approved;
        campaign.ApprovedBy = approver;
        campaign.ApprovedAtUtc = Now;
        return await SaveAsync(db, campaign, version, CampaignActions.Approved, null, cancellationToken);
    }

    /// <summary>An approved campaign starts; the fan-out job (or <see cref="FanOutAsync"/>) writes the messages.</summary>
    public async Task<CampaignChange> StartAsync(long id, int version, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "campaigns.start");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Set<NotificationCampaign>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return CampaignChange.NotFound;
        }
        if (campaign.Status != CampaignStatus.Approved)
        {
            return CampaignChange.NotAllowed;
        }
        campaign.Status = CampaignStatus.Running;
        campaign.StartedAtUtc = Now;
        campaign.CohortSize = await CohortSizeAsync(db, campaign, cancellationToken);
        var outcome = await SaveAsync(db, campaign, version, CampaignActions.Started, null, cancellationToken);
        if (outcome == CampaignChange.Done && campaign.IncidentId is { } incidentId)
        {
            db.Add(new BreachEvent { IncidentId = incidentId, Kind = BreachEventKind.CampaignStarted, AtUtc = Now, ActorId = await actor.GetActorIdAsync(), Note = campaign.Title });
            await db.SaveChangesAsync(cancellationToken);
        }
        return outcome;
    }

    public async Task<CampaignChange> CancelAsync(long id, int version, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "campaigns.cancel");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Set<NotificationCampaign>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return CampaignChange.NotFound;
        }
        if (campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Approved))
        {
            return CampaignChange.NotAllowed;
        }
        campaign.Status = CampaignStatus.Cancelled;
        return await SaveAsync(db, campaign, version, CampaignActions.Cancelled, null, cancellationToken);
    }

    /// <summary>
    /// Writes the outbox rows of a running campaign, chunk after chunk, each chunk in one transaction with the
    /// cursor's move. The move is conditional on the cursor it started from: if another worker got there first the
    /// chunk is rolled back, so two workers (or a restarted one) never write the same person twice.
    /// </summary>
    /// <param name="maxChunks">Stop after this many chunks (a test simulates a crash between chunks).</param>
    public async Task<bool> FanOutAsync(long id, int maxChunks = int.MaxValue, CancellationToken cancellationToken = default)
    {
        for (var done = 0; done < maxChunks; done++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var campaign = await db.Set<NotificationCampaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (campaign is null || campaign.Status != CampaignStatus.Running || campaign.FannedOutAtUtc is not null)
            {
                return campaign?.FannedOutAtUtc is not null;
            }
            var members = await CohortChunkAsync(db, campaign, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var queued = 0L;
            var announcement = false;
            if (campaign.Channels.HasFlag(CampaignChannels.Announcement) && !campaign.AnnouncementQueued)
            {
                foreach (var (language, localized) in Languages(campaign))
                {
                    await outbox.AddAsync(db, new NotificationRequest(NotificationChannel.Announcement, campaign.Purpose, language, null, localized, campaign.CorrelationId), cancellationToken);
                    queued++;
                }
                await db.SaveChangesAsync(cancellationToken);
                announcement = true;
            }
            var values = ValuesFor(campaign, NotificationLanguages.Chinese);
            var noAddress = members.Count(m => !Channels(campaign).Any(c => m.Address(c) is not null));
            foreach (var channel in Channels(campaign))
            {
                var recipients = members.Select(m => m.Address(channel)).Where(a => a is not null && NotificationOutbox.RecipientError(channel, a) is null)
                    .Select(a => new CampaignRecipient(a, values)).ToList();
                if (recipients.Count > 0)
                {
                    queued += await outbox.WriteCampaignAsync(db, channel, campaign.Purpose, NotificationLanguages.Chinese, recipients, campaign.CorrelationId, cancellationToken);
                }
            }
            var last = members.Count == 0 ? campaign.Cursor : members[^1].Id;
            var finished = members.Count < ChunkSize;
            DateTime? fannedOut = finished ? Now : null;
            var moved = await db.Set<NotificationCampaign>().Where(c => c.Id == id && c.Cursor == campaign.Cursor && c.Version == campaign.Version && c.FannedOutAtUtc == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Cursor, last)
                    .SetProperty(c => c.Reached, c => c.Reached + members.Count)
                    .SetProperty(c => c.Queued, c => c.Queued + queued)
                    .SetProperty(c => c.NoAddress, c => c.NoAddress + noAddress)
                    .SetProperty(c => c.AnnouncementQueued, c => c.AnnouncementQueued || announcement)
                    .SetProperty(c => c.FannedOutAtUtc, fannedOut)
                    .SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            if (moved == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }
            await transaction.CommitAsync(cancellationToken);
            if (finished)
            {
                await OnFannedOutAsync(campaign, cancellationToken);
                return true;
            }
        }
        return false;
    }

    /// <summary>Sent / failed / pending in one grouped query; completes the campaign when nothing is left to send.</summary>
    public async Task<CampaignProgress?> ProgressAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Set<NotificationCampaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return null;
        }
        var correlation = campaign.CorrelationId;
        var counts = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.CorrelationId == correlation)
            .GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        long Count(OutboxStatus status) => counts.Where(c => c.Key == status).Sum(c => c.Count);
        var pending = Count(OutboxStatus.Pending) + Count(OutboxStatus.Sending);
        var status = campaign.Status;
        if (campaign.Status == CampaignStatus.Running && campaign.FannedOutAtUtc is not null && pending == 0)
        {
            var completed = await db.Set<NotificationCampaign>().Where(c => c.Id == id && c.Status == CampaignStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Completed).SetProperty(c => c.CompletedAtUtc, Now).SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            if (completed > 0)
            {
                status = CampaignStatus.Completed;
                await audit.RecordAsync(CampaignActions.Completed, targetType: "campaign", targetId: Id(id),
                    detail: new { sent = Count(OutboxStatus.Sent), failed = Count(OutboxStatus.Failed), campaign.NoAddress }, cancellationToken: cancellationToken);
            }
        }
        return new CampaignProgress(Count(OutboxStatus.Sent), Count(OutboxStatus.Failed), pending, campaign.Queued, campaign.Reached, campaign.CohortSize, campaign.NoAddress, status, campaign.FannedOutAtUtc);
    }

    /// <summary>The job's sweep: fans out every running campaign, then completes those with nothing pending.</summary>
    public async Task RunPendingAsync(CancellationToken cancellationToken = default)
    {
        List<long> running;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            running = await db.Set<NotificationCampaign>().Where(c => c.Status == CampaignStatus.Running).Select(c => c.Id).ToListAsync(cancellationToken);
        }
        foreach (var id in running)
        {
            await FanOutAsync(id, cancellationToken: cancellationToken);
            await ProgressAsync(id, cancellationToken);
        }
    }

    // ---- policy versions register ----

    public async Task<IReadOnlyList<PolicyVersion>> PolicyVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<PolicyVersion>().AsNoTracking().OrderByDescending(p => p.EffectiveDate).ThenByDescending(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Creates (<paramref name="id"/> 0) or edits a policy version. The number is what consent records store, so it is unique.</summary>
    public async Task<(FieldErrors Errors, CampaignChange Outcome)> SavePolicyVersionAsync(int id, int version, string? number, DateOnly? effective, string? summary, string? fullText, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var text = (number ?? "").Trim();
        if (text.Length == 0)
        {
            errors["Number"] = "Validation.Required";
        }
        else if (text.Length > 20 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
        {
            errors["Number"] = "Campaigns.Error.PolicyNumber";
        }
        if (effective is null)
        {
            errors["EffectiveDate"] = "Validation.Required";
        }
        var summaryText = PrivacyPortal.Modules.DataPlane.Inventory.InventoryRules.Required(errors, "Summary", summary, 2000);
        var full = PrivacyPortal.Modules.DataPlane.Inventory.InventoryRules.Required(errors, "FullText", fullText, 200_000);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (errors.For("Number") is null && await db.Set<PolicyVersion>().AnyAsync(p => p.Number == text && p.Id != id, cancellationToken))
        {
            errors["Number"] = "Campaigns.Error.PolicyDuplicate";
        }
        if (!errors.IsValid)
        {
            return (errors, CampaignChange.Invalid);
        }
        PolicyVersion? policy;
        if (id == 0)
        {
            policy = new PolicyVersion { CreatedAtUtc = Now, Version = 1 };
            db.Add(policy);
        }
        else
        {
            policy = await db.Set<PolicyVersion>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (policy is null)
            {
                return (errors, CampaignChange.NotFound);
            }
            if (!db.TryClaim(policy, version))
            {
                return (errors, CampaignChange.Conflict);
            }
        }
        (policy.Number, policy.EffectiveDate, policy.Summary, policy.FullText) = (text, effective!.Value, summaryText, full);
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, CampaignChange.Conflict);
        }
        await audit.RecordAsync(CampaignActions.PolicySaved, targetType: "policy-version", targetId: policy.Number, cancellationToken: cancellationToken);
        return (errors, CampaignChange.Done);
    }

    // ---- internals ----

    public static string Purpose(CampaignKind kind) => new NotificationCampaign { Kind = kind }.Purpose;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<NotificationChannel> Channels(NotificationCampaign campaign)
    {
        if (campaign.Channels.HasFlag(CampaignChannels.Email))
        {
            yield return NotificationChannel.Email;
        }
        if (campaign.Channels.HasFlag(CampaignChannels.Sms))
        {
            yield return NotificationChannel.Sms;
        }
        if (campaign.Channels.HasFlag(CampaignChannels.Push))
        {
            yield return NotificationChannel.Push;
        }
    }

    private static void FillPolicy(Dictionary<string, string> values, PolicyVersion policy, string language)
    {
        values["policy_version"] = policy.Number;
        values["effective_date"] = policy.EffectiveDate.ToString(language == NotificationLanguages.English ? "d MMMM yyyy" : "yyyy年M月d日", CultureInfo.GetCultureInfo(language));
        if (language == NotificationLanguages.Chinese)
        {
            values["changes_summary"] = policy.Summary;
        }
    }

    private static Dictionary<string, string> ValuesFor(NotificationCampaign campaign, string language)
    {
        var values = language == NotificationLanguages.English ? campaign.ValuesEn : campaign.ValuesZh;
        var purpose = NotificationPurposes.Find(campaign.Purpose)!;
        foreach (var placeholder in purpose.Placeholders)
        {
            values.TryAdd(placeholder.Name, "");
        }
        return values;
    }

    /// <summary>Chinese always; English for the announcement when English values were given.</summary>
    private static IEnumerable<(string Language, Dictionary<string, string> Values)> Languages(NotificationCampaign campaign)
    {
        yield return (NotificationLanguages.Chinese, ValuesFor(campaign, NotificationLanguages.Chinese));
        var english = ValuesFor(campaign, NotificationLanguages.English);
        if (english.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
        {
            yield return (NotificationLanguages.English, english);
        }
    }

    private async Task<FieldErrors> ApplyAsync(PortalDbContext db, NotificationCampaign campaign, CampaignInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        campaign.Kind = input.Kind;
        campaign.Title = PrivacyPortal.Modules.DataPlane.Inventory.InventoryRules.Required(errors, "Title", input.Title, 200);
        campaign.Channels = input.Channels & (CampaignChannels.Email | CampaignChannels.Sms | CampaignChannels.Push | CampaignChannels.Announcement);
        if (campaign.Channels == CampaignChannels.None)
        {
            errors["Channels"] = "Campaigns.Error.Channels";
        }
        campaign.IncidentId = input.Kind == CampaignKind.Breach ? input.IncidentId : null;
        if (input.Kind == CampaignKind.Breach)
        {
            var incident = input.IncidentId is { } id ? await db.Set<BreachIncident>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken) : null;
            if (incident is null)
            {
                errors["IncidentId"] = "Validation.Required";
            }
            else if (incident.Status == BreachStatus.Closed)
            {
                errors["IncidentId"] = "Breaches.Error.Closed";
            }
        }
        campaign.PolicyVersionId = input.Kind == CampaignKind.PolicyChange ? input.PolicyVersionId : null;
        var values = new Dictionary<string, string>(input.ValuesZh);
        var english = new Dictionary<string, string>(input.ValuesEn);
        if (input.Kind == CampaignKind.PolicyChange)
        {
            var policy = input.PolicyVersionId is { } pv ? await db.Set<PolicyVersion>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == pv, cancellationToken) : null;
            if (policy is null)
            {
                errors["PolicyVersionId"] = "Validation.Required";
            }
            else
            {
                // The notice names the version and its effective date from the register, never from free text.
                FillPolicy(values, policy, NotificationLanguages.Chinese);
                if (english.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
                {
                    FillPolicy(english, policy, NotificationLanguages.English);
                }
            }
        }
        // Every item of the notice is required (PIPL art. 57, GB/T 35273 §10.2): an empty one is an error, not a gap.
        var purpose = NotificationPurposes.Find(Purpose(input.Kind))!;
        var anyEnglish = english.Values.Any(v => !string.IsNullOrWhiteSpace(v));
        foreach (var placeholder in purpose.Placeholders)
        {
            var zh = (values.TryGetValue(placeholder.Name, out var v) ? v : "").Trim();
            values[placeholder.Name] = zh;
            if (zh.Length == 0)
            {
                errors["zh." + placeholder.Name] = "Validation.Required";
            }
            else if (zh.Length > 1000)
            {
                errors["zh." + placeholder.Name] = "Validation.TooLong";
            }
            var en = (english.TryGetValue(placeholder.Name, out var e) ? e : "").Trim();
            english[placeholder.Name] = en;
            if (anyEnglish && en.Length == 0)
            {
                errors["en." + placeholder.Name] = "Validation.Required";
            }
        }
        campaign.ValuesZh = values;
        campaign.ValuesEn = anyEnglish ? english : [];
        if (errors.IsValid)
        {
            campaign.CohortSize = await CohortSizeAsync(db, campaign, cancellationToken);
        }
        return errors;
    }

    private async Task<CampaignChange> SaveAsync(PortalDbContext db, NotificationCampaign campaign, int version, string action, object? detail, CancellationToken cancellationToken)
    {
        if (!db.TryClaim(campaign, version))
        {
            return CampaignChange.Conflict;
        }
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return CampaignChange.Conflict;
        }
        await audit.RecordAsync(action, targetType: "campaign", targetId: Id(campaign.Id), detail: detail ?? new { status = campaign.Status.ToString() }, cancellationToken: cancellationToken);
        return CampaignChange.Done;
    }

    private static Task<long> CohortSizeAsync(PortalDbContext db, NotificationCampaign campaign, CancellationToken cancellationToken) =>
        campaign.Kind == CampaignKind.Breach
            ? db.Set<AffectedPerson>().LongCountAsync(a => a.IncidentId == campaign.IncidentId, cancellationToken)
            : db.Set<DataSubject>().LongCountAsync(cancellationToken);

    private sealed record Member(long Id, string? Email, string? Phone, string? Account)
    {
        public string? Address(NotificationChannel channel) => channel switch
        {
            NotificationChannel.Email => Email,
            NotificationChannel.Sms => Phone,
            NotificationChannel.Push => Account,
            _ => null,
        };
    }

    /// <summary>
    /// The next <see cref="ChunkSize"/> people after the cursor, with their addresses. An imported phone or e-mail is
    /// used as given; a linked subject or an account id reaches the person through the directory's identifiers.
    /// </summary>
    private async Task<List<Member>> CohortChunkAsync(PortalDbContext db, NotificationCampaign campaign, CancellationToken cancellationToken)
    {
        var members = new List<Member>();
        var viaDirectory = new Dictionary<long, List<int>>();
        if (campaign.Kind == CampaignKind.Breach)
        {
            var rows = await db.Set<AffectedPerson>().AsNoTracking().Where(a => a.IncidentId == campaign.IncidentId && a.Id > campaign.Cursor).OrderBy(a => a.Id).Take(ChunkSize)
                .Select(a => new { a.Id, a.Kind, a.ValueProtected, a.SubjectId }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var value = row.ValueProtected is null ? null : identifiers.Unprotect(row.ValueProtected);
                members.Add(new Member(row.Id, row.Kind == IdentifierKind.Email ? value : null, row.Kind == IdentifierKind.Phone ? value : null, row.Kind == IdentifierKind.AccountId ? value : null));
                if (row.SubjectId is { } subject && row.Kind is null or IdentifierKind.AccountId)
                {
                    (viaDirectory.TryGetValue(subject, out var list) ? list : viaDirectory[subject] = []).Add(members.Count - 1);
                }
            }
        }
        else
        {
            var ids = await db.Set<DataSubject>().AsNoTracking().Where(s => s.Id > campaign.Cursor).OrderBy(s => s.Id).Take(ChunkSize).Select(s => s.Id).ToListAsync(cancellationToken);
            foreach (var id in ids)
            {
                members.Add(new Member(id, null, null, null));
                viaDirectory[id] = [members.Count - 1];
            }
        }
        if (viaDirectory.Count > 0)
        {
            var subjectIds = viaDirectory.Keys.ToList();
            var found = await db.Set<SubjectIdentifier>().AsNoTracking().Where(i => subjectIds.Contains(i.SubjectId)).OrderBy(i => i.Id)
                .Select(i => new { i.SubjectId, i.Kind, i.ValueProtected }).ToListAsync(cancellationToken);
            foreach (var identifier in found)
            {
                foreach (var index in viaDirectory[identifier.SubjectId])
                {
                    var m = members[index];
                    var value = identifiers.Unprotect(identifier.ValueProtected);
                    members[index] = identifier.Kind switch
                    {
                        IdentifierKind.Email when m.Email is null => m with { Email = value },
                        IdentifierKind.Phone when m.Phone is null => m with { Phone = value },
                        IdentifierKind.AccountId when m.Account is null => m with { Account = value },
                        _ => m,
                    };
                }
            }
        }
        return members;
    }

    private async Task OnFannedOutAsync(NotificationCampaign campaign, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(CampaignActions.FannedOut, targetType: "campaign", targetId: Id(campaign.Id), cancellationToken: cancellationToken);
        if (campaign.IncidentId is not { } incidentId)
        {
            return;
        }
        // The individual notice (PIPL art. 57, 72 h company policy) is given once every message is issued.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owner = BreachService.Owner(incidentId);
        var clock = await db.Set<Clock>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.OwnerType == BreachClocks.OwnerType && c.OwnerId == owner && c.PresetKey == ClockPresets.IndividualNotice && c.State != ClockState.Met && c.State != ClockState.Discharged, cancellationToken);
        if (clock is not null)
        {
            await clocks.MarkMetAsync(clock.Id, clock.Version, cancellationToken);
        }
    }
}
