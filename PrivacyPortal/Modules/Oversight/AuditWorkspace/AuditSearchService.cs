using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Shared;
using PrivacyPortal.Modules.Foundation.Audit;

namespace PrivacyPortal.Modules.Oversight.AuditWorkspace;

/// <summary>
/// What an auditor searches by. Times are typed in the portal's zone ("2026-11-28" or "2026-11-28 14:30"); actions
/// may be several, comma-separated; target is "type:id" or just an id.
/// </summary>
public sealed record AuditFilter(
    string? From = null,
    string? To = null,
    string? Actor = null,
    string? Action = null,
    string? Target = null,
    string? SubjectId = null,
    AuditOutcome? Outcome = null,
    string? ClientIp = null);

public enum AuditSort
{
    Newest,
    Oldest,
    Actor,
    Action,
}

public sealed record AuditRow(long Sequence, DateTime OccurredAtUtc, string ActorId, string Action, string? TargetType, string? TargetId,
    string? SubjectId, string? ClientIp, AuditOutcome Outcome, string? Detail)
{
    /// <summary>The reason staff gave (reveal, export, erasure), read from the detail; never a personal value.</summary>
    public string? Reason => AuditDetail.Text(Detail, "reason");
}

public sealed record AuditSearchResult(FieldErrors Errors, IReadOnlyList<AuditRow> Items, int TotalCount, bool TotalIsCapped)
{
    public static AuditSearchResult Invalid(FieldErrors errors) => new(errors, [], 0, false);
}

/// <summary>A filter checked and turned into what the database compares: UTC instants, parsed ids.</summary>
public sealed record AuditCriteria(DateTime? FromUtc, DateTime? ToUtc, string? Actor, IReadOnlyList<string> Actions, string? TargetType,
    string? TargetId, string? SubjectId, AuditOutcome? Outcome, string? ClientIp);

/// <summary>
/// The read side of the auditor workspace. Every filter and sort is served by an index of <see cref="AuditEventConfiguration"/>
/// ending in the time (and the sequence, which is SQLite's rowid), so a page of the newest matches is an index range
/// scan however long the trail; the total is counted up to <see cref="CountCap"/> only.
/// </summary>
public sealed class AuditSearchService(IDbContextFactory<PortalDbContext> contexts, PortalTime time)
{
    public const int MaxPageSize = 200;

    /// <summary>Counting every match of a broad filter over millions of events costs seconds; past this the page says "more than".</summary>
    public const int CountCap = 10_000;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    public async Task<AuditSearchResult> SearchAsync(AuditFilter filter, int page, int pageSize, AuditSort sort = AuditSort.Newest,
        CancellationToken cancellationToken = default)
    {
        var errors = Validate(filter, out var criteria);
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["PageSize"] = "Audit.Search.PageSizeInvalid";
        }
        if (page < 0)
        {
            errors["Page"] = "Audit.Search.PageInvalid";
        }
        if (!errors.IsValid)
        {
            return AuditSearchResult.Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Apply(db.AuditEvents.AsNoTracking(), criteria!);
        var total = await query.Take(CountCap + 1).CountAsync(cancellationToken);
        var items = await Order(query, sort)
            .Skip(page * pageSize)
            .Take(pageSize)
            .Select(e => new AuditRow(e.Sequence, e.OccurredAtUtc, e.ActorId, e.Action, e.TargetType, e.TargetId, e.SubjectId, e.ClientIp, e.Outcome, e.Detail))
            .ToListAsync(cancellationToken);
        return new AuditSearchResult(errors, items, Math.Min(total, CountCap), total > CountCap);
    }

    /// <summary>Checks a filter; on success <paramref name="criteria"/> holds what the query compares.</summary>
    public FieldErrors Validate(AuditFilter filter, out AuditCriteria? criteria)
    {
        var errors = new FieldErrors();
        criteria = null;
        var from = ParseInstant(filter.From, endOfDay: false, errors, nameof(AuditFilter.From));
        var to = ParseInstant(filter.To, endOfDay: true, errors, nameof(AuditFilter.To));
        if (from is not null && to is not null && to <= from)
        {
            errors[nameof(AuditFilter.To)] = "Audit.Search.RangeReversed";
        }
        var subject = Trim(filter.SubjectId);
        if (subject is not null && !long.TryParse(subject, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            errors[nameof(AuditFilter.SubjectId)] = "Audit.Search.SubjectIdInvalid";
        }
        var ip = Trim(filter.ClientIp);
        if (ip is not null && !IPAddress.TryParse(ip, out _))
        {
            errors[nameof(AuditFilter.ClientIp)] = "Audit.Search.ClientIpInvalid";
        }
        string? targetType = null;
        var targetId = Trim(filter.Target);
        if (targetId?.IndexOf(':') is > 0 and var colon)
        {
            targetType = targetId[..colon].Trim();
            targetId = Trim(targetId[(colon + 1)..]);
        }
        var actions = (filter.Action ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (actions.Length > 20 || actions.Any(a => a.Length > 64) || (filter.Actor?.Length ?? 0) > 64 || (targetId?.Length ?? 0) > 64)
        {
            errors[nameof(AuditFilter.Action)] = "Audit.Search.TooLong";
        }
        if (errors.IsValid)
        {
            criteria = new AuditCriteria(from, to, Trim(filter.Actor), actions, targetType, targetId, subject, filter.Outcome, ip);
        }
        return errors;
    }

    public static IQueryable<AuditEvent> Apply(IQueryable<AuditEvent> events, AuditCriteria c)
    {
        if (c.FromUtc is { } from)
        {
            events = events.Where(e => e.OccurredAtUtc >= from);
        }
        if (c.ToUtc is { } to)
        {
            events = events.Where(e => e.OccurredAtUtc < to);
        }
        if (c.Actor is { } actor)
        {
            events = events.Where(e => e.ActorId == actor);
        }
        if (c.Actions.Count == 1)
        {
            var action = c.Actions[0];
            events = events.Where(e => e.Action == action);
        }
        else if (c.Actions.Count > 1)
        {
            var actions = c.Actions.ToArray();
            events = events.Where(e => actions.Contains(e.Action));
        }
        if (c.TargetType is { } targetType)
        {
            events = events.Where(e => e.TargetType == targetType);
        }
        if (c.TargetId is { } targetId)
        {
            events = events.Where(e => e.TargetId == targetId);
        }
        if (c.SubjectId is { } subject)
        {
            events = events.Where(e => e.SubjectId == subject);
        }
        if (c.Outcome is { } outcome)
        {
            events = events.Where(e => e.Outcome == outcome);
        }
        if (c.ClientIp is { } ip)
        {
            events = events.Where(e => e.ClientIp == ip);
        }
        return events;
    }

    /// <summary>Time, then sequence: SQLite's indexes end in the rowid (the sequence), so this order is the index order.</summary>
    public static IQueryable<AuditEvent> Order(IQueryable<AuditEvent> events, AuditSort sort) => sort switch
    {
        AuditSort.Oldest => events.OrderBy(e => e.OccurredAtUtc).ThenBy(e => e.Sequence),
        AuditSort.Actor => events.OrderBy(e => e.ActorId).ThenByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Sequence),
        AuditSort.Action => events.OrderBy(e => e.Action).ThenByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Sequence),
        _ => events.OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Sequence),
    };

    /// <summary>One event with the links either side of it, each checked: its content against its hash, its link to the one before.</summary>
    public async Task<AuditEventDetail?> DetailAsync(long sequence, int around = 2, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Sequence >= sequence - around - 1 && e.Sequence <= sequence + around)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        var target = events.FirstOrDefault(e => e.Sequence == sequence);
        if (target is null)
        {
            return null;
        }
        var links = new List<AuditLinkStatus>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Sequence < sequence - around)
            {
                continue;
            }
            var before = i > 0 && events[i - 1].Sequence == e.Sequence - 1 ? events[i - 1].Hash : e.Sequence == 1 ? AuditHash.Genesis : null;
            links.Add(new AuditLinkStatus(e.Sequence, e.OccurredAtUtc, e.Action,
                ContentIntact: AuditHash.Compute(e).AsSpan().SequenceEqual(e.Hash),
                LinkIntact: before is not null && before.AsSpan().SequenceEqual(e.PreviousHash),
                Convert.ToHexStringLower(e.Hash)));
        }
        var row = new AuditRow(target.Sequence, target.OccurredAtUtc, target.ActorId, target.Action, target.TargetType, target.TargetId,
            target.SubjectId, target.ClientIp, target.Outcome, target.Detail);
        return new AuditEventDetail(row, Convert.ToHexStringLower(target.PreviousHash), Convert.ToHexStringLower(target.Hash), links);
    }

    /// <summary>Staff accounts by id, for showing and choosing actors (a small table: the portal's staff).</summary>
    public async Task<IReadOnlyDictionary<string, string>> StaffNamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    private DateTime? ParseInstant(string? text, bool endOfDay, FieldErrors errors, string field)
    {
        text = Trim(text);
        if (text is null)
        {
            return null;
        }
        if (!DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) || local.Year < 2000 || local.Year > 9000)
        {
            errors[field] = "Audit.Search.DateInvalid";
            return null;
        }
        // A bare date as the end of a range means the whole of that day.
        if (endOfDay && text.Length == 10)
        {
            local = local.AddDays(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), time.Zone);
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record AuditLinkStatus(long Sequence, DateTime OccurredAtUtc, string Action, bool ContentIntact, bool LinkIntact, string Hash)
{
    public bool Intact => ContentIntact && LinkIntact;
}

public sealed record AuditEventDetail(AuditRow Event, string PreviousHash, string Hash, IReadOnlyList<AuditLinkStatus> Chain)
{
    public bool Intact => Chain.All(l => l.Intact);
}

/// <summary>Reads one text value out of an event's JSON detail; a detail that is not an object reads as nothing.</summary>
public static class AuditDetail
{
    public static string? Text(string? detail, string property)
    {
        if (string.IsNullOrEmpty(detail) || detail[0] != '{')
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(detail);
            return json.RootElement.TryGetProperty(property, out var value) ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
