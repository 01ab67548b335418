using Microsoft.EntityFrameworkCore.Storage;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;

namespace PrivacyPortal.Bench;

/// <summary>
/// Events done in a wall-clock time and in process CPU time. On a shared machine the wall-clock rate drops when
/// other processes take the cores; the rate per CPU-second shows what the code itself costs.
/// </summary>
internal sealed record Throughput(string Name, long Events, TimeSpan Elapsed, TimeSpan Cpu)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public double EventsPerCpuSecond => Events / Math.Max(Cpu.TotalSeconds, 1e-9);
}

/// <summary>Wall clock plus process CPU time (all threads: the append itself, GC, background JIT).</summary>
internal readonly struct Meter
{
    private readonly long startTimestamp;
    private readonly TimeSpan startCpu;

    private Meter(long timestamp, TimeSpan cpu)
    {
        startTimestamp = timestamp;
        startCpu = cpu;
    }

    public static Meter Start() => new(Stopwatch.GetTimestamp(), CpuTime());

    public Throughput Stop(string name, long events) => new(name, events, Stopwatch.GetElapsedTime(startTimestamp), CpuTime() - startCpu);

    public static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}

/// <summary>Appends with the real <see cref="AuditChainWriter"/>: tail read, SHA-256 chain, one transaction per call.</summary>
internal static class HashedAppend
{
    public static async Task<Throughput> BatchesAsync(string name, AuditChainWriter writer, AuditRecord[][] batches)
    {
        var meter = Meter.Start();
        foreach (var batch in batches)
        {
            await writer.AppendAsync(batch);
        }
        return meter.Stop(name, batches.Sum(b => (long)b.Length));
    }

    public static async Task<Throughput> SinglesAsync(string name, AuditChainWriter writer, AuditRecord[] records)
    {
        var meter = Meter.Start();
        foreach (var record in records)
        {
            await writer.AppendAsync(record);
        }
        return meter.Stop(name, records.Length);
    }
}

/// <summary>
/// The baseline: the same rows through the same insert as <see cref="AuditChainWriter"/> (a fresh context per call,
/// a transaction per batch, the prepared <see cref="AuditInsert"/> per row) but with no tail read and no hashing;
/// both hash columns get a constant 32-byte value so the rows are just as wide.
/// </summary>
internal sealed class UnhashedAppend(IDbContextFactory<PortalDbContext> contexts, TimeProvider time)
{
    private static readonly byte[] Placeholder = Enumerable.Repeat((byte)0xA5, AuditEvent.HashLength).ToArray();

    private long sequence;
    private AuditInsert? insert;

    public async Task<Throughput> BatchesAsync(string name, AuditRecord[][] batches)
    {
        var meter = Meter.Start();
        foreach (var batch in batches)
        {
            await InsertAsync(batch);
        }
        return meter.Stop(name, batches.Sum(b => (long)b.Length));
    }

    public async Task<Throughput> SinglesAsync(string name, AuditRecord[] records)
    {
        var meter = Meter.Start();
        foreach (var record in records)
        {
            await InsertAsync([record]);
        }
        return meter.Stop(name, records.Length);
    }

    private async Task InsertAsync(IReadOnlyList<AuditRecord> records)
    {
        await using var db = await contexts.CreateDbContextAsync();
        insert ??= AuditInsert.For(db);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = insert.Sql;

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var r in records)
        {
            var e = new AuditEvent
            {
                Sequence = ++sequence,
                OccurredAtUtc = now,
                ActorId = r.ActorId,
                Action = r.Action,
                TargetType = r.TargetType,
                TargetId = r.TargetId,
                SubjectId = r.SubjectId,
                ClientIp = r.ClientIp,
                Outcome = r.Outcome,
                Detail = r.Detail,
                PreviousHash = Placeholder,
                Hash = Placeholder,
            };
            insert.Bind(command, e);
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}
