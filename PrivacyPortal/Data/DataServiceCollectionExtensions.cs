using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Configuration;

namespace PrivacyPortal.Data;

public static class DataServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        var connectionString = ConnectionString(builder.Configuration, options.Provider, builder.Environment.ContentRootPath);

        // Blazor circuits live long: components and services create a short-lived context per unit of work.
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.Services.AddDbContextFactory<SqlitePortalDbContext>(o => UseSqlite(o, connectionString));
                builder.Services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlitePortalDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                builder.Services.AddDbContextFactory<SqlServerPortalDbContext>(o => UseSqlServer(o, connectionString));
                builder.Services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlServerPortalDbContext>>();
                break;
        }

        // Identity and data protection resolve the context per request.
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        builder.Services.AddSingleton<DatabaseInitializer>();
        builder.Services.AddSingleton<SqliteInstanceLock>();
        return builder;
    }

    public static string ConnectionString(IConfiguration configuration, DatabaseProvider provider, string contentRoot)
    {
        var name = provider.ToString();
        var value = configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not set.");
        if (provider != DatabaseProvider.Sqlite)
        {
            return value;
        }

        var sqlite = new SqliteConnectionStringBuilder(value);
        if (sqlite.DataSource != ":memory:" && sqlite.Mode != SqliteOpenMode.Memory)
        {
            sqlite.DataSource = PortalConfiguration.ResolvePath(contentRoot, sqlite.DataSource);
        }
        return sqlite.ToString();
    }

    internal static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(PortalDbContext).Assembly.FullName))
            .AddInterceptors(SqlitePragmas.Instance);

    internal static DbContextOptionsBuilder UseSqlServer(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure());
}

internal sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    public PortalDbContext CreateDbContext() => inner.CreateDbContext();
}
