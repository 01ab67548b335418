using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

public sealed record ConnectorSettingsView(
    int SystemId, string SystemName, int Version, ConnectorKind Kind, string? DatabaseProvider, bool HasSecret, string? BaseUrl,
    DatabaseMapping Mapping, string? ManualChecklist, IReadOnlyList<DataCategory> Categories);

public sealed class ConnectorSettingsInput
{
    public int SystemId { get; set; }

    public int Version { get; set; }

    public ConnectorKind Kind { get; set; }

    public string? DatabaseProvider { get; set; }

    /// <summary>A new connection string (database) or shared secret (HTTP); empty keeps the stored one.</summary>
    public string? NewSecret { get; set; }

    public string? BaseUrl { get; set; }

    public DatabaseMapping Mapping { get; set; } = new();

    public string? ManualChecklist { get; set; }
}

/// <summary>
/// How a system is reached. A database mapping is saved only after it has been checked against the live schema;
/// secrets are stored encrypted and never shown again; every change is audited (without the secret).
/// </summary>
public sealed class ConnectorSettingsService(
    IDbContextFactory<PortalDbContext> contexts,
    ConnectorSecrets secrets,
    DatabaseConnector database,
    ConnectionGuard guard,
    AuditTrail audit, AccessGuard access)
{
    public const int MinHttpSecretLength = 16;
    public const int MaxChecklistItems = 30;

    public async Task<ConnectorSettingsView?> GetAsync(int systemId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var system = await db.Set<DataSystem>().AsNoTracking().Include(s => s.Categories).SingleOrDefaultAsync(s => s.Id == systemId, cancellationToken);
        return system is null
            ? null
            : new ConnectorSettingsView(system.Id, system.Name, system.Version, system.ConnectorKind, system.DatabaseProvider,
                !string.IsNullOrEmpty(system.SecretProtected), system.BaseUrl, DatabaseMapping.FromJson(system.MappingJson), system.ManualChecklist,
                system.Categories.OrderBy(c => c.Id).ToList());
    }

    /// <summary>The live schema, from a connection string just typed or the one stored for the system.</summary>
    public async Task<(IReadOnlyList<MappingProblem> Problems, DatabaseSchema? Schema)> LoadSchemaAsync(int systemId, string? provider, string? newConnectionString, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.SystemManage, "connectors.load-schema");
        var (problems, connection) = await ConnectionAsync(systemId, provider, newConnectionString, cancellationToken);
        if (connection is null)
        {
            return (problems, null);
        }
        try
        {
            await using var db = guard.Create(provider!, connection, readOnly: true);
            await db.OpenAsync(cancellationToken);
            return ([], await DatabaseSchema.ReadAsync(provider!, db, cancellationToken));
        }
        catch (ConnectionRefusedException refused)
        {
            return ([new MappingProblem(refused.Key)], null);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or ArgumentException or InvalidOperationException)
        {
            return ([new MappingProblem("Connectors.Db.CannotConnect", Shared.Masking.Scrub(e.Message))], null);
        }
    }

    public async Task<(IReadOnlyList<MappingProblem> Problems, bool Conflict)> SaveAsync(ConnectorSettingsInput input, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.SystemManage, "connectors.save");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var system = await db.Set<DataSystem>().Include(s => s.Categories).SingleOrDefaultAsync(s => s.Id == input.SystemId, cancellationToken);
        if (system is null)
        {
            return ([new MappingProblem("Common.NotFound")], false);
        }
        var problems = new List<MappingProblem>();
        object detail;
        switch (input.Kind)
        {
            case ConnectorKind.Database:
                var (connectionProblems, connection) = await ConnectionAsync(system.Id, input.DatabaseProvider, input.NewSecret, cancellationToken);
                problems.AddRange(connectionProblems);
                if (connection is null)
                {
                    return (problems, false);
                }
                var (mappingProblems, mapping) = await database.ValidateAsync(input.DatabaseProvider!, connection, input.Mapping,
                    system.Categories.Select(c => c.Key).ToList(), cancellationToken);
                if (mapping is null)
                {
                    return (mappingProblems, false);
                }
                system.DatabaseProvider = input.DatabaseProvider;
                system.SecretProtected = secrets.Protect(connection);
                system.MappingJson = mapping.ToJson();
                system.BaseUrl = null;
                system.ManualChecklist = null;
                detail = new { kind = input.Kind.ToString(), input.DatabaseProvider, tables = mapping.Tables.Select(t => t.Table).ToArray(), newSecret = !string.IsNullOrEmpty(input.NewSecret) };
                break;
            case ConnectorKind.Http:
                if (!Uri.TryCreate(input.BaseUrl?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    problems.Add(new("Connectors.Http.BadUrl"));
                }
                var secret = string.IsNullOrEmpty(input.NewSecret)
                    ? (system.ConnectorKind == ConnectorKind.Http && system.SecretProtected is { } stored ? secrets.Unprotect(stored) : null)
                    : input.NewSecret;
                if (secret is null || secret.Length < MinHttpSecretLength)
                {
                    problems.Add(new("Connectors.Http.SecretTooShort", MinHttpSecretLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                if (problems.Count > 0)
                {
                    return (problems, false);
                }
                system.BaseUrl = url!.ToString().TrimEnd('/');
                system.SecretProtected = secrets.Protect(secret!);
                system.DatabaseProvider = null;
                system.MappingJson = null;
                system.ManualChecklist = null;
                detail = new { kind = input.Kind.ToString(), baseUrl = system.BaseUrl, newSecret = !string.IsNullOrEmpty(input.NewSecret) };
                break;
            default:
                var items = (input.ManualChecklist ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (items.Length == 0)
                {
                    problems.Add(new("Connectors.Manual.ChecklistRequired"));
                }
                else if (items.Length > MaxChecklistItems || items.Any(i => i.Length > 200))
                {
                    problems.Add(new("Connectors.Manual.ChecklistTooLong", MaxChecklistItems.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                if (problems.Count > 0)
                {
                    return (problems, false);
                }
                system.ManualChecklist = string.Join('\n', items);
                system.SecretProtected = null;
                system.DatabaseProvider = null;
                system.MappingJson = null;
                system.BaseUrl = null;
                detail = new { kind = input.Kind.ToString(), items = items.Length };
                break;
        }
        system.ConnectorKind = input.Kind;
        if (!db.TryClaim(system, input.Version))
        {
            return ([], true);
        }
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return ([], true);
        }
        await audit.RecordAsync(ConnectorActions.ConnectorConfigured, targetType: "system", targetId: system.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail: detail, cancellationToken: cancellationToken);
        return ([], false);
    }

    private async Task<(IReadOnlyList<MappingProblem> Problems, string? Connection)> ConnectionAsync(int systemId, string? provider, string? newConnectionString, CancellationToken cancellationToken)
    {
        if (provider is null || !DatabaseProviders.All.Contains(provider))
        {
            return ([new MappingProblem("Connectors.Db.ProviderRequired")], null);
        }
        if (!string.IsNullOrWhiteSpace(newConnectionString))
        {
            return ([], newConnectionString.Trim());
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Set<DataSystem>().Where(s => s.Id == systemId && s.ConnectorKind == ConnectorKind.Database).Select(s => s.SecretProtected).SingleOrDefaultAsync(cancellationToken);
        return stored is null ? ([new MappingProblem("Connectors.Db.ConnectionRequired")], null) : ([], secrets.Unprotect(stored));
    }
}
