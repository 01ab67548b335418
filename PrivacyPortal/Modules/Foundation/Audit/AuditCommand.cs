namespace PrivacyPortal.Modules.Foundation.Audit;

/// <summary>
/// <c>dotnet run --project PrivacyPortal -- verify-audit --checkpoint FILE [--public-key PEM]</c>: proves the trail in the
/// configured database against a signed checkpoint, prints the finding and exits 0 (intact), 1 (not) or 2 (bad usage).
/// Without --public-key the portal's own key is trusted; give the key kept apart from the server to rule out a re-signed file.
/// </summary>
public static class AuditCommand
{
    public const string Name = "verify-audit";

    /// <summary>Runs the command when the arguments name it; false when the portal should start as usual.</summary>
    public static async Task<bool> RunAuditCommandAsync(this WebApplication app, string[] args)
    {
        if (args.FirstOrDefault() != Name)
        {
            return false;
        }
        Environment.ExitCode = await RunAsync(app.Services, args[1..], Console.Out);
        return true;
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var checkpointFile = Option(args, "--checkpoint");
        var publicKeyFile = Option(args, "--public-key");
        if (checkpointFile is null || !File.Exists(checkpointFile) || (publicKeyFile is not null && !File.Exists(publicKeyFile)))
        {
            await output.WriteLineAsync($"usage: {Name} --checkpoint <checkpoint.json> [--public-key <public-key.pem>] (file not found or not given)");
            return 2;
        }
        var checkpoint = AuditCheckpoint.Parse(await File.ReadAllTextAsync(checkpointFile));
        if (checkpoint is null)
        {
            await output.WriteLineAsync($"{checkpointFile} is not an audit checkpoint.");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        CheckpointVerification result;
        try
        {
            result = await scope.ServiceProvider.GetRequiredService<AuditCheckpointService>()
                .VerifyAsync(checkpoint, publicKeyFile is null ? null : await File.ReadAllTextAsync(publicKeyFile));
        }
        catch (System.Data.Common.DbException ex)
        {
            // No trail to read (wrong database, not migrated): a finding to report, not a crash.
            await output.WriteLineAsync($"CANNOT VERIFY: the audit trail cannot be read ({ex.Message}).");
            return 2;
        }
        await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(AuditActions.CheckpointVerified,
            result.Intact ? AuditOutcome.Success : AuditOutcome.Failure, targetType: "audit-checkpoint", targetId: checkpoint.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail: new { check = result.Check.ToString(), checkpoint.Sequence, checkpoint.KeyId, result.Chain.EventsChecked, result.Chain.FirstBrokenSequence },
            actorId: AuditActors.System);
        await output.WriteLineAsync(result.Check switch
        {
            CheckpointCheck.Intact => $"INTACT: the trail up to event {checkpoint.Sequence} is the one signed at {checkpoint.SignedAtUtc:O} (key {checkpoint.KeyId}); {result.Chain.EventsChecked} events checked.",
            CheckpointCheck.SignatureInvalid => $"BROKEN: the checkpoint's signature does not verify with the trusted key.",
            CheckpointCheck.Truncated => $"BROKEN: the trail ends before event {checkpoint.Sequence}: events were removed ({result.Chain.EventsChecked} remain).",
            CheckpointCheck.HashDiffers => $"BROKEN: event {checkpoint.Sequence} no longer has the signed hash: the trail was rewritten.",
            CheckpointCheck.BeforeTrailStart => $"RETIRED: events up to {checkpoint.Sequence} were deleted by the audit retention setting; verify against a later checkpoint.",
            _ => $"BROKEN: the chain breaks at event {result.Chain.FirstBrokenSequence}: {result.Chain.Problem}.",
        });
        return result.Intact ? 0 : result.Check == CheckpointCheck.BeforeTrailStart ? 2 : 1;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
