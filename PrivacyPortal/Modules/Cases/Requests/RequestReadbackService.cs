using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Resources;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases.Requests;

/// <summary>
/// One case as an agent may read it to a caller: no summary, no identifiers beyond the masked phone. Under China's
/// rules the outer limit comes beside the target date, each with its clock's state.
/// </summary>
public sealed record ReadbackCase(string CaseNumber, RequestType Type, RequestStatus Status, RequestOutcome? Outcome, DateTime DueAtUtc, string DueDate, string? MaskedPhone, string Script,
    ClockState? TargetState = null, DateTime? OuterDueAtUtc = null, string? OuterDueDate = null, ClockState? OuterState = null);

/// <summary>
/// Status read-back for a live call: find cases by case number or by the caller's phone and give the agent a sentence
/// to read out. Each person whose cases are shown is audited as a view, by subject id.
/// </summary>
public sealed partial class RequestReadbackService(
    IDbContextFactory<PortalDbContext> contexts,
    SubjectDirectory directory,
    IStringLocalizer<SharedResource> localizer,
    PortalTime portalTime,
    AuditTrail audit)
{
    /// <summary>A caller rarely has more open or recent cases than this; older ones are for the queue, not the phone.</summary>
    public const int MaxCases = 10;

    public async Task<IReadOnlyList<ReadbackCase>> FindAsync(string? query, CancellationToken cancellationToken = default)
    {
        var text = (query ?? "").Trim();
        if (text.Length == 0)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<DataSubjectRequest> requests;
        if (CaseNumberPattern().Match(text) is { Success: true } match)
        {
            var caseNumber = $"PR-{match.Groups[1].Value}-{match.Groups[2].Value}";
            requests = db.Set<DataSubjectRequest>().Where(r => r.CaseNumber == caseNumber);
        }
        else if (IdentifierNormalizer.NormalizePhone(text) is { } phone && await directory.MatchAsync(IdentifierKind.Phone, phone, cancellationToken) is { } subjectId)
        {
            requests = db.Set<DataSubjectRequest>().Where(r => r.SubjectId == subjectId);
        }
        else
        {
            return [];
        }
        var found = await requests.AsNoTracking()
            .OrderBy(r => r.Status == RequestStatus.Closed).ThenByDescending(r => r.CreatedAtUtc)
            .Take(MaxCases)
            .Select(r => new { r.Id, r.SubjectId, r.CaseNumber, r.Type, r.Status, r.Outcome, r.DueAtUtc, r.ClockId, r.HardStopClockId, r.OuterDueAtUtc })
            .ToListAsync(cancellationToken);
        if (found.Count == 0)
        {
            return [];
        }
        var clockIds = found.SelectMany(r => new[] { r.ClockId, r.HardStopClockId }).OfType<Guid>().ToList();
        var states = await db.Set<Clock>().AsNoTracking().Where(c => clockIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.State, cancellationToken);
        var subjectIds = found.Select(r => r.SubjectId).Distinct().ToList();
        var phones = (await db.Set<SubjectIdentifier>().AsNoTracking()
                .Where(i => subjectIds.Contains(i.SubjectId) && i.Kind == IdentifierKind.Phone)
                .OrderBy(i => i.Id)
                .Select(i => new { i.SubjectId, i.Masked })
                .ToListAsync(cancellationToken))
            .GroupBy(i => i.SubjectId).ToDictionary(g => g.Key, g => g.First().Masked);
        foreach (var group in found.GroupBy(r => r.SubjectId))
        {
            await audit.RecordAsync(RequestReadbackActions.ReadBack, targetType: "request", targetId: RequestService.Id(group.First().Id),
                subjectId: SubjectDirectory.Id(group.Key), detail: new { cases = group.Select(r => r.CaseNumber).ToArray() }, cancellationToken: cancellationToken);
        }
        return found.Select(r =>
        {
            var due = FormatDate(r.DueAtUtc);
            return new ReadbackCase(r.CaseNumber, r.Type, r.Status, r.Outcome, r.DueAtUtc, due, phones.GetValueOrDefault(r.SubjectId), Script(r.CaseNumber, r.Type, r.Status, r.Outcome, due),
                r.ClockId is { } target && states.TryGetValue(target, out var t) ? t : null,
                r.OuterDueAtUtc, r.OuterDueAtUtc is { } outerDue ? FormatDate(outerDue) : null,
                r.HardStopClockId is { } outer && states.TryGetValue(outer, out var o) ? o : null);
        }).ToList();
    }

    /// <summary>The sentence the agent reads out, in the UI language.</summary>
    public string Script(string caseNumber, RequestType type, RequestStatus status, RequestOutcome? outcome, string dueDate)
    {
        var typeName = localizer[$"Requests.TypeInMessage.{type}"].Value;
        var key = status == RequestStatus.Closed
            ? $"Requests.Readback.Script.Closed.{outcome ?? RequestOutcome.Fulfilled}"
            : $"Requests.Readback.Script.{status}";
        return string.Format(CultureInfo.CurrentCulture, localizer[key].Value, caseNumber, typeName, dueDate);
    }

    /// <summary>A due date as spoken: 2026年12月18日 in Chinese, 18 December 2026 in English, in portal time.</summary>
    public string FormatDate(DateTime utc)
    {
        var local = portalTime.ToLocal(utc);
        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh"
            ? local.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)
            : local.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^\s*PR\s*-?\s*(\d{4})\s*-?\s*(\d{6})\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaseNumberPattern();
}

public static class RequestReadbackActions
{
    public const string ReadBack = "request.read-back";
}
