using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyPortal.Security;

namespace PrivacyPortal.Data;

/// <summary>Takes the embedded database for this instance, applies migrations (unless a DBA does it) and makes sure the four roles exist.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<PortalDbContext> contexts,
    SqliteInstanceLock instanceLock,
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            instanceLock.Acquire();
        }
        catch (InvalidOperationException ex)
        {
            logger.LogCritical("{Reason}", ex.Message);
            throw;
        }
        if (options.Value.MigrateOnStartup)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database migrated ({Provider})", options.Value.Provider);
        }

        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role))
            {
                continue;
            }
            try
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
            catch (DbUpdateException)
            {
                // Another instance starting at the same moment created it first.
                if (!await roles.RoleExistsAsync(role))
                {
                    throw;
                }
            }
        }
    }
}

public static class DatabaseInitializerExtensions
{
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }
}
