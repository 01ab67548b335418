using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Incidents.Breaches;

/// <summary>A bad line of an affected-people file: its 1-based line number and the resource key of the problem.</summary>
public sealed record ImportError(long Line, string Key);

public sealed record ImportResult(IReadOnlyList<ImportError> Errors, long ErrorCount, long Rows, long Added, long Duplicates, long Unmatched)
{
    public bool Succeeded => ErrorCount == 0;
}

public sealed record AffectedRow(long Id, IdentifierKind? Kind, string? Masked, long? SubjectId);

/// <summary>
/// Affected people from a CSV of identifiers (one a line: <c>phone,138…</c>, <c>email,…</c>, <c>account_id,…</c>, or
/// the value alone, its kind guessed), from the subject directory, or an estimate. The file is read twice, streamed:
/// first every line is validated (nothing is written if one is bad), then the rows are written staged (invisible) in short
/// transactions and published at the end, before the incident's counts change (withdrawn if the import fails first).
/// </summary>
public sealed class AffectedImportService(
    IDbContextFactory<PortalDbContext> contexts, SubjectLookupHasher hasher, IdentifierProtector protector, AuditTrail audit, CurrentActor actor, TimeProvider time)
{
    /// <summary>The page lists this many bad lines; the count covers them all.</summary>
    public const int MaxListedErrors = 200;

    private const int Chunk = 2048;

    /// <summary>Rows one write transaction holds: a few hundred milliseconds of the database's write lock, so an intake waits no longer.</summary>
    private const int WriteBatch = 4 * Chunk;

    /// <summary>Staged rows one publishing statement makes visible (a flag flipped: cheaper per row than an insert).</summary>
    private const int PublishBatch = 50_000;

    public async Task<ImportResult> ImportAsync(long incidentId, Stream csv, CancellationToken cancellationToken = default)
    {
        if (!csv.CanSeek)
        {
            throw new ArgumentException("The file is read twice: pass a seekable stream (a temporary file).", nameof(csv));
        }
        if (TextFiles.OpenReader(csv) is not { } probe)
        {
            return new ImportResult([new ImportError(0, "Import.NotText")], 1, 0, 0, 0, 0);
        }
        probe.Dispose();
        var errors = new List<ImportError>();
        long errorCount = 0, rows = 0;
        foreach (var line in ReadLines(csv))
        {
            if (line.Error is { } error)
            {
                errorCount++;
                if (errors.Count < MaxListedErrors)
                {
                    errors.Add(new ImportError(line.Number, error));
                }
            }
            else if (line.Kind is not null)
            {
                rows++;
            }
        }
        if (rows == 0 && errorCount == 0)
        {
            errors.Add(new ImportError(1, "Breaches.Import.Empty"));
            errorCount = 1;
        }
        if (errorCount > 0)
        {
            return new ImportResult(errors, errorCount, rows, 0, 0, 0);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<BreachIncident>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken)
            ?? throw new InvalidOperationException("No such incident.");
        if (incident.Status == BreachStatus.Closed)
        {
            return new ImportResult([new ImportError(0, "Breaches.Error.Closed")], 1, rows, 0, 0, 0);
        }
        // What an import that died left behind is withdrawn first: its rows were never visible.
        await WithdrawStagedAsync(incidentId, cancellationToken);
        // De-duplication across this file and earlier imports: 16 bytes of each keyed hash (collisions are not a concern at 2^-64).
        var seen = new HashSet<UInt128>();
        await foreach (var key in db.Set<AffectedPerson>().AsNoTracking().Where(a => a.IncidentId == incidentId).Select(a => a.Key).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (key.Length == 64)
            {
                seen.Add(Short(key));
            }
        }

        long added = 0, duplicates = 0;
        if (db.Database.IsSqlite())
        {
            // The (incident, key) index takes keyed hashes in random order: with SQLite's default 2 MB page cache
            // a million-row file spends most of its time re-reading index pages. 64 MB for this connection.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536", cancellationToken);
        }
        try
        {
            // Written in short transactions of WriteBatch rows, staged (invisible), so interactive saves interleave with
            // a long import; matched to the directory batch by batch; then published.
            // Hashing and sealing cost about as much as the insert: the next chunk is built on the other core.
            AffectedPerson[] Build((IdentifierKind Kind, string Value)[] chunk) => Array.ConvertAll(chunk, r => new AffectedPerson
            {
                IncidentId = incidentId,
                Key = hasher.Hash(r.Kind, r.Value),
                Kind = r.Kind,
                ValueProtected = protector.Protect(r.Value),
                Masked = IdentifierNormalizer.Mask(r.Kind, r.Value),
                Staged = true,
            });
            using var chunks = ReadLines(csv).Where(l => l.Kind is not null).Select(l => (l.Kind!.Value, l.Value!)).Chunk(Chunk).GetEnumerator();
            Task<AffectedPerson[]>? next = chunks.MoveNext() ? BuildAsync(chunks.Current) : null;
            while (next is not null)
            {
                // The batch is read and built before its transaction opens: the transaction only inserts and matches.
                var batch = new List<AffectedPerson[]>();
                for (var built = 0; next is not null && built < WriteBatch; built += Chunk)
                {
                    batch.Add(await next);
                    next = chunks.MoveNext() ? BuildAsync(chunks.Current) : null;
                }
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var before = await db.Set<AffectedPerson>().IgnoreQueryFilters().MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
                await using (var insert = new BulkInsert<AffectedPerson>(db))
                {
                    foreach (var person in batch.SelectMany(b => b))
                    {
                        if (!seen.Add(Short(person.Key)))
                        {
                            duplicates++;
                            continue;
                        }
                        await insert.AddAsync(person, cancellationToken);
                        added++;
                    }
                }
                await MatchStagedAsync(db, incidentId, before, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            Task<AffectedPerson[]> BuildAsync((IdentifierKind, string)[] chunk) => Task.Run(() => Build(chunk), cancellationToken);
        }
        catch
        {
            await WithdrawStagedAsync(incidentId, CancellationToken.None);
            throw;
        }
        finally
        {
            if (db.Database.IsSqlite())
            {
                // Back to SQLite's default before the connection returns to the pool.
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }

        // Counted from the staged rows (a read: it holds no lock), then published in id ranges, each its own short
        // transaction, oldest first (a campaign reading the incident's people by id never skips one), and the counts last.
        var (unmatched, affected) = await CountAsync(db.Set<AffectedPerson>().IgnoreQueryFilters().Where(a => a.IncidentId == incidentId), cancellationToken);
        var staged = db.Set<AffectedPerson>().IgnoreQueryFilters().Where(a => a.IncidentId == incidentId && a.Staged);
        if (await staged.MinAsync(a => (long?)a.Id, cancellationToken) is { } low && await staged.MaxAsync(a => (long?)a.Id, cancellationToken) is { } high)
        {
            for (var from = low; from <= high; from += PublishBatch)
            {
                var to = from + PublishBatch;
                await staged.Where(a => a.Id >= from && a.Id < to).ExecuteUpdateAsync(u => u.SetProperty(a => a.Staged, false), cancellationToken);
            }
        }
        await using (var publish = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var tracked = await db.Set<BreachIncident>().SingleAsync(i => i.Id == incidentId, cancellationToken);
            tracked.UnmatchedCount = unmatched;
            tracked.AffectedCount = affected;
            tracked.Version++;
            db.Add(new BreachEvent
            {
                IncidentId = incidentId, Kind = BreachEventKind.AffectedImported, AtUtc = time.GetUtcNow().UtcDateTime, ActorId = await actor.GetActorIdAsync(),
                Note = string.Create(CultureInfo.InvariantCulture, $"{added}/{rows}"),
            });
            await db.SaveChangesAsync(cancellationToken);
            await publish.CommitAsync(cancellationToken);
        }
        await audit.RecordAsync(BreachActions.AffectedImported, targetType: "incident", targetId: incident.Reference,
            detail: new { rows, added, duplicates, unmatched }, cancellationToken: cancellationToken);
        return new ImportResult([], 0, rows, added, duplicates, unmatched);
    }

    /// <summary>Deletes the staged rows of an incident (an import that failed or died), in short transactions.</summary>
    private async Task WithdrawStagedAsync(long incidentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var ids = await db.Set<AffectedPerson>().IgnoreQueryFilters().Where(a => a.IncidentId == incidentId && a.Staged)
                .OrderBy(a => a.Id).Select(a => a.Id).Take(WriteBatch).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return;
            }
            var (first, last) = (ids[0], ids[^1]);
            await db.Set<AffectedPerson>().IgnoreQueryFilters().Where(a => a.IncidentId == incidentId && a.Staged && a.Id >= first && a.Id <= last)
                .ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>Adds a directory subject to the affected people, once.</summary>
    public async Task<bool> LinkSubjectAsync(long incidentId, long subjectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<BreachIncident>().SingleAsync(i => i.Id == incidentId, cancellationToken);
        if (incident.Status == BreachStatus.Closed || !await db.Set<DataSubject>().AnyAsync(s => s.Id == subjectId, cancellationToken)
            || await db.Set<AffectedPerson>().AnyAsync(a => a.IncidentId == incidentId && a.SubjectId == subjectId, cancellationToken))
        {
            return false;
        }
        db.Add(new AffectedPerson { IncidentId = incidentId, Key = "s:" + SubjectDirectory.Id(subjectId), SubjectId = subjectId });
        await db.SaveChangesAsync(cancellationToken);
        await RecountAsync(db, incident, cancellationToken);
        db.Add(new BreachEvent { IncidentId = incidentId, Kind = BreachEventKind.AffectedLinked, AtUtc = time.GetUtcNow().UtcDateTime, ActorId = await actor.GetActorIdAsync() });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(BreachActions.AffectedLinked, targetType: "incident", targetId: incident.Reference, subjectId: SubjectDirectory.Id(subjectId), cancellationToken: cancellationToken);
        return true;
    }

    public async Task<PagedResult<AffectedRow>> ListAsync(long incidentId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var people = db.Set<AffectedPerson>().AsNoTracking().Where(a => a.IncidentId == incidentId);
        var total = await people.CountAsync(cancellationToken);
        var items = await people.OrderBy(a => a.Id).Skip(Math.Max(0, page) * pageSize).Take(Math.Clamp(pageSize, 1, 200))
            .Select(a => new AffectedRow(a.Id, a.Kind, a.Masked, a.SubjectId)).ToListAsync(cancellationToken);
        return new PagedResult<AffectedRow>(items, total);
    }

    /// <summary>Links the identifiers one write batch staged (ids after <paramref name="after"/>) to directory subjects by keyed hash.</summary>
    private static Task<int> MatchStagedAsync(PortalDbContext db, long incidentId, long after, CancellationToken cancellationToken) =>
        db.Set<AffectedPerson>().IgnoreQueryFilters().Where(a => a.IncidentId == incidentId && a.Id > after && a.Staged && a.SubjectId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.SubjectId,
                a => db.Set<SubjectIdentifier>().Where(i => i.LookupHash == a.Key).Select(i => (long?)i.SubjectId).FirstOrDefault()), cancellationToken);

    /// <summary>People, not rows: a subject reached through a phone and an e-mail counts once.</summary>
    private static async Task<(long Unmatched, long Affected)> CountAsync(IQueryable<AffectedPerson> people, CancellationToken cancellationToken)
    {
        var unmatched = await people.LongCountAsync(a => a.SubjectId == null, cancellationToken);
        var subjects = await people.Where(a => a.SubjectId != null).Select(a => a.SubjectId).Distinct().LongCountAsync(cancellationToken);
        return (unmatched, unmatched + subjects);
    }

    private static async Task RecountAsync(PortalDbContext db, BreachIncident incident, CancellationToken cancellationToken)
    {
        (incident.UnmatchedCount, incident.AffectedCount) = await CountAsync(db.Set<AffectedPerson>().Where(a => a.IncidentId == incident.Id), cancellationToken);
        incident.Version++;
    }

    private static UInt128 Short(string hex) => UInt128.Parse(hex.AsSpan(0, 32), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private readonly record struct Line(long Number, IdentifierKind? Kind, string? Value, string? Error);

    /// <summary>Blank lines and a header line (<c>type,value</c>) are skipped; every other line is one identifier.</summary>
    private static IEnumerable<Line> ReadLines(Stream csv)
    {
        using var reader = TextFiles.OpenReader(csv)!;
        long number = 0;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            var text = raw.Trim();
            if (text.Length == 0)
            {
                continue;
            }
            var comma = text.IndexOf(',');
            string? kindText = comma < 0 ? null : Unquote(text[..comma]).ToLowerInvariant();
            var value = Unquote(comma < 0 ? text : text[(comma + 1)..]);
            if (number == 1 && (kindText is "type" or "kind" or "类型" || value.Equals("value", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            IdentifierKind kind;
            switch (kindText)
            {
                case null or "":
                    kind = IdentifierNormalizer.Guess(value);
                    break;
                case "phone" or "mobile" or "手机" or "手机号码":
                    kind = IdentifierKind.Phone;
                    break;
                case "email" or "e-mail" or "邮箱" or "电子邮箱":
                    kind = IdentifierKind.Email;
                    break;
                case "account_id" or "account" or "accountid" or "账号":
                    kind = IdentifierKind.AccountId;
                    break;
                default:
                    yield return new Line(number, null, null, "Breaches.Import.BadKind");
                    continue;
            }
            var normalized = IdentifierNormalizer.Normalize(kind, value, out var error);
            yield return normalized is null ? new Line(number, null, null, error ?? "Breaches.Import.BadValue") : new Line(number, kind, normalized, null);
        }
    }

    private static string Unquote(string value)
    {
        var text = value.Trim();
        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal).Trim() : text;
    }
}
