using System.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Tests.Infrastructure;
using static PrivacyPortal.Tests.Breaches.BreachTestData;

namespace PrivacyPortal.Tests.Breaches;

/// <summary>A long affected-people import writes in short transactions: the hotline saves in between, nobody sees half a file, a failure leaves nothing.</summary>
public sealed class AffectedImportInterleavingTests
{
    private const int People = 60_000;

    private static byte[] File() => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, People).Select(i => $"email,person-{i:D6}@example.com\n")));

    private static async Task<(int Visible, int Staged)> CountAsync(ServiceHarness harness, long incidentId)
    {
        await using var db = harness.Database.CreateDbContext();
        return (await db.Set<AffectedPerson>().CountAsync(a => a.IncidentId == incidentId),
            await db.Set<AffectedPerson>().IgnoreQueryFilters().CountAsync(a => a.IncidentId == incidentId && a.Staged));
    }

    [Fact]
    public async Task A_hotline_intake_is_saved_while_an_import_is_half_written_and_the_import_appears_whole_at_the_end()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var incidentId = await IncidentAsync(harness);
        var (_, subjectId) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13900000041")]);
        var bytes = File();
        using var csv = new GatedStream(bytes, gateAt: bytes.Length / 2);

        var import = Task.Run(() => harness.As<AffectedImportService>(OfficerA).ImportAsync(incidentId, csv));
        await csv.Reached.WaitAsync(TimeSpan.FromSeconds(60));

        // Half the file is written, staged: nobody sees it, and the database takes another writer's save at once.
        var (visible, staged) = await CountAsync(harness, incidentId);
        Assert.Equal(0, visible);
        Assert.True(staged > 0, "the first write batches are committed");
        var intake = await harness.Get<RequestService>().TakeAsync(new IntakeInput { SubjectId = subjectId!.Value, Types = [RequestType.Access], Summary = "来电查询个人信息" });
        Assert.True(intake.Errors.IsValid, string.Join(", ", intake.Errors));
        Assert.Single(intake.Created);

        csv.Open.Release();
        var result = await import;
        Assert.Equal((People, (long)People), (result.Rows, result.Added));
        Assert.Equal((People, 0), await CountAsync(harness, incidentId));
        await using var db = harness.Database.CreateDbContext();
        Assert.Equal(People, (await db.Set<BreachIncident>().SingleAsync(i => i.Id == incidentId)).AffectedCount);
    }

    [Fact]
    public async Task An_import_that_fails_half_way_is_withdrawn_and_leaves_the_incident_as_it_was()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var incidentId = await IncidentAsync(harness);
        var bytes = File();
        using var csv = new GatedStream(bytes, gateAt: bytes.Length / 2, fail: true);

        await Assert.ThrowsAsync<IOException>(() => harness.As<AffectedImportService>(OfficerA).ImportAsync(incidentId, csv));

        Assert.Equal((0, 0), await CountAsync(harness, incidentId));
        await using var db = harness.Database.CreateDbContext();
        Assert.Equal(0, (await db.Set<BreachIncident>().SingleAsync(i => i.Id == incidentId)).AffectedCount);
        Assert.Empty(await db.Set<BreachEvent>().Where(e => e.IncidentId == incidentId && e.Kind == BreachEventKind.AffectedImported).ToListAsync());
    }

    /// <summary>
    /// The upload as the import reads it, which stops (or fails) the second time a read crosses <paramref name="gateAt"/>:
    /// the first pass validates, the second writes.
    /// </summary>
    private sealed class GatedStream(byte[] bytes, int gateAt, bool fail = false) : MemoryStream(bytes, writable: false)
    {
        private int crossings;

        public SemaphoreSlim Reached { get; } = new(0);

        public SemaphoreSlim Open { get; } = new(0);

        public override int Read(Span<byte> buffer)
        {
            var copy = new byte[buffer.Length];
            var read = Read(copy, 0, copy.Length);
            copy.AsSpan(0, read).CopyTo(buffer);
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position <= gateAt && Position + count > gateAt && ++crossings == 2)
            {
                if (fail)
                {
                    throw new IOException("The upload's temporary file could not be read.");
                }
                Reached.Release();
                Open.Wait();
            }
            return base.Read(buffer, offset, count);
        }
    }
}
