using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Staff;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Setup;

/// <summary>Remembers, once seen, that the portal has accounts: from then on setup is gone for good.</summary>
public sealed class SetupState(IDbContextFactory<PortalDbContext> contexts)
{
    private volatile bool done;

    internal SemaphoreSlim Gate { get; } = new(1, 1);

    public async Task<bool> IsOpenAsync(CancellationToken cancellationToken = default)
    {
        if (done)
        {
            return false;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        done = await db.Users.AnyAsync(cancellationToken);
        return !done;
    }
}

public sealed class SetupInput
{
    public string DisplayName { get; set; } = "";

    public string Email { get; set; } = "";

    public string Password { get; set; } = "";

    public string ConfirmPassword { get; set; } = "";

    public bool GenerateDemoData { get; set; }
}

/// <summary>
/// Fills a new portal with generated data. Only the Demo module implements it, and Program.cs adds that module in the
/// Development environment only: a production portal has no implementation, so no demo accounts and no known password.
/// </summary>
public interface IDemoDataGenerator
{
    /// <summary>The password every demo account gets (shown on the setup page).</summary>
    string Password { get; }

    Task GenerateAsync(string adminId, CancellationToken cancellationToken = default);
}

/// <summary>First run: creates the first Admin while no account exists, and (in Development only) demo data.</summary>
public sealed class SetupService(SetupState state, StaffService staff, AuditTrail audit, IEnumerable<IDemoDataGenerator> demoGenerators, CurrentActor actor)
{
    /// <summary>The demo data generator where the Demo module is added (Development), otherwise none.</summary>
    public IDemoDataGenerator? Demo { get; } = demoGenerators.SingleOrDefault();

    public const string SetupClosed = "Setup.Closed";

    public async Task<(FieldErrors Errors, string? AdminId)> CompleteAsync(SetupInput input, CancellationToken cancellationToken = default)
    {
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            if (!await state.IsOpenAsync(cancellationToken))
            {
                return (new FieldErrors { [""] = SetupClosed }, null);
            }
            var account = new NewStaffAccount
            {
                DisplayName = input.DisplayName,
                Email = input.Email,
                Password = input.Password,
                ConfirmPassword = input.ConfirmPassword,
                Roles = [Roles.Admin],
            };
            var (errors, id) = await staff.CreateAsync(account, cancellationToken);
            if (id is null)
            {
                return (errors, null);
            }
            await audit.RecordAsync(AuditActions.SetupCompleted, targetType: "staff", targetId: id, actorId: id, cancellationToken: cancellationToken);
            await state.IsOpenAsync(cancellationToken);
            if (input.GenerateDemoData && Demo is not null)
            {
                // The demo data is the new Admin's doing, though the sign-in cookie is only issued afterwards.
                actor.ActingAs = id;
                await Demo.GenerateAsync(id, cancellationToken);
            }
            return (errors, id);
        }
        finally
        {
            state.Gate.Release();
        }
    }
}

/// <summary>While no account exists every page leads to setup; afterwards /setup answers 404, for everyone.</summary>
public static class SetupGate
{
    private static readonly string[] Passthrough = ["/setup", "/_framework", "/_content", "/_blazor", "/css", "/js", "/fonts", "/favicon.svg", "/healthz", "/culture", "/error", "/not-found"];

    public static WebApplication UseSetupGate(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var open = await context.RequestServices.GetRequiredService<SetupState>().IsOpenAsync(context.RequestAborted);
            if (open && !Passthrough.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.Redirect("/setup");
                return;
            }
            if (!open && path.StartsWithSegments("/setup", StringComparison.OrdinalIgnoreCase))
            {
                // Once any account exists, setup does not exist (the status-code page renders the 404).
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        });
        return app;
    }
}
