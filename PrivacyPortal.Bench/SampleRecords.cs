using PrivacyPortal.Modules.Foundation.Audit;

namespace PrivacyPortal.Bench;

/// <summary>
/// Deterministic, realistic audit records: staff GUIDs as actors, real action names, a target, a data subject id,
/// an IPv4 or IPv6 client address and a small JSON detail. The same seed gives the same rows, so the hashed run and
/// the unhashed baseline insert identical data.
/// </summary>
internal static class SampleRecords
{
    private static readonly (string Action, AuditOutcome Outcome, string TargetType, string Detail)[] Shapes =
    [
        (AuditActions.SignInSucceeded, AuditOutcome.Success, "StaffUser", """{"method":"password+totp","rememberMe":false}"""),
        (AuditActions.SignInSucceeded, AuditOutcome.Success, "StaffUser", """{"method":"password+totp","rememberMe":true}"""),
        (AuditActions.SignInFailed, AuditOutcome.Failure, "StaffUser", """{"reason":"bad-password","attempt":2}"""),
        (AuditActions.SignedOut, AuditOutcome.Success, "StaffUser", """{"reason":"user"}"""),
        (AuditActions.AuthorizationDenied, AuditOutcome.Denied, "Page", """{"policy":"Auditor","path":"/audit"}"""),
        (AuditActions.StaffRolesChanged, AuditOutcome.Success, "StaffUser", """{"added":["Auditor"],"removed":["Agent"]}"""),
        (AuditActions.PasswordChanged, AuditOutcome.Success, "StaffUser", """{"forced":false}"""),
        (AuditActions.TwoFactorEnabled, AuditOutcome.Success, "StaffUser", """{"authenticator":"totp"}"""),
    ];

    /// <summary>A pool of <paramref name="count"/> distinct records; callers cycle through it.</summary>
    public static AuditRecord[] Create(int count, int seed = 20261127)
    {
        var random = new Random(seed);
        var actors = Enumerable.Range(0, 250).Select(_ => NewGuid(random)).ToArray();
        var records = new AuditRecord[count];
        for (var i = 0; i < count; i++)
        {
            var shape = Shapes[random.Next(Shapes.Length)];
            var actor = actors[random.Next(actors.Length)];
            var targetId = shape.TargetType == "Page" ? "/audit/search" : random.Next(4) == 0 ? actors[random.Next(actors.Length)] : actor;
            var subjectId = $"DS-{random.Next(1, 10_000_000):D8}";
            var clientIp = random.Next(5) == 0
                ? $"2001:db8:{random.Next(0x10000):x}:{random.Next(0x10000):x}::{random.Next(1, 0x10000):x}"
                : $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
            records[i] = new AuditRecord(shape.Action, actor, shape.Outcome, shape.TargetType, targetId, subjectId, clientIp, shape.Detail);
        }
        return records;
    }

    /// <summary>Cuts <paramref name="count"/> records, cycling through the pool, into batches of <paramref name="batchSize"/>.</summary>
    public static AuditRecord[][] Batches(AuditRecord[] pool, int count, int batchSize)
    {
        var batches = new List<AuditRecord[]>(count / batchSize + 1);
        for (var start = 0; start < count; start += batchSize)
        {
            var batch = new AuditRecord[Math.Min(batchSize, count - start)];
            for (var j = 0; j < batch.Length; j++)
            {
                batch[j] = pool[(start + j) % pool.Length];
            }
            batches.Add(batch);
        }
        return [.. batches];
    }

    private static string NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }
}
