using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Audit;

public sealed class AuditChainTests : IAsyncLifetime
{
    private TestDatabase database = default!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    private AuditChainWriter Writer() => new(database, TimeProvider.System);

    private static AuditRecord Record(int i) => new(
        i % 2 == 0 ? AuditActions.SignInSucceeded : AuditActions.StaffRolesChanged,
        $"staff-{i % 7}",
        i % 5 == 0 ? AuditOutcome.Denied : AuditOutcome.Success,
        "staff",
        $"target-{i}",
        i % 3 == 0 ? $"subject-{i}" : null,
        "10.1.2.3",
        i % 4 == 0 ? null : $$"""{"n":{{i}},"reason":"核实身份"}""");

    private async Task AppendAsync(int count)
    {
        var writer = Writer();
        await writer.AppendAsync(Enumerable.Range(1, count / 2).Select(Record).ToList());
        for (var i = count / 2 + 1; i <= count; i++)
        {
            await writer.AppendAsync(Record(i));
        }
    }

    [Fact]
    public async Task Appended_events_form_an_unbroken_chain()
    {
        await AppendAsync(40);

        await using var db = database.CreateDbContext();
        var events = await db.AuditEvents.OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(AuditHash.Genesis, events[0].PreviousHash);
        for (var i = 1; i < events.Count; i++)
        {
            Assert.Equal(events[i - 1].Hash, events[i].PreviousHash);
        }
        var result = await new AuditVerifier(database).VerifyAsync();
        Assert.True(result.Intact);
        Assert.Equal(40, result.EventsChecked);
    }

    [Fact]
    public async Task Concurrent_appenders_on_two_instances_never_fork_the_chain()
    {
        // Two writers stand for two portal instances: they share only the database.
        var first = Writer();
        var second = Writer();
        var appends = Enumerable.Range(1, 60).Select(i => (i % 2 == 0 ? first : second).AppendAsync(Record(i)));
        await Task.WhenAll(appends);

        await using var db = database.CreateDbContext();
        Assert.Equal(60, await db.AuditEvents.CountAsync());
        Assert.Equal(60, await db.AuditEvents.MaxAsync(e => e.Sequence));
        Assert.True((await new AuditVerifier(database).VerifyAsync()).Intact);
    }

    [Fact]
    public async Task The_context_refuses_to_change_or_delete_audit_events()
    {
        await AppendAsync(2);

        await using var db = database.CreateDbContext();
        var e = await db.AuditEvents.FirstAsync();
        e.Action = "rewritten";
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        db.ChangeTracker.Clear();

        db.AuditEvents.Remove(await db.AuditEvents.FirstAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    public static TheoryData<string> Columns() =>
        ["Sequence", "OccurredAtUtc", "ActorId", "Action", "TargetType", "TargetId", "SubjectId", "ClientIp", "Outcome", "Detail", "PreviousHash", "Hash"];

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task A_one_byte_change_to_any_stored_field_is_detected_at_its_sequence(string column)
    {
        await AppendAsync(30);
        const long tampered = 17;

        await ChangeOneByteAsync(column, tampered);

        var result = await new AuditVerifier(database).VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(tampered, result.FirstBrokenSequence);
        Assert.Equal(tampered - 1, result.EventsChecked);
    }

    [Theory]
    [InlineData("replace(OccurredAtUtc, ' ', 'T')")]
    [InlineData("OccurredAtUtc || '0'")]
    public async Task An_equivalent_spelling_of_the_stored_time_is_still_a_change(string tamperedValue)
    {
        await AppendAsync(10);
        await ExecuteAsync($"UPDATE AuditEvents SET OccurredAtUtc = {tamperedValue} WHERE Sequence = 4");

        var result = await new AuditVerifier(database).VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task A_deleted_event_is_reported_where_the_gap_starts()
    {
        await AppendAsync(10);
        await ExecuteAsync("DELETE FROM AuditEvents WHERE Sequence = 6");

        var result = await new AuditVerifier(database).VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(6, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task An_empty_trail_is_intact()
    {
        var result = await new AuditVerifier(database).VerifyAsync();
        Assert.True(result.Intact);
        Assert.Equal(0, result.EventsChecked);
    }

    /// <summary>Changes exactly one byte of the stored value, as someone editing the database file would.</summary>
    private async Task ChangeOneByteAsync(string column, long sequence)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = $"SELECT {column} FROM AuditEvents WHERE Sequence = $s";
        read.Parameters.AddWithValue("$s", sequence);
        var value = await read.ExecuteScalarAsync();

        object changed = value switch
        {
            long l => l + 1000, // an integer column: a different value in its one stored representation
            byte[] bytes => FlipFirstByte(bytes),
            string s => ChangeOneChar(s),
            DBNull => "x",
            _ => throw new InvalidOperationException($"Unexpected {value?.GetType()}"),
        };
        await using var write = connection.CreateCommand();
        write.CommandText = $"UPDATE AuditEvents SET {column} = $v WHERE Sequence = $s";
        write.Parameters.AddWithValue("$v", changed);
        write.Parameters.AddWithValue("$s", sequence);
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }

    private static byte[] FlipFirstByte(byte[] bytes)
    {
        var copy = bytes.ToArray();
        copy[0] ^= 0x01;
        return copy;
    }

    private static string ChangeOneChar(string s)
    {
        // Change a digit if there is one (timestamps), else the last character.
        var i = s.LastIndexOfAny("123456789".ToCharArray());
        var at = i >= 0 ? i : s.Length - 1;
        var replacement = s[at] == '1' ? '2' : char.IsDigit(s[at]) ? '1' : s[at] == 'x' ? 'y' : 'x';
        return s[..at] + replacement + s[(at + 1)..];
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
