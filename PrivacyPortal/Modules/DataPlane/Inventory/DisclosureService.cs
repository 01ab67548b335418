using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

public sealed class DisclosureInput
{
    public int Id { get; set; }

    public string Reference { get; set; } = "";

    public string RequestingBody { get; set; } = "";

    /// <summary>The register entry when the requesting body is a known recipient (an authority).</summary>
    public int? RecipientId { get; set; }

    public DisclosureBasis Basis { get; set; } = DisclosureBasis.GovernmentRequest;

    /// <summary>The day of the disclosure, in the portal's time zone.</summary>
    public DateTime? DisclosedOn { get; set; }

    public string Note { get; set; } = "";

    public IReadOnlyCollection<int> CategoryIds { get; set; } = [];

    /// <summary>
    /// The people concerned, one identifier per line (phone, e-mail or account id). On a new disclosure at least one;
    /// when editing, lines given are added to the people already recorded.
    /// </summary>
    public string SubjectLines { get; set; } = "";

    /// <summary>The first day the people may be told, in the portal's time zone; null: as soon as possible.</summary>
    public DateTime? InformNotBefore { get; set; }

    public int Version { get; set; }
}

public enum DisclosureFilter
{
    /// <summary>The people have not been told yet.</summary>
    OpenTasks,
    All,
}

public sealed record DisclosureQuery(DisclosureFilter Filter, int Page, int PageSize);

public sealed record DisclosureRow(
    int Id, string Reference, string RequestingBody, int? RecipientId, string? RecipientName, DisclosureBasis Basis, DateTime DisclosedAtUtc,
    IReadOnlyList<CategoryRef> Categories, int SubjectCount, DateTime? InformNotBeforeUtc, DateTime? InformedAtUtc, int Version)
{
    public bool IsInformed => InformedAtUtc is not null;

    /// <summary>Whether the people may be told at <paramref name="nowUtc"/>.</summary>
    public bool MayInform(DateTime nowUtc) => InformNotBeforeUtc is null || InformNotBeforeUtc <= nowUtc;
}

public sealed record DisclosureDetail(DisclosureRow Row, string Note, IReadOnlyList<string> SubjectReferences)
{
    public DisclosureInput ToInput(PortalTime time) => new()
    {
        Id = Row.Id, Reference = Row.Reference, RequestingBody = Row.RequestingBody, RecipientId = Row.RecipientId, Basis = Row.Basis,
        DisclosedOn = time.ToLocal(Row.DisclosedAtUtc).Date, Note = Note, CategoryIds = Row.Categories.Select(c => c.Id).ToList(),
        InformNotBefore = Row.InformNotBeforeUtc is { } notBefore ? time.ToLocal(notBefore).Date : null, Version = Row.Version,
    };
}

/// <summary>Open inform tasks: all of them, and those the law already lets us do.</summary>
public sealed record InformTaskCounts(int Open, int Due);

public sealed record InformOutcome(InventoryChange Change, DateTime? NotBeforeUtc = null);

/// <summary>
/// The disclosure log (statement 5.4): each disclosure to an authority, court or other party, its legal basis,
/// categories and the people concerned, and the task of telling those people once the law allows.
/// </summary>
public sealed class DisclosureService(
    IDbContextFactory<PortalDbContext> contexts,
    SubjectDirectory subjects,
    AuditTrail audit,
    CurrentActor actor,
    PortalTime time)
{
    /// <summary>A disclosure concerning more people than this is a bulk case, not a log entry typed by hand.</summary>
    public const int MaxSubjects = 200;

    public async Task<PagedResult<DisclosureRow>> QueryAsync(DisclosureQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var disclosures = db.Set<Disclosure>().AsNoTracking();
        if (query.Filter == DisclosureFilter.OpenTasks)
        {
            // The ones we may tell now first, then by the day we may.
            disclosures = disclosures.Where(d => d.InformedAtUtc == null)
                .OrderBy(d => d.InformNotBeforeUtc != null).ThenBy(d => d.InformNotBeforeUtc).ThenBy(d => d.DisclosedAtUtc).ThenBy(d => d.Id);
        }
        else
        {
            disclosures = disclosures.OrderByDescending(d => d.DisclosedAtUtc).ThenByDescending(d => d.Id);
        }
        var total = await disclosures.CountAsync(cancellationToken);
        var items = await Project(disclosures.Skip(Math.Max(0, query.Page) * query.PageSize).Take(Math.Clamp(query.PageSize, 1, 200)))
            .ToListAsync(cancellationToken);
        return new PagedResult<DisclosureRow>(items, total);
    }

    public async Task<InformTaskCounts> InformTaskCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.UtcNow;
        var open = db.Set<Disclosure>().Where(d => d.InformedAtUtc == null);
        return new InformTaskCounts(
            await open.CountAsync(cancellationToken),
            await open.CountAsync(d => d.InformNotBeforeUtc == null || d.InformNotBeforeUtc <= now, cancellationToken));
    }

    public async Task<DisclosureDetail?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await Project(db.Set<Disclosure>().AsNoTracking().Where(d => d.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var note = await db.Set<Disclosure>().Where(d => d.Id == id).Select(d => d.Note).SingleAsync(cancellationToken);
        var ids = await db.Set<DisclosureSubject>().Where(s => s.DisclosureId == id).OrderBy(s => s.SubjectId).Select(s => s.SubjectId).ToListAsync(cancellationToken);
        return new DisclosureDetail(row, note, ids.Select(DataSubject.FormatReference).ToList());
    }

    /// <summary>The disclosures that concern one person, newest first (for the person's page).</summary>
    public async Task<IReadOnlyList<DisclosureRow>> ForSubjectAsync(long subjectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Project(db.Set<Disclosure>().AsNoTracking().Where(d => d.Subjects.Any(s => s.SubjectId == subjectId))
            .OrderByDescending(d => d.DisclosedAtUtc).ThenByDescending(d => d.Id)).ToListAsync(cancellationToken);
    }

    private static IQueryable<DisclosureRow> Project(IQueryable<Disclosure> disclosures) =>
        disclosures.Select(d => new DisclosureRow(d.Id, d.Reference, d.RequestingBody, d.RecipientId, d.Recipient != null ? d.Recipient.Name : null, d.Basis, d.DisclosedAtUtc,
            d.Categories.OrderBy(c => c.Id).Select(c => new CategoryRef(c.Id, c.Key, c.NameZh, c.NameEn, c.IsSensitive)).ToList(),
            d.Subjects.Count, d.InformNotBeforeUtc, d.InformedAtUtc, d.Version));

    /// <summary>
    /// Records or edits a disclosure. The people are given as identifiers, one per line, each normalised and found
    /// in the subject directory; a malformed or unknown line is reported by its number and nothing is saved.
    /// </summary>
    public async Task<InventorySave> SaveAsync(DisclosureInput input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var creating = input.Id == 0;
        var reference = InventoryRules.Required(errors, nameof(input.Reference), input.Reference, 100);
        var body = InventoryRules.Required(errors, nameof(input.RequestingBody), input.RequestingBody, 200);
        var note = InventoryRules.Optional(errors, nameof(input.Note), input.Note, 2000);
        InventoryRules.Defined(errors, nameof(input.Basis), input.Basis);
        var today = time.Today().ToDateTime(TimeOnly.MinValue);
        if (input.DisclosedOn is null)
        {
            errors[nameof(input.DisclosedOn)] = "Validation.Required";
        }
        else if (input.DisclosedOn.Value.Date > today)
        {
            errors[nameof(input.DisclosedOn)] = "Inventory.Disclosure.FutureDate";
        }
        if (input.InformNotBefore is { } notBefore && input.DisclosedOn is { } on && notBefore.Date < on.Date)
        {
            errors[nameof(input.InformNotBefore)] = "Inventory.Disclosure.InformBeforeDisclosure";
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var categories = await InventoryRules.CategoriesAsync(db, errors, nameof(input.CategoryIds), input.CategoryIds, cancellationToken);
        if (input.RecipientId is { } recipientId && !await db.Set<Recipient>().AnyAsync(r => r.Id == recipientId, cancellationToken))
        {
            errors[nameof(input.RecipientId)] = "Inventory.Recipient.Unknown";
        }
        var subjectIds = await ResolveSubjectsAsync(input.SubjectLines, required: creating, errors, cancellationToken);
        if (!errors.IsValid)
        {
            return InventorySave.Invalid(errors);
        }

        Disclosure disclosure;
        if (creating)
        {
            disclosure = new Disclosure { RecordedAtUtc = time.UtcNow, RecordedById = await actor.GetActorIdAsync() };
            db.Add(disclosure);
        }
        else
        {
            var found = await db.Set<Disclosure>().Include(d => d.Categories).Include(d => d.Subjects).AsSplitQuery()
                .SingleOrDefaultAsync(d => d.Id == input.Id, cancellationToken);
            if (found is null)
            {
                return InventorySave.Of(InventoryChange.NotFound);
            }
            if (!db.TryClaim(found, input.Version))
            {
                return InventorySave.Of(InventoryChange.Conflict);
            }
            disclosure = found;
        }
        var added = subjectIds.Where(id => disclosure.Subjects.All(s => s.SubjectId != id)).ToList();
        if (disclosure.Subjects.Count + added.Count > MaxSubjects)
        {
            errors[nameof(input.SubjectLines)] = "Inventory.Disclosure.TooManySubjects";
            return InventorySave.Invalid(errors);
        }
        disclosure.Reference = reference;
        disclosure.RequestingBody = body;
        disclosure.RecipientId = input.RecipientId;
        disclosure.Basis = input.Basis;
        disclosure.DisclosedAtUtc = StartOfDayUtc(input.DisclosedOn!.Value);
        disclosure.InformNotBeforeUtc = input.InformNotBefore is { } day ? StartOfDayUtc(day) : null;
        disclosure.Note = note;
        InventoryRules.Replace(disclosure.Categories, categories);
        disclosure.Subjects.AddRange(added.Select(id => new DisclosureSubject { SubjectId = id }));
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return InventorySave.Of(InventoryChange.Conflict);
        }
        var all = disclosure.Subjects.Select(s => s.SubjectId).Order().ToList();
        // Ids only: the identifiers typed in never reach the trail.
        await audit.RecordAsync(creating ? InventoryActions.DisclosureRecorded : InventoryActions.DisclosureChanged, targetType: "disclosure",
            targetId: InventoryActions.Id(disclosure.Id), subjectId: all.Count == 1 ? SubjectDirectory.Id(all[0]) : null,
            detail: new
            {
                reference = disclosure.Reference,
                basis = disclosure.Basis.ToString(),
                recipientId = disclosure.RecipientId,
                categories = categories.Select(c => c.Key).Order(StringComparer.Ordinal).ToArray(),
                subjectIds = all.Select(SubjectDirectory.Id).ToArray(),
                addedSubjectIds = creating ? null : added.Order().Select(SubjectDirectory.Id).ToArray(),
                informNotBeforeUtc = disclosure.InformNotBeforeUtc,
                version = disclosure.Version,
            }, cancellationToken: cancellationToken);
        return new InventorySave(InventoryChange.Done, errors, disclosure.Id);
    }

    /// <summary>
    /// Resolves identifier lines to subject ids. Errors are keyed <c>SubjectLines[n]</c> with the 1-based line
    /// number, plus a summary under <c>SubjectLines</c>; the offending values are never echoed back.
    /// </summary>
    public async Task<List<long>> ResolveSubjectsAsync(string? lines, bool required, FieldErrors errors, CancellationToken cancellationToken = default)
    {
        var found = new List<long>();
        var text = (lines ?? "").Split('\n');
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var raw = text[i].Trim();
            if (raw.Length == 0)
            {
                continue;
            }
            if (++count > MaxSubjects)
            {
                errors[nameof(DisclosureInput.SubjectLines)] = "Inventory.Disclosure.TooManySubjects";
                return [];
            }
            var kind = IdentifierNormalizer.Guess(raw);
            var normalized = IdentifierNormalizer.Normalize(kind, raw, out _);
            if (normalized is null)
            {
                errors[LineField(i + 1)] = "Inventory.Disclosure.LineMalformed";
                continue;
            }
            var subjectId = await subjects.MatchAsync(kind, normalized, cancellationToken);
            if (subjectId is null)
            {
                errors[LineField(i + 1)] = "Inventory.Disclosure.LineUnknown";
                continue;
            }
            if (!found.Contains(subjectId.Value))
            {
                found.Add(subjectId.Value);
            }
        }
        if (errors.Keys.Any(k => k.StartsWith(nameof(DisclosureInput.SubjectLines) + "[", StringComparison.Ordinal)))
        {
            errors[nameof(DisclosureInput.SubjectLines)] = "Inventory.Disclosure.SubjectLinesInvalid";
        }
        else if (required && count == 0)
        {
            errors[nameof(DisclosureInput.SubjectLines)] = "Inventory.Disclosure.SubjectsRequired";
        }
        return found;
    }

    /// <summary>The field key of one line's error: <c>SubjectLines[3]</c>.</summary>
    public static string LineField(int line) => $"{nameof(DisclosureInput.SubjectLines)}[{line}]";

    /// <summary>The line-numbered errors of <see cref="ResolveSubjectsAsync"/>, in line order.</summary>
    public static IReadOnlyList<(int Line, string Key)> LineErrors(FieldErrors errors) =>
        errors.Where(e => e.Key.StartsWith(nameof(DisclosureInput.SubjectLines) + "[", StringComparison.Ordinal))
            .Select(e => (Line: int.Parse(e.Key[(nameof(DisclosureInput.SubjectLines).Length + 1)..^1], System.Globalization.CultureInfo.InvariantCulture), e.Value))
            .OrderBy(e => e.Line)
            .ToList();

    /// <summary>
    /// Closes the inform task: the people were told. Refused before the day the law allows; a task someone else
    /// closed or changed meanwhile is a conflict.
    /// </summary>
    public async Task<InformOutcome> MarkInformedAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var disclosure = await db.Set<Disclosure>().Include(d => d.Subjects).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (disclosure is null)
        {
            return new InformOutcome(InventoryChange.NotFound);
        }
        if (disclosure.InformedAtUtc is not null || !db.TryClaim(disclosure, version))
        {
            return new InformOutcome(InventoryChange.Conflict);
        }
        var now = time.UtcNow;
        if (disclosure.InformNotBeforeUtc is { } notBefore && now < notBefore)
        {
            return new InformOutcome(InventoryChange.Refused, notBefore);
        }
        disclosure.InformedAtUtc = now;
        disclosure.InformedById = await actor.GetActorIdAsync();
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return new InformOutcome(InventoryChange.Conflict);
        }
        var ids = disclosure.Subjects.Select(s => s.SubjectId).Order().ToList();
        await audit.RecordAsync(InventoryActions.DisclosureSubjectsInformed, targetType: "disclosure", targetId: InventoryActions.Id(id),
            subjectId: ids.Count == 1 ? SubjectDirectory.Id(ids[0]) : null,
            detail: new { subjectIds = ids.Select(SubjectDirectory.Id).ToArray(), version = disclosure.Version }, cancellationToken: cancellationToken);
        return new InformOutcome(InventoryChange.Done);
    }

    public async Task<InventoryChange> DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var disclosure = await db.Set<Disclosure>().Include(d => d.Subjects).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (disclosure is null)
        {
            return InventoryChange.NotFound;
        }
        if (!db.TryClaim(disclosure, version))
        {
            return InventoryChange.Conflict;
        }
        var ids = disclosure.Subjects.Select(s => s.SubjectId).Order().ToList();
        var detail = new { reference = disclosure.Reference, basis = disclosure.Basis.ToString(), subjectIds = ids.Select(SubjectDirectory.Id).ToArray() };
        db.Remove(disclosure);
        var outcome = await InventoryRules.DeleteAsync(db, cancellationToken);
        if (outcome == InventoryChange.Done)
        {
            await audit.RecordAsync(InventoryActions.DisclosureDeleted, targetType: "disclosure", targetId: InventoryActions.Id(id),
                subjectId: ids.Count == 1 ? SubjectDirectory.Id(ids[0]) : null, detail: detail, cancellationToken: cancellationToken);
        }
        return outcome;
    }

    private DateTime StartOfDayUtc(DateTime localDay) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(localDay.Date, DateTimeKind.Unspecified), time.Zone);
}
